/**
 * The bare floor of each function: a bundle whose whole job is to construct the AWS SDK clients the
 * function constructs, built with the same esbuild settings as the function (contracts/function-bundling.ts).
 * Nothing a function does can make it smaller or faster to initialise than that, so "bundle ÷ floor"
 * and "init ÷ floor" say how much the handler, middy, Powertools and zod add on top.
 *
 * The clients follow from the function's access flags (FunctionAccess in contracts/wiring.ts), the same
 * flags that decide its IAM grants and environment.
 */
import { build, type Metafile } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { functionBuildOptions } from '#local/lambda/function-bundler';
import type { FunctionSpec } from '#contracts/wiring';

export type SdkClient = 'DynamoDBClient' | 'DynamoDBDocumentClient' | 'EventBridgeClient' | 'SFNClient' | 'SecretsManagerClient' | 'SESv2Client' | 'SNSClient';

/** How the floor constructs each client (the document client wraps the DynamoDB client). */
const construction: Record<SdkClient, { from: string; variable: string; expression: string }> = {
  DynamoDBClient: { from: '@aws-sdk/client-dynamodb', variable: 'dynamoDb', expression: 'new DynamoDBClient({})' },
  DynamoDBDocumentClient: { from: '@aws-sdk/lib-dynamodb', variable: 'documents', expression: 'DynamoDBDocumentClient.from(dynamoDb)' },
  EventBridgeClient: { from: '@aws-sdk/client-eventbridge', variable: 'eventBridge', expression: 'new EventBridgeClient({})' },
  SFNClient: { from: '@aws-sdk/client-sfn', variable: 'stepFunctions', expression: 'new SFNClient({})' },
  SecretsManagerClient: { from: '@aws-sdk/client-secrets-manager', variable: 'secrets', expression: 'new SecretsManagerClient({})' },
  SESv2Client: { from: '@aws-sdk/client-sesv2', variable: 'email', expression: 'new SESv2Client({})' },
  SNSClient: { from: '@aws-sdk/client-sns', variable: 'sms', expression: 'new SNSClient({})' },
};

/**
 * The SDK clients a function constructs, from what it may access. Secrets: deployed, the cursor key,
 * the webhook secret and a real payment provider's API key come from Secrets Manager
 * (functions/shared/aws/secret-value.ts). E-mail and text
 * messages: SES v2 and SNS (functions/notifications/adapters/notifications-adapters.ts).
 */
export function sdkClientsOf(spec: FunctionSpec): SdkClient[] {
  const { access } = spec;
  const clients: SdkClient[] = [];
  if (access.table) clients.push('DynamoDBClient', 'DynamoDBDocumentClient');
  if (access.publishEvents) clients.push('EventBridgeClient');
  if (access.stateMachines?.length) clients.push('SFNClient');
  if (access.signsCursors || access.verifiesWebhooks || access.callsPaymentProvider) clients.push('SecretsManagerClient');
  if (access.sendsEmail) clients.push('SESv2Client');
  if (access.sendsSms) clients.push('SNSClient');
  return clients;
}

/** `DynamoDBClient+DynamoDBDocumentClient`, or `none`: names a floor, shared by functions alike. */
export function floorName(clients: SdkClient[]): string {
  return clients.length ? clients.join('+') : 'none';
}

/** Each client as docs/performance.md names it. */
const labels: Record<SdkClient, string> = {
  DynamoDBClient: 'DynamoDB',
  DynamoDBDocumentClient: 'document client',
  EventBridgeClient: 'EventBridge',
  SFNClient: 'SFN',
  SecretsManagerClient: 'Secrets Manager',
  SESv2Client: 'SES v2',
  SNSClient: 'SNS',
};

/** A floor's name (floorName) as docs/performance.md writes it: `DynamoDB + document client`, or `none`. */
export function floorLabel(name: string): string {
  return name === 'none' ? name : (name.split('+') as SdkClient[]).map((client) => labels[client] ?? client).join(' + ');
}

/** The floor's entry module: import, construct, and a handler that keeps the clients alive. */
export function floorEntrySource(clients: SdkClient[]): string {
  const lines = clients.map((client) => `import { ${client} } from '${construction[client].from}';`);
  lines.push(...clients.map((client) => `const ${construction[client].variable} = ${construction[client].expression};`));
  lines.push(`export const handler = async () => [${clients.map((client) => construction[client].variable).join(', ')}].length;`);
  return `${lines.join('\n')}\n`;
}

export interface FloorBundles {
  /** Function id → its floor's bundle. */
  byFunction: Map<string, { name: string; bundlePath: string }>;
  /** esbuild's metafile of the floors' build: what each floor is made of. */
  metafile: Metafile;
  dispose(): void;
}

/** Bundles one floor per distinct client set. Output under node_modules/.cache, so imports resolve from the project. */
export async function bundleFloors(rootDir: string, functions: FunctionSpec[]): Promise<FloorBundles> {
  const outDir = path.join(rootDir, 'node_modules', '.cache', 'ordersaga-bench-floors', String(process.pid));
  mkdirSync(outDir, { recursive: true });
  const entryPoints: Record<string, string> = {};
  const byFunction = new Map<string, { name: string; bundlePath: string }>();
  for (const spec of functions) {
    const clients = sdkClientsOf(spec);
    const name = floorName(clients);
    const fileStem = `floor-${name.replace(/\+/g, '-')}`;
    if (!entryPoints[fileStem]) {
      const entry = path.join(outDir, `${fileStem}.entry.ts`);
      writeFileSync(entry, floorEntrySource(clients));
      entryPoints[fileStem] = entry;
    }
    byFunction.set(spec.id, { name, bundlePath: path.join(outDir, `${fileStem}.js`) });
  }
  const { metafile } = await build({ ...functionBuildOptions, entryPoints, outdir: outDir, metafile: true });
  return { byFunction, metafile, dispose: () => rmSync(outDir, { recursive: true, force: true }) };
}
