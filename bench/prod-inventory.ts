/**
 * The prod stage's fixed inventory, counted from its synthesized template (bundling skipped: only the
 * resources count), for the monthly bill (bench/monthly-bill.ts). Deploy inputs are placeholders: prod
 * refuses to synthesize without them, and they change no count.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { loadStageConfig } from '#lib/config';
import { OrderSagaStack } from '#lib/ordersaga-stack';
import { appWiring } from '#lib/wiring';
import { type FixedInventory, inventoryOf } from './monthly-bill';

/**
 * Metric names the functions publish (functions/*, contracts/metrics.ts), each under one `service`
 * dimension: one billed custom metric each. Stated: the template does not hold them.
 */
export const CUSTOM_METRICS_PUBLISHED = 12;

const PLACEHOLDER_INPUTS = {
  alarmEmails: ['alarms@example.com'],
  userPoolEmail: { fromAddress: 'no-reply@example.com', sesIdentityArn: 'arn:aws:ses:us-east-1:111122223333:identity/example.com' },
  notificationEmail: { fromAddress: 'orders@example.com', sesIdentityArn: 'arn:aws:ses:us-east-1:111122223333:identity/example.com' },
  paymentProvider: { url: 'https://payments.example.com', apiKeySecretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:payment-provider-Ab12Cd' },
};

export function prodInventory(rootDir: string): { inventory: FixedInventory; logRetentionDays: number } {
  const cdkJson = JSON.parse(readFileSync(path.join(rootDir, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  // Its own output folder, removed after: an App with none leaves a cdk.out… folder in the temp folder.
  const outdir = mkdtempSync(path.join(tmpdir(), 'ordersaga-cdk-'));
  try {
    const app = new App({ outdir, context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    const config = loadStageConfig('prod', PLACEHOLDER_INPUTS);
    const stack = new OrderSagaStack(app, 'OrderSaga-prod', { config, wiring: appWiring });
    const template = app.synth().getStackByName(stack.stackName).template as Parameters<typeof inventoryOf>[0];
    return { inventory: inventoryOf(template, CUSTOM_METRICS_PUBLISHED), logRetentionDays: config.logRetentionDays };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
