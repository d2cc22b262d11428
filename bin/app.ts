#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { loadStageConfig, readDeployInputs, StageConfigError } from '#lib/config';
import { OrderSagaStack } from '#lib/ordersaga-stack';

/**
 * `cdk synth|deploy -c stage=<dev|prod|localstack>` (default dev). Environment-agnostic: synth needs
 * no credentials, and the account/region come from the CLI's profile at deploy time.
 */
function main(): void {
  const app = new App();
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  if (stage === 'local') {
    throw new StageConfigError('Stage "local" holds the settings of the embedded local runtime (npm start); it is not deployed. Use dev, prod or localstack.');
  }
  const config = loadStageConfig(
    stage,
    readDeployInputs((key) => app.node.tryGetContext(key)),
  );

  const stack = new OrderSagaStack(app, `OrderSaga-${config.stage}`, {
    config,
    description: `ordersaga order backend (${config.stage})`,
    terminationProtection: config.deletionProtection,
  });
  Tags.of(stack).add('app', 'ordersaga');
  Tags.of(stack).add('stage', config.stage);
}

try {
  main();
} catch (error) {
  // A configuration mistake is the user's to fix: say what it is, without a stack trace.
  if (!(error instanceof StageConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
