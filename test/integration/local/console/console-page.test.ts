import { apiClient, type ApiCall } from '#test/e2e/support/api-client';
import { putProducts } from '#test/e2e/support/catalog-fixture';
import type { E2eTarget } from '#test/e2e/support/e2e-target';
import { eventually } from '#test/e2e/support/eventually';
import { startInProcessRuntimeTarget } from '#test/e2e/support/in-process-runtime-target';
import { orderBody } from '#test/e2e/support/order-requests';
import { runScope } from '#test/e2e/support/run-scope';
import { settledOrder } from '#test/e2e/support/saga-progress';
import { chromiumMissing, type ConsoleView } from '#test/support/browser/console-browser';
import { readConsoleInBrowser } from '#test/support/browser/console-browser-process';

/**
 * The console page (GET /_local/console) in a real browser: orders placed on several saga paths, and
 * what the page shows of each — the order list, the states entered and the path taken on the graph
 * drawn from the ASL, the retries, the events with their payloads, the API requests, the table's items.
 * Chromium must be installed (the test fails, saying how, when it is not) unless
 * ORDERSAGA_SKIP_BROWSER_TESTS=1 says this machine has none.
 */
const describeInBrowser = process.env.ORDERSAGA_SKIP_BROWSER_TESTS === '1' ? describe.skip : describe;

describeInBrowser('the console page, in Chromium', () => {
  const scope = runScope('console');
  let target: E2eTarget;
  let call: ApiCall;
  let customer: string;
  const orders: Record<'happy' | 'flaky' | 'declined' | 'cancelled', string> = { happy: '', flaky: '', declined: '', cancelled: '' };
  let views: Record<keyof typeof orders, ConsoleView>;

  beforeAll(async () => {
    const missing = chromiumMissing();
    if (missing) throw new Error(missing);
    target = await startInProcessRuntimeTarget({ methodThrottles: {} });
    call = apiClient(target.url);
    customer = await target.tokenFor(scope.name('customer'));
    const { mug } = await putProducts(call, await target.tokenFor(scope.name('admin'), ['admin']), scope, { mug: { name: 'Mug', price: 1290, stock: 50 } });
    const place = async (key: keyof typeof orders, paymentToken: string) => {
      const created = await call('POST', '/api/v1/orders', {
        token: customer,
        body: orderBody(mug, 1, paymentToken),
        headers: { 'idempotency-key': scope.name(key), 'x-correlation-id': scope.name(`${key}-request`) },
      });
      expect(created.status).toBe(201);
      orders[key] = created.body.id;
    };
    await place('happy', 'tok_visa');
    await place('flaky', 'tok_flaky');
    await place('declined', 'tok_declined');
    await place('cancelled', 'tok_async');
    expect((await call('POST', `/api/v1/orders/${orders.cancelled}/cancel`, { token: customer })).status).toBe(202);
    for (const key of ['happy', 'flaky', 'declined'] as const) await settledOrder(call, customer, orders[key]);
    await eventually(
      async () => {
        const { data } = await call.typed(customer).GET('/api/v1/orders/{id}', { params: { path: { id: orders.cancelled } } });
        if (data?.status !== 'cancelled') throw new Error(`order ${orders.cancelled} is ${data?.status}`);
      },
      { what: 'the cancelled order' },
    );
    const read = await readConsoleInBrowser({
      url: target.url,
      orderIds: Object.values(orders),
      waitForStatus: { [orders.happy]: 'confirmed', [orders.flaky]: 'confirmed', [orders.declined]: 'cancelled', [orders.cancelled]: 'cancelled' },
    });
    views = Object.fromEntries((Object.keys(orders) as (keyof typeof orders)[]).map((key, i) => [key, read[i]!])) as typeof views;
  }, 180_000);

  afterAll(async () => {
    await target?.stop();
  });

  const saga = (view: ConsoleView) => view.executions.find((execution) => execution.stateMachine === 'orderSaga')!;
  const entered = (view: ConsoleView) =>
    saga(view)
      .states.filter((state) => state.entered)
      .map((state) => state.name);

  test('lists the orders newest first, each with its status', () => {
    expect(Object.values(views).map((view) => view.listPosition)).toEqual([3, 2, 1, 0]);
    expect(Object.values(views).map((view) => view.listedStatus)).toEqual(['confirmed', 'confirmed', 'cancelled', 'cancelled']);
  });

  test('the happy path: the states entered and the transition taken are highlighted on the graph drawn from the ASL', () => {
    expect(views.happy.orderStatus).toBe('confirmed');
    expect(saga(views.happy).status).toBe('SUCCEEDED');
    expect(saga(views.happy).states.map((state) => state.name)).toEqual(expect.arrayContaining(['ReserveStock', 'TakePayment', 'Compensate']));
    expect(entered(views.happy)).toEqual(['ReserveStock', 'TakePayment']);
    expect(saga(views.happy).takenEdges).toEqual(['ReserveStock→TakePayment']);
    expect(saga(views.happy).states.every((state) => state.retries === 0)).toBe(true);
  });

  test("a flaky provider: the payment task's two retries are shown", () => {
    expect(views.flaky.orderStatus).toBe('confirmed');
    expect(saga(views.flaky).states.find((state) => state.name === 'TakePayment')).toMatchObject({ entered: true, retries: 2 });
  });

  test('a declined card: the path into compensation is highlighted', () => {
    expect(views.declined.orderStatus).toBe('cancelled');
    expect(entered(views.declined)).toEqual(expect.arrayContaining(['ReserveStock', 'TakePayment', 'Compensate']));
    expect(saga(views.declined).takenEdges).toEqual(expect.arrayContaining(['ReserveStock→TakePayment', 'TakePayment→Compensate']));
    expect(views.declined.events).toEqual(expect.arrayContaining(['order.placed', 'order.cancelled']));
    expect(views.declined.events).not.toContain('order.confirmed');
  });

  test('a cancelled order: its cancel request, its events and no confirmation', () => {
    expect(views.cancelled.orderStatus).toBe('cancelled');
    expect(views.cancelled.requests).toEqual(expect.arrayContaining(['POST /api/v1/orders 201', `POST /api/v1/orders/${orders.cancelled}/cancel 202`]));
    expect(views.cancelled.events).toEqual(expect.arrayContaining(['order.placed', 'order.cancelled']));
    expect(views.cancelled.events).not.toContain('order.confirmed');
  });

  test("lists an order's events on the bus with their payloads, its API requests and its DynamoDB items", () => {
    const view = views.happy;
    expect(view.events).toEqual(expect.arrayContaining(['order.placed', 'inventory.reserved', 'payment.captured', 'order.confirmed']));
    expect(view.events.indexOf('order.placed')).toBeLessThan(view.events.indexOf('order.confirmed'));
    for (const payload of view.eventPayloads) expect(payload).toMatchObject({ correlationId: scope.name('happy-request'), data: { orderId: orders.happy } });
    expect(view.requests[0]).toBe('POST /api/v1/orders 201');
    expect(view.requests).toContain(`GET /api/v1/orders/${orders.happy} 200`);
    expect(view.items).toEqual(expect.arrayContaining([`ORDER#${orders.happy} ORDER`, `RESERVATION#${orders.happy} RESERVATION`]));
    expect(view.items.some((item) => item.startsWith('PAYMENT#'))).toBe(true);
  });
});
