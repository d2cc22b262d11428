import { type App, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { appWiring } from '#lib/wiring';
import { createStack, testApp } from './support/test-stack';

/**
 * cdk-nag 3 runs as a validation plugin: any finding, error or warning, that is not acknowledged makes
 * `app.synth()` throw with the rule, the resource and the acknowledgement id in the message.
 */
function nagApp(): App {
  const app = testApp();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return app;
}

const JWKS = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1' }] });

describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  test.each([
    ['dev', 'fixture'],
    ['prod', 'fixture'],
    ['localstack', 'fixture'],
    ['dev', 'real'],
    ['prod', 'real'],
  ])('the %s stack with the %s wiring has no unacknowledged finding', (stage, wiring) => {
    const app = nagApp();
    // The real wiring may name a throttled route it does not have yet (a warning the API tests cover).
    Validations.of(app).acknowledge({ id: 'Annotation::ordersaga:unknownThrottledRoute', reason: 'covered by test/cdk/api.test.ts' });
    createStack(stage, { app, wiring: wiring === 'real' ? appWiring : undefined, inputs: { jwksJson: JWKS } });
    expect(() => app.synth()).not.toThrow();
  });

  test('the packs are live: an unencrypted queue without a DLQ fails synth', () => {
    const app = nagApp();
    const { stack } = createStack('dev', { app });
    new Queue(stack, 'Careless');
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3[\s\S]*OrderSaga-dev\/Careless/);
  });

  test('every acknowledgement carries a reason', () => {
    const { stack } = createStack('prod');
    const acknowledgements = stack.node
      .findAll()
      .flatMap((construct: IConstruct) => construct.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgements) expect({ id, reason: reason.length > 40 }).toEqual({ id, reason: true });
  });
});
