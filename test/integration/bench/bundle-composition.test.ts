import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleFunctions } from '#local/lambda/function-bundler';
import { bundleMetafile, type Contributor, inputsByFunction, measureBundleContributors } from '#bench/bundle-contributors';
import { sdkClientsOf } from '#bench/bare-floor';
import { appWiring } from '#lib/wiring';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * What a cold start loads, as rules on each function's bundle (docs/performance.md, "Bundle size and
 * module init"). The sizes themselves are figures of `npm run bench`; these are the choices that keep
 * them down, so that a change undoing one fails here rather than slowly in production.
 */
describe("the functions' bundles", () => {
  let contents: Map<string, Contributor[]>;
  beforeAll(async () => {
    contents = await measureBundleContributors(ROOT, appWiring.functions, { top: Number.POSITIVE_INFINITY });
  }, 120_000);
  const sourcesOf = (functionId: string) => contents.get(functionId)!.map((contributor) => contributor.source);

  it('hold no X-Ray SDK: Lambda’s active tracing records the invocations', () => {
    const withXRay = appWiring.functions.filter((fn) => sourcesOf(fn.id).some((source) => /aws-xray-sdk|powertools\/tracer/.test(source)));
    expect(withXRay.map((fn) => fn.id)).toEqual([]);
  });

  it('hold the template engine only where messages are rendered', () => {
    const withHandlebars = appWiring.functions.filter((fn) => sourcesOf(fn.id).includes('handlebars'));
    expect(withHandlebars.map((fn) => fn.id)).toEqual(['notifyCustomer']);
  });

  it('hold no schema library in a function without an SDK client, the document function included (it serves a rendered file)', () => {
    const clientless = appWiring.functions.filter((fn) => sdkClientsOf(fn).length === 0);
    expect(clientless.map((fn) => fn.id).sort()).toEqual(['authorizer', 'health', 'openApiDocument']);
    for (const fn of clientless)
      expect({ fn: fn.id, sources: sourcesOf(fn.id) }).toEqual({ fn: fn.id, sources: expect.not.arrayContaining(['zod', 'contracts/api']) });
  });

  it('reach the payment provider exactly where the wiring says they call it, so each of them is given the stage’s provider and its key', async () => {
    const inputs = inputsByFunction(await bundleMetafile(ROOT, appWiring.functions));
    const reaching = appWiring.functions.filter((fn) => inputs.get(fn.id)!.includes('functions/payments/adapters/payment-provider-factory.ts'));
    const flagged = appWiring.functions.filter((fn) => fn.access.callsPaymentProvider);
    expect(reaching.map((fn) => fn.id).sort()).toEqual(flagged.map((fn) => fn.id).sort());
    expect(flagged.map((fn) => fn.id).sort()).toEqual(['compensateOrder', 'refundPayment', 'settleCancelledOrders', 'takePayment']);
  }, 120_000);

  it("load Node's modules with require, never import(): the SDK's first call would start the ES module loader (25–35 ms)", async () => {
    const bundles = await bundleFunctions(ROOT, appWiring.functions);
    try {
      const withImport = [...bundles.bundles].filter(([, file]) => /\bimport\(/.test(readFileSync(file, 'utf8'))).map(([id]) => id);
      expect(withImport).toEqual([]);
    } finally {
      bundles.dispose();
    }
  }, 120_000);
});
