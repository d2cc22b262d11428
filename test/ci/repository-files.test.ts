import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What a fork gets on day one beside the code: licence, Node version, dependency updates. */
const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const packageJson = JSON.parse(read('package.json')) as {
  license: string;
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const dependencies = Object.keys({ ...packageJson.dependencies, ...packageJson.devDependencies });

/** The first line and the grant of each licence package.json may name (SPDX texts). */
const LICENCE_TEXTS: Record<string, { title: string; grant: RegExp; attribution: boolean }> = {
  'MIT-0': {
    title: 'MIT No Attribution',
    grant: /Permission is hereby granted, free of charge, to any person obtaining a copy of this\s+software/,
    attribution: false,
  },
  MIT: { title: 'MIT License', grant: /Permission is hereby granted, free of charge, to any person obtaining a copy\s+of this software/, attribution: true },
};

describe('LICENSE', () => {
  test('is the text of the licence package.json names', () => {
    const licence = LICENCE_TEXTS[packageJson.license];
    expect(licence).toBeDefined();
    const text = read('LICENSE');
    expect(text.split('\n')[0]).toBe(licence!.title);
    expect(text).toMatch(/^Copyright \d{4} /m);
    expect(text).toMatch(licence!.grant);
    expect(text).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
    // MIT-0 is MIT without the condition to keep the notice in copies: that sentence must be absent.
    expect(text.includes('The above copyright notice and this permission notice shall be included')).toBe(licence!.attribution);
  });
});

describe('.nvmrc', () => {
  test("names the Node major CI uses, one that package.json's engines accept", () => {
    const major = read('.nvmrc').trim();
    expect(major).toBe('24');
    expect(Number(major)).toBeGreaterThanOrEqual(Number(/>=\s*(\d+)/.exec(packageJson.engines.node)![1]));
  });
});

interface PackageRule {
  description?: string;
  groupName?: string;
  matchPackageNames?: string[];
  matchManagers?: string[];
  matchUpdateTypes?: string[];
  rangeStrategy?: string;
  allowedVersions?: string;
  enabled?: boolean;
}

/** Renovate's glob for package names: `@scope/**` takes the whole scope. */
const matches = (pattern: string, name: string) => (pattern.endsWith('/**') ? name.startsWith(pattern.slice(0, -2)) : pattern === name);

describe('renovate.json', () => {
  const config = JSON.parse(read('renovate.json')) as {
    extends: string[];
    lockFileMaintenance: { enabled: boolean; schedule: string[] };
    packageRules: PackageRule[];
  };
  const group = (name: string) => config.packageRules.find((rule) => rule.groupName === name);
  const groupOf = (dependency: string) =>
    config.packageRules.filter((rule) => rule.groupName && rule.matchPackageNames?.some((pattern) => matches(pattern, dependency)));

  test('extends the recommended preset and keeps the lock file fresh every week', () => {
    expect(config.extends).toContain('config:recommended');
    expect(config.lockFileMaintenance.enabled).toBe(true);
    expect(config.lockFileMaintenance.schedule).toEqual([expect.stringMatching(/on monday/)]);
  });

  test.each([
    ['AWS SDK', ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-sqs']],
    ['AWS CDK', ['aws-cdk', 'aws-cdk-lib', 'constructs', 'cdk-nag', '@cdklabs/cdk-validator-cfnguard']],
    ['Powertools for AWS Lambda', ['@aws-lambda-powertools/logger', '@aws-lambda-powertools/idempotency']],
    ['dev tooling', ['jest', 'ts-jest', 'typescript', '@biomejs/biome', 'esbuild', 'tsx', '@stoplight/spectral-cli', '@redocly/cli']],
  ])('groups %s', (name, members) => {
    for (const member of members) expect({ member, groups: groupOf(member).map((rule) => rule.groupName) }).toEqual({ member, groups: [name] });
  });

  test('groups the GitHub Actions of the workflows', () => {
    expect(group('GitHub Actions')?.matchManagers).toEqual(['github-actions']);
  });

  test('pins Powertools, and every Powertools package in package.json is at one exact version, so they move as one', () => {
    expect(group('Powertools for AWS Lambda')?.rangeStrategy).toBe('pin');
    const versions = new Set(
      Object.entries({ ...packageJson.dependencies, ...packageJson.devDependencies })
        .filter(([name]) => name.startsWith('@aws-lambda-powertools/'))
        .map(([, version]) => version),
    );
    expect(versions.size).toBe(1);
    expect([...versions][0]).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('no dependency sits in two groups, and every package a group names exactly is a dependency (no stale names)', () => {
    for (const dependency of dependencies) expect({ dependency, groups: groupOf(dependency).length <= 1 }).toEqual({ dependency, groups: true });
    const exactNames = config.packageRules
      .filter((rule) => rule.groupName)
      .flatMap((rule) => rule.matchPackageNames ?? [])
      .filter((pattern) => !pattern.includes('*'));
    for (const name of exactNames) expect({ name, dependency: dependencies.includes(name) }).toEqual({ name, dependency: true });
  });

  test('keeps the versions the toolchain cannot take: aws-cdk 3 (a placeholder), TypeScript ≥ 6, a new Node major', () => {
    const held = (name: string) =>
      config.packageRules.filter((rule) => rule.matchPackageNames?.includes(name) && (rule.allowedVersions !== undefined || rule.enabled === false));
    expect(held('aws-cdk')).toEqual([expect.objectContaining({ allowedVersions: '<3' })]);
    expect(held('typescript')).toEqual([expect.objectContaining({ allowedVersions: '<6' })]);
    expect(held('node')).toEqual([expect.objectContaining({ matchUpdateTypes: ['major'], enabled: false })]);
    for (const rule of config.packageRules)
      expect({ rule: rule.groupName ?? rule.matchPackageNames, described: (rule.description ?? '').length > 20 }).toMatchObject({ described: true });
  });
});
