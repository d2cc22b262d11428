import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { loadStageConfig, type DeployInputs, type StageConfig } from '#lib/config';
import { OrderSagaStack } from '#lib/ordersaga-stack';
import type { RouteContract } from '#contracts/api/route-contract';
import { appWiring, type AppWiring } from '#lib/wiring';
import { fixtureWiring } from '#test/fixtures/wiring/fixture-wiring';
import { scratchDir } from '#test/support/scratch-dirs';
import { contractsForRoutes } from './route-contracts';

const cdkJson = JSON.parse(readFileSync(path.resolve(__dirname, '../../../cdk.json'), 'utf8')) as { context: Record<string, unknown> };

/**
 * An App with the same feature flags as `cdk synth` (cdk.json's context), and bundling skipped: the
 * tests inspect the template, and bundling every function would cost seconds per stack.
 */
export function testApp(context: Record<string, unknown> = {}): App {
  return new App({ outdir: scratchDir('ordersaga-cdk-'), context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context } });
}

/**
 * What a deployer gives prod (README.md, "Deploying to AWS"): synth refuses prod without an alarm
 * recipient, the user pool's SES identity, the customer e-mails' sender and a real payment provider.
 * Clearly fake, valid values.
 */
export const PROD_DEPLOY_INPUTS: DeployInputs = {
  paymentProvider: {
    url: 'https://api.payments.example.com',
    apiKeySecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:ordersaga/payment-provider-Ab12Cd',
    // A key of the deployer's own, so that cdk-nag and the Control Tower rules see the decrypt grant it brings.
    apiKeyKmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  },
  alarmEmails: ['alarms@example.com'],
  userPoolEmail: { fromAddress: 'no-reply@shop.example.com', sesIdentityArn: 'arn:aws:ses:eu-west-1:111122223333:identity/shop.example.com' },
  notificationEmail: { fromAddress: 'orders@shop.example.com', sesIdentityArn: 'arn:aws:ses:eu-west-1:111122223333:identity/shop.example.com' },
};

/** The deploy inputs of a stage in the tests: prod's required ones, then the test's own. */
export const testDeployInputs = (stage: string, inputs: DeployInputs = {}): DeployInputs => (stage === 'prod' ? { ...PROD_DEPLOY_INPUTS, ...inputs } : inputs);

export interface StackOptions {
  /** Default: the fixture wiring, which has one of every kind of resource. */
  wiring?: AppWiring;
  /** Default: the published contracts for the real wiring, fixture contracts for any other. */
  contracts?: RouteContract[];
  inputs?: DeployInputs;
  /** Settings to use instead of the stage's own (a test's variation of them). */
  config?: StageConfig;
  app?: App;
}

export interface CreatedStack {
  app: App;
  stack: OrderSagaStack;
  config: StageConfig;
}

/** The stack as bin/app.ts builds it, not synthesized yet (validation plugins may still be added). */
export function createStack(stage: string, options: StackOptions = {}): CreatedStack {
  const app = options.app ?? testApp();
  const config = options.config ?? loadStageConfig(stage, testDeployInputs(stage, options.inputs));
  const wiring = options.wiring ?? fixtureWiring;
  const contracts = options.contracts ?? (wiring === appWiring ? undefined : contractsForRoutes(wiring.routes));
  const stack = new OrderSagaStack(app, `OrderSaga-${config.stage}`, { config, wiring, contracts });
  return { app, stack, config };
}

/** The stack and its synthesized template. */
export function buildStack(stage: string, options: StackOptions = {}): CreatedStack & { template: Template } {
  const created = createStack(stage, options);
  return { ...created, template: Template.fromStack(created.stack) };
}
