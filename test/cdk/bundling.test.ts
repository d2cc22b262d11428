import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { ServiceFunction } from '#lib/constructs';
import { loadStageConfig } from '#lib/config';
import { appWiring } from '#lib/wiring';
import { apiDocument } from '#platform/application/api-document';
import { apiGatewayEvent, lambdaContext } from '../support/api-gateway-event';

type BundledHandler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;

/**
 * The stack's own bundling (NodejsFunction, the local esbuild). The other CDK tests skip bundling to
 * stay fast, so these are the ones that prove what a deployment package holds.
 */
describe("the stack's bundling", () => {
  let outdir: string;
  beforeEach(() => {
    outdir = mkdtempSync(path.join(os.tmpdir(), 'ordersaga-bundling-'));
  });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  /** Synthesizes one function with bundling on; its package's directory and handler. */
  function bundled(functionId: string): { packageDir: string; handler: BundledHandler } {
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bundling');
    const spec = appWiring.functions.find((fn) => fn.id === functionId)!;
    const fn = new ServiceFunction(stack, 'Function', { spec, environment: {}, config: loadStageConfig('dev') });
    const assembly = app.synth();
    const code = stack.resolve(((fn.function.node.defaultChild as CfnFunction).code as CfnFunction.CodeProperty).s3Key) as string;
    const packageDir = path.join(assembly.directory, `asset.${code.replace(/\.zip$/, '')}`);
    expect(existsSync(path.join(packageDir, 'index.js'))).toBe(true);
    return { packageDir, handler: (require(path.join(packageDir, 'index.js')) as { handler: BundledHandler }).handler };
  }

  test('a handler whose imports go through the #aliases of package.json bundles and runs', async () => {
    const { handler } = bundled('health');
    const answer = await handler(apiGatewayEvent({ method: 'GET', path: '/api/v1/health' }), lambdaContext());
    expect({ status: answer.statusCode, body: JSON.parse(answer.body) }).toEqual({ status: 200, body: { status: 'ok' } });
  }, 120_000);

  test("a function's assets are packaged beside its bundle: the document function serves the rendered document", async () => {
    const { packageDir, handler } = bundled('openApiDocument');
    expect(existsSync(path.join(packageDir, 'openapi.json'))).toBe(true);
    const answer = await handler(apiGatewayEvent({ method: 'GET', path: '/api/v1/openapi.json' }), lambdaContext());
    expect({ status: answer.statusCode, body: answer.body }).toEqual({ status: 200, body: JSON.stringify(apiDocument()) });
  }, 120_000);

  test("a function with SDK clients loads Node's modules with require, not import(): no ES module loader on its first call", () => {
    const { packageDir } = bundled('getOrder');
    const bundle = readFileSync(path.join(packageDir, 'index.js'), 'utf8');
    expect(bundle).toContain('require("node:http")');
    expect(bundle.match(/\bimport\(/g) ?? []).toEqual([]);
  }, 120_000);
});
