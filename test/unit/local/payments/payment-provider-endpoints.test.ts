import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpPaymentProvider } from '#payments/adapters/http-payment-provider';
import { localEndpoints } from '#local/local-endpoints';
import type { LocalTokenIssuer } from '#local/identity/local-token-issuer';
import { PaymentProviderSimulator } from '#local/payments/payment-provider-simulator';

/** The provider's control as a person reaches it: `/_local/payment-provider/*` over HTTP, problem+json for bad input. */

const API_KEY = 'sk_test_endpoints';
let provider: PaymentProviderSimulator;
let server: Server;
let base: string;
let withProvider = true;

beforeAll(async () => {
  provider = new PaymentProviderSimulator({ apiKey: API_KEY });
  await provider.start();
  const handle = localEndpoints({
    issuer: {} as LocalTokenIssuer,
    routes: [],
    carriedEvents: () => [],
    executionsOf: () => [],
    paymentProvider: () => (withProvider ? provider : undefined),
  });
  server = createServer((request, response) => {
    void handle(request, response, new URL(request.url ?? '/', 'http://local')).then((handled) => {
      if (!handled) response.writeHead(418).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/_local/payment-provider`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await provider.stop();
});

afterEach(() => {
  withProvider = true;
  provider.clearFaults();
});

const post = (body: string) => fetch(`${base}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('POST /_local/payment-provider/faults', () => {
  it('arms a fault for the next calls of an operation and answers what is armed; GET lists it, DELETE clears it', async () => {
    const armed = await post(JSON.stringify({ operation: 'capture', fault: 'lost-response', times: 2 }));
    expect(armed.status).toBe(200);
    expect(await armed.json()).toEqual([{ operation: 'capture', fault: 'lost-response', remaining: 2 }]);
    expect(await (await fetch(`${base}/faults`)).json()).toEqual([{ operation: 'capture', fault: 'lost-response', remaining: 2 }]);

    const cleared = await fetch(`${base}/faults`, { method: 'DELETE' });
    expect(cleared.status).toBe(204);
    expect(await (await fetch(`${base}/faults`)).json()).toEqual([]);
  });

  it.each([
    ['not JSON', '{"operation": '],
    ['an unknown operation', JSON.stringify({ operation: 'inspect', fault: 'error', times: 1 })],
    ['an unknown fault', JSON.stringify({ operation: 'void', fault: 'slow', times: 1 })],
    ['no times', JSON.stringify({ operation: 'void', fault: 'error' })],
    ['times 0', JSON.stringify({ operation: 'void', fault: 'error', times: 0 })],
    ['a fractional times', JSON.stringify({ operation: 'void', fault: 'error', times: 1.5 })],
    ['an extra field', JSON.stringify({ operation: 'void', fault: 'error', times: 1, paymentId: 'p' })],
  ])('answers 400 problem+json for %s, arming nothing', async (_what, body) => {
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await answer.json()).toMatchObject({ status: 400, title: 'Bad Request', detail: expect.any(String), instance: '/_local/payment-provider/faults' });
    expect(provider.armedFaults()).toEqual([]);
  });

  it('answers 405 problem+json for another method', async () => {
    const answer = await fetch(`${base}/faults`, { method: 'PUT', body: '{}' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('GET /_local/payment-provider/payments/{paymentId}', () => {
  it("shows the provider's own view of our payment, or 404 problem+json when it has none", async () => {
    const adapter = new HttpPaymentProvider({ baseUrl: provider.url, apiKey: async () => API_KEY });
    const payment = { id: 'pay_view', amount: 1500, currency: 'EUR', token: 'tok_visa' };
    const { providerPaymentId } = await adapter.create({ payment, idempotencyKey: 'create-pay_view' });
    await adapter.authorize({ payment: { ...payment, providerPaymentId }, idempotencyKey: 'authorize-pay_view' });

    const view = await fetch(`${base}/payments/pay_view`);
    expect(view.status).toBe(200);
    expect(await view.json()).toEqual({ intentId: providerPaymentId, status: 'requires_capture', amount: 1500, amountRefunded: 0 });

    const missing = await fetch(`${base}/payments/pay_nobody`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers 404 problem+json when the runtime runs no provider (yet)', async () => {
    withProvider = false;
    const answer = await fetch(`${base}/faults`);
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ status: 404 });
  });
});
