/**
 * `npm start`: the whole backend in one process on http://127.0.0.1:${PORT:-3000}.
 * Options: --port N, --persist DIR (or ORDERSAGA_PERSIST_DIR); DYNAMODB_ENDPOINT uses a running DynamoDB;
 * LOCAL_DYNAMODB_CONFLICT_RATE (0 to 1) answers that share of transactions with a transaction conflict;
 * --aws-port N (or LOCAL_AWS_PORT) moves the AWS endpoint off its default, 4567;
 * --log-format pretty|json: the functions' logs made readable (default), or their raw lines for tools;
 * LOCAL_PAYMENT_WEBHOOK_DELAY_MS: how long the simulated provider takes to complete a `tok_async` payment (default 1000).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appWiring, routePath } from '#lib/wiring';
import { conflictRateFromEnvironment } from './fault-injection-settings';
import { rawFunctionLogs } from './lambda/function-logs';
import { readableFunctionLogs } from './lambda/readable-logs';
import { localStageSettings } from './local-stage';
import { publishedRequestValidation } from './route-request-validation';
import { startLocalRuntime, type LocalRuntime } from './runtime';
import { requestServingFunctionIds } from './lambda/request-serving-functions';
import { seedThroughApi } from './seed-catalog';

/** The AWS endpoint's port unless --aws-port or LOCAL_AWS_PORT says otherwise. */
const DEFAULT_AWS_PORT = 4567;

function fail(message: string): never {
  process.stderr.write(`\nordersaga: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'aws-port': { type: 'string' },
      persist: { type: 'string' },
      'log-format': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm start [-- --port 3000] [-- --aws-port 4567] [-- --persist ./.local-data] [-- --log-format pretty|json]\n  env: PORT, LOCAL_AWS_PORT, ORDERSAGA_PERSIST_DIR, DYNAMODB_ENDPOINT, LOCAL_DYNAMODB_CONFLICT_RATE, LOCAL_SAGA_WORKFLOW_TYPE (standard or express), LOCAL_PAYMENT_WEBHOOK_DELAY_MS\n',
    );
    return;
  }
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`"${values.port ?? process.env.PORT}" is not a port number.`);
  // Next to LocalStack's 4566, not on it: both can run side by side, and AWS_ENDPOINT_URL says which one a tool talks to.
  const awsPort = Number(values['aws-port'] ?? process.env.LOCAL_AWS_PORT ?? DEFAULT_AWS_PORT);
  if (!Number.isInteger(awsPort) || awsPort < 0 || awsPort > 65535) fail(`"${values['aws-port'] ?? process.env.LOCAL_AWS_PORT}" is not a port number.`);
  const persistDir = values.persist ?? process.env.ORDERSAGA_PERSIST_DIR;
  const logFormat = values['log-format'] ?? 'pretty';
  if (logFormat !== 'pretty' && logFormat !== 'json') fail(`--log-format must be pretty or json, not "${logFormat}".`);
  // One line per invocation and compact function lines for people; the lines as the functions wrote them for tools.
  const functionLogs =
    logFormat === 'json'
      ? rawFunctionLogs
      : readableFunctionLogs((text) => process.stdout.write(text), { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR });
  const webhookDelay = process.env.LOCAL_PAYMENT_WEBHOOK_DELAY_MS;
  const paymentWebhookDelayMs = webhookDelay ? Number(webhookDelay) : undefined;
  if (paymentWebhookDelayMs !== undefined && !(Number.isInteger(paymentWebhookDelayMs) && paymentWebhookDelayMs >= 0)) {
    fail(`LOCAL_PAYMENT_WEBHOOK_DELAY_MS must be a whole number of milliseconds, not "${webhookDelay}".`);
  }
  let conflictRate = 0;
  try {
    conflictRate = conflictRateFromEnvironment();
  } catch (error) {
    fail((error as Error).message);
  }

  const started = Date.now();
  let runtime: LocalRuntime;
  try {
    runtime = await startLocalRuntime({
      rootDir: path.resolve(__dirname, '..'),
      wiring: appWiring,
      stage: localStageSettings(),
      requestValidation: publishedRequestValidation(),
      port,
      awsPort,
      persistDir: persistDir ? path.resolve(persistDir) : undefined,
      paymentWebhookDelayMs,
      dynamoDbEndpoint: process.env.DYNAMODB_ENDPOINT,
      // DynamoDB Local never answers a transaction conflict; this makes it answer them as DynamoDB can.
      dynamoDbProxy: conflictRate ? { conflictRate } : undefined,
      log: (line) => process.stderr.write(`${line}\n`),
      functionLogs,
      readyAfterSetup: true,
      // A person's requests first: the sagas they set off yield the CPU (on AWS they would not share it).
      backgroundNiceness: 10,
    });
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE' && (err as { port?: number }).port === awsPort) {
      fail(`port ${awsPort} (the AWS endpoint) is in use. Stop what uses it, or move the endpoint: LOCAL_AWS_PORT=4568 npm start`);
    }
    if (err.code === 'EADDRINUSE') fail(`port ${port} is in use. Stop what uses it, or start on another port: PORT=3001 npm start`);
    fail(err.message);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(130); // a second Ctrl-C does not wait
    stopping = true;
    process.stdout.write(`\n${signal}: stopping…\n`);
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const adminToken = await runtime.issuer.issue({ sub: 'local-admin', groups: ['admin'] });
  // While the catalog is seeded, one sandbox of every function loads, as provisioned concurrency would:
  // a person's first requests do not each wait for a cold start, nor share the CPU with the cold starts
  // of the saga steps and subscribers they set off. Those a request waits for load first; the others
  // load at the background functions' niceness.
  const everyFunction = [...new Set([...requestServingFunctionIds(appWiring), ...appWiring.functions.map((fn) => fn.id)])];
  const [seeded] = await Promise.all([seedThroughApi(runtime.url, adminToken), runtime.functions.prestart(everyFunction)]);
  runtime.markReady();
  const url = runtime.url;
  process.stdout.write(
    [
      '',
      `ordersaga local runtime ready on ${url} (${Date.now() - started} ms${persistDir ? `, data in ${persistDir}` : ', data in memory'}, ${seeded} products seeded)`,
      '',
      `  health   curl ${url}${routePath('health')}     ready (catalog seeded): curl ${url}/_local/ready`,
      `  token    curl -s -X POST ${url}/_local/token -H 'content-type: application/json' -d '{"sub":"alice"}'`,
      `           (add "groups":["admin"] for an admin token), then send: Authorization: Bearer <token>`,
      `  try      curl ${url}${routePath('getProduct', { sku: 'SKU-1' })} -H "Authorization: Bearer $TOKEN"`,
      `  docs     ${url}/docs     events ${url}/_local/events     mail ${url}/_local/mail     texts ${url}/_local/sms`,
      `  aws      ${runtime.awsEndpoint}  (DynamoDB, Step Functions, EventBridge, SES, SNS; any region and keys; names: ${url}/_local/info)`,
      `           AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws --region us-east-1 --endpoint-url ${runtime.awsEndpoint} dynamodb scan --table-name ${runtime.tableName}`,
      '',
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error: Error) => fail(error.stack ?? error.message));
