/**
 * `npm run docs:screenshots`: starts the local runtime in this process, places orders on three saga
 * paths (confirmed after the provider failed twice, declined, cancelled by the customer), and saves
 * what the console page shows of each in docs/ (console.png, console-declined.png,
 * console-cancelled.png) with headless Chromium (test/support/browser/console-browser.ts).
 */
import path from 'node:path';
import { apiClient } from '#test/e2e/support/api-client';
import { putProducts } from '#test/e2e/support/catalog-fixture';
import { eventually } from '#test/e2e/support/eventually';
import { startInProcessRuntimeTarget } from '#test/e2e/support/in-process-runtime-target';
import { orderBody } from '#test/e2e/support/order-requests';
import { runScope } from '#test/e2e/support/run-scope';
import { readConsole } from '#test/support/browser/console-browser';

const DOCS = path.resolve(__dirname, '../docs');

async function main(): Promise<void> {
  const target = await startInProcessRuntimeTarget({ methodThrottles: {} });
  try {
    const scope = runScope('docs');
    const call = apiClient(target.url);
    const customer = await target.tokenFor('ada');
    const { beans } = await putProducts(call, await target.tokenFor('admin', ['admin']), scope, {
      beans: { name: 'Espresso beans 1 kg', price: 2490, stock: 100 },
    });
    const place = async (paymentToken: string, key: string) => {
      const created = await call('POST', '/api/v1/orders', {
        token: customer,
        body: orderBody(beans, 2, paymentToken),
        headers: { 'idempotency-key': scope.name(key) },
      });
      if (created.status !== 201) throw new Error(`placing an order answered ${created.status}`);
      return created.body.id as string;
    };
    const confirmed = await place('tok_flaky', 'confirmed');
    const declined = await place('tok_declined', 'declined');
    const cancelled = await place('tok_async', 'cancelled');
    await call('POST', `/api/v1/orders/${cancelled}/cancel`, { token: customer });
    const wanted = { [confirmed]: 'confirmed', [declined]: 'cancelled', [cancelled]: 'cancelled' };
    for (const [id, status] of Object.entries(wanted)) {
      await eventually(
        async () => {
          const { data } = await call.typed(customer).GET('/api/v1/orders/{id}', { params: { path: { id } } });
          if (data?.status !== status) throw new Error(`order ${id} is ${data?.status}`);
        },
        { what: `order ${id} becomes ${status}` },
      );
    }
    await readConsole({
      url: target.url,
      orderIds: [declined, cancelled, confirmed],
      waitForStatus: wanted,
      screenshots: { dir: DOCS, names: { [confirmed]: 'console', [declined]: 'console-declined', [cancelled]: 'console-cancelled' } },
    });
    console.log(`wrote ${['console', 'console-declined', 'console-cancelled'].map((name) => `docs/${name}.png`).join(', ')}`);
  } finally {
    await target.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
