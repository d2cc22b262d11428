import { execFile } from 'node:child_process';
import { accessSync, chmodSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * AWS Control Tower's proactive controls as cfn-guard rules, with the cfn-guard binary, both shipped
 * by @cdklabs/cdk-validator-cfnguard (no network). Runs the rules on a synthesized template and
 * reports each failing control with the resources it names.
 */
const PACKAGE = path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'));
export const CONTROL_TOWER_RULES = path.join(PACKAGE, 'rules', 'control-tower', 'cfn-guard');

/** The binary for this machine: the package ships Linux (as "ubuntu") and macOS builds for x86_64 and aarch64. */
export function cfnGuardBinary(): string {
  const os = ({ linux: 'ubuntu', darwin: 'macos' } as Record<string, string>)[process.platform];
  const arch = ({ x64: 'x86_64', arm64: 'aarch64' } as Record<string, string>)[process.arch];
  if (!os || !arch) throw new Error(`@cdklabs/cdk-validator-cfnguard ships no cfn-guard for ${process.platform}/${process.arch}`);
  const binary = path.join(PACKAGE, 'bin', os, arch, 'cfn-guard');
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    // npm may drop the executable bit of a file inside a package.
    chmodSync(binary, 0o755);
  }
  return binary;
}

/** Every rule file of the Control Tower set. */
export function ruleFiles(dir = CONTROL_TOWER_RULES): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return ruleFiles(file);
    return name.endsWith('.guard') ? [file] : [];
  });
}

/**
 * The rule files that can apply to a template: each rule selects resources by type, so a file naming
 * none of the template's types has nothing to check (and skipping it saves most of the run).
 */
export function applicableRuleFiles(template: { Resources: Record<string, { Type: string }> }): string[] {
  const types = new Set(Object.values(template.Resources).map((resource) => resource.Type));
  return ruleFiles()
    .filter((file) => {
      const rules = readFileSync(file, 'utf8');
      return [...types].some((type) => rules.includes(`"${type}"`));
    })
    .sort();
}

export interface ControlFinding {
  /** `CT.SQS.PR.1`, from the rule's message. */
  control: string;
  /** The cfn-guard rule that failed. */
  rule: string;
  /** Logical ids of the resources it names. */
  resources: string[];
}

/** cfn-guard's JSON output is one JSON document per rule file, written one after the other. */
function jsonDocuments(text: string): unknown[] {
  const documents: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) documents.push(JSON.parse(text.slice(start, i + 1)));
  }
  return documents;
}

interface GuardDocument {
  status: 'PASS' | 'FAIL' | 'SKIP';
  not_compliant: { Rule: { name: string } }[];
}

/** Runs every applicable rule on the template file; the failing controls, one entry per failing rule. */
export async function controlTowerFindings(templateFile: string): Promise<ControlFinding[]> {
  const template = JSON.parse(readFileSync(templateFile, 'utf8')) as { Resources: Record<string, { Type: string }> };
  const args = ['validate', '-d', templateFile, ...applicableRuleFiles(template).flatMap((file) => ['-r', file]), '--show-summary', 'none', '-o', 'json'];
  const output = await new Promise<string>((resolve, reject) => {
    execFile(cfnGuardBinary(), args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      // cfn-guard exits 19 when a rule fails; its report is on stdout all the same.
      if (error && (error.code !== 19 || !stdout)) reject(new Error(`cfn-guard failed (exit ${error.code}): ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
  const findings: ControlFinding[] = [];
  for (const document of jsonDocuments(output) as GuardDocument[]) {
    for (const failure of document.not_compliant ?? []) {
      const text = JSON.stringify(failure);
      const control = /\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(text)?.[1] ?? `(rule ${failure.Rule.name})`;
      const resources = [...new Set([...text.matchAll(/\/Resources\/([^/[\]"]+)\//g)].map((match) => match[1]!))].sort();
      findings.push({ control, rule: failure.Rule.name, resources });
    }
  }
  return findings;
}
