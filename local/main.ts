/**
 * `npm start`: the whole backend in one process on http://127.0.0.1:${PORT:-3000}.
 * Options: --port N, --persist DIR (or ORDERSAGA_PERSIST_DIR); DYNAMODB_ENDPOINT uses a running DynamoDB.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appWiring, routePath } from '#lib/wiring';
import { localStageSettings } from './local-stage';
import { publishedRequestValidation } from './route-request-validation';
import { startLocalRuntime, type LocalRuntime } from './runtime';
import { seedThroughApi } from './seed-catalog';

function fail(message: string): never {
  process.stderr.write(`\nordersaga: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, persist: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write('usage: npm start [-- --port 3000] [-- --persist ./.local-data]\n  env: PORT, ORDERSAGA_PERSIST_DIR, DYNAMODB_ENDPOINT\n');
    return;
  }
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`"${values.port ?? process.env.PORT}" is not a port number.`);
  const persistDir = values.persist ?? process.env.ORDERSAGA_PERSIST_DIR;

  const started = Date.now();
  let runtime: LocalRuntime;
  try {
    runtime = await startLocalRuntime({
      rootDir: path.resolve(__dirname, '..'),
      wiring: appWiring,
      stage: localStageSettings(),
      requestValidation: publishedRequestValidation(),
      port,
      persistDir: persistDir ? path.resolve(persistDir) : undefined,
      dynamoDbEndpoint: process.env.DYNAMODB_ENDPOINT,
      log: (line) => process.stderr.write(`${line}\n`),
    });
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
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
  const seeded = await seedThroughApi(runtime.url, adminToken);
  const url = runtime.url;
  process.stdout.write(
    [
      '',
      `ordersaga local runtime ready on ${url} (${Date.now() - started} ms${persistDir ? `, data in ${persistDir}` : ', data in memory'}, ${seeded} products seeded)`,
      '',
      `  health   curl ${url}${routePath('health')}`,
      `  token    curl -s -X POST ${url}/_local/token -H 'content-type: application/json' -d '{"sub":"alice"}'`,
      `           (add "groups":["admin"] for an admin token), then send: Authorization: Bearer <token>`,
      `  try      curl ${url}${routePath('getProduct', { sku: 'SKU-1' })} -H "Authorization: Bearer $TOKEN"`,
      `  docs     ${url}/docs     events ${url}/_local/events`,
      '',
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error: Error) => fail(error.stack ?? error.message));
