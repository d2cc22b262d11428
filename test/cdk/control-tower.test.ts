import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { controlTowerExemptions, ruleFileOf, type DeployedStage, type TemplateResource } from '#lib/compliance/control-tower-exemptions';
import { loadStageConfig } from '#lib/config';
import { OrderSagaStack } from '#lib/ordersaga-stack';
import { appWiring } from '#lib/wiring';
import { controlTowerFindings, ruleFiles, type ControlFinding } from './support/cfn-guard';
import { testApp, testDeployInputs } from './support/test-stack';
import { scratchDir } from '#test/support/scratch-dirs';

/**
 * AWS Control Tower's proactive controls on every deployed stage. Control Tower runs them as
 * CloudFormation hooks, on the properties of a deployment in one account and Region, so each stage is
 * synthesized for an example account and Region (an environment-agnostic template leaves the account
 * as a `Ref`, which the rules cannot read as one). Every failing control is either fixed or listed in
 * lib/compliance/control-tower-exemptions.ts with its reason; anything else fails here.
 */
const STAGES: DeployedStage[] = ['dev', 'prod', 'localstack'];
const ENVIRONMENT = { account: '111122223333', region: 'eu-west-1' };
const JWKS = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1' }] });
const workDir = scratchDir('control-tower-');

interface StageResult {
  file: string;
  resources: Map<string, TemplateResource>;
  findings: ControlFinding[];
}

function synthesize(stage: DeployedStage): { file: string; resources: Map<string, TemplateResource> } {
  const config = loadStageConfig(stage, testDeployInputs(stage, { jwksJson: JWKS }));
  const stack = new OrderSagaStack(testApp(), `OrderSaga-${stage}`, { config, wiring: appWiring, env: ENVIRONMENT });
  const template = Template.fromStack(stack).toJSON() as { Resources: Record<string, Omit<TemplateResource, 'logicalId'>> };
  const file = path.join(workDir, `${stage}.template.json`);
  writeFileSync(file, JSON.stringify(template));
  return { file, resources: new Map(Object.entries(template.Resources).map(([logicalId, resource]) => [logicalId, { logicalId, ...resource }])) };
}

/** Each stage built and checked once for the whole file. */
const results = new Map<DeployedStage, StageResult>();
beforeAll(async () => {
  const synthesized = STAGES.map((stage) => ({ stage, ...synthesize(stage) }));
  // The three cfn-guard runs side by side: they are most of the time.
  await Promise.all(synthesized.map(async ({ stage, ...built }) => results.set(stage, { ...built, findings: await controlTowerFindings(built.file) })));
}, 600_000);

/** The exemptions of a stage that cover one resource's finding of a control. */
const exemptionsFor = (stage: DeployedStage, control: string, resource: TemplateResource | undefined) =>
  controlTowerExemptions.filter(
    (exemption) =>
      exemption.control === control && exemption.stages.includes(stage) && (!exemption.appliesTo || (resource !== undefined && exemption.appliesTo(resource))),
  );

describe('AWS Control Tower proactive controls', () => {
  test.each(STAGES)('%s: every failing control is fixed or exempted with its reason', (stage) => {
    const { findings, resources } = results.get(stage)!;
    const unexempted = findings.flatMap((finding) =>
      (finding.resources.length > 0 ? finding.resources : ['(no resource named)'])
        .filter((id) => exemptionsFor(stage, finding.control, resources.get(id)).length === 0)
        .map((id) => `${finding.control} (${finding.rule}): ${id} ${resources.get(id)?.Type ?? ''}`.trim()),
    );
    expect(unexempted).toEqual([]);
  });

  test('every exemption still covers a finding in each of its stages (none outlives its reason)', () => {
    const unused = controlTowerExemptions.flatMap((exemption) =>
      exemption.stages
        .filter((stage) => {
          const { findings, resources } = results.get(stage)!;
          return !findings.some(
            (finding) =>
              finding.control === exemption.control && finding.resources.some((id) => !exemption.appliesTo || exemption.appliesTo(resources.get(id)!)),
          );
        })
        .map((stage) => `${exemption.control} in ${stage}`),
    );
    expect(unused).toEqual([]);
  });

  test('the controls that prod used to fail now pass there: Lambda permissions name their account, dead-letter queues of queues say which, log groups keep a year encrypted', () => {
    const failing = new Set(results.get('prod')!.findings.map((finding) => finding.control));
    for (const control of ['CT.LAMBDA.PR.2', 'CT.CLOUDWATCH.PR.2', 'CT.CLOUDWATCH.PR.3', 'CT.KMS.PR.3'])
      expect({ control, failing: failing.has(control) }).toEqual({ control, failing: false });
  });

  test('each exemption names a control the rules have, with its reason, and docs/compliance.md lists it', () => {
    const docs = readFileSync(path.resolve(__dirname, '../../docs/compliance.md'), 'utf8');
    const known = ruleFiles().map((file) => path.basename(file));
    for (const exemption of controlTowerExemptions) {
      expect(exemption.reason.length).toBeGreaterThan(60);
      expect(docs).toContain(exemption.control);
      expect(known).toContain(ruleFileOf(exemption.control));
    }
  });

  test('the rules are live: a Lambda permission for a service principal without SourceAccount fails CT.LAMBDA.PR.2', async () => {
    const { file } = results.get('prod')!;
    const template = JSON.parse(readFileSync(file, 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const permissions = Object.entries(template.Resources).filter(([, resource]) => resource.Type === 'AWS::Lambda::Permission');
    expect(permissions.length).toBeGreaterThan(0);
    const [id, permission] = permissions.find(([, resource]) => JSON.stringify(resource.Properties.SourceArn).includes('Fn::Join'))!;
    delete permission.Properties.SourceAccount;
    const careless = path.join(workDir, 'careless.template.json');
    writeFileSync(careless, JSON.stringify({ Resources: { [id]: permission } }));
    expect(await controlTowerFindings(careless)).toEqual([
      { control: 'CT.LAMBDA.PR.2', rule: 'lambda_function_public_access_prohibited_check', resources: [id] },
    ]);
  });
});
