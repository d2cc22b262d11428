import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { ServiceFunction } from '#lib/constructs';
import { loadStageConfig } from '#lib/config';
import { appWiring } from '#lib/wiring';
import { apiGatewayEvent, lambdaContext } from '../support/api-gateway-event';

/**
 * The stack's own bundling (NodejsFunction, the local esbuild): a handler whose imports go through
 * the `#…` subpath imports of package.json bundles, and the bundle answers as the handler does. The
 * other CDK tests skip bundling to stay fast, so this is the one that proves the aliases deploy.
 */
test('a function bundled by the stack resolves the #aliases and runs', async () => {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'ordersaga-bundling-'));
  try {
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bundling');
    const spec = appWiring.functions.find((fn) => fn.id === 'health')!;
    const fn = new ServiceFunction(stack, 'Health', { spec, environment: {}, config: loadStageConfig('dev') });
    const assembly = app.synth();
    const code = stack.resolve(((fn.function.node.defaultChild as CfnFunction).code as CfnFunction.CodeProperty).s3Key) as string;
    const bundle = path.join(assembly.directory, `asset.${code.replace(/\.zip$/, '')}`, 'index.js');
    expect(existsSync(bundle)).toBe(true);

    const { handler } = require(bundle) as { handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }> };
    const answer = await handler(apiGatewayEvent({ method: 'GET', path: '/api/v1/health' }), lambdaContext());
    expect({ status: answer.statusCode, body: JSON.parse(answer.body) }).toEqual({ status: 200, body: { status: 'ok' } });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}, 120_000);
