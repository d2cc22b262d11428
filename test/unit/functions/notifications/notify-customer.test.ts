import { exampleEvents } from '#contracts/events/example-events';
import { handler } from '#notifications/handlers/notify-customer';
import { logger } from '#shared/powertools';
import { lambdaContext } from '#test/support/api-gateway-event';
import { fakeNotificationTable } from './support/fake-table';

const table = fakeNotificationTable();
const emails = () => (logger.info as jest.Mock).mock.calls.filter(([message]) => message === 'email to customer (log only)');

beforeAll(() => {
  process.env.TABLE_NAME = 'ordersaga-test';
});

beforeEach(() => {
  table.items.clear();
  jest.restoreAllMocks();
  jest.spyOn(logger, 'info');
});

describe('notifyCustomer', () => {
  test('the same event delivered twice notifies the customer once', async () => {
    const [shipped] = exampleEvents('order.shipped');
    await handler(shipped, lambdaContext());
    await handler(shipped, lambdaContext());
    expect(emails()).toHaveLength(1);
    expect(emails()[0][1]).toMatchObject({
      correlationId: shipped.detail.correlationId,
      eventId: shipped.detail.id,
      customerId: 'customer-42',
      template: 'order-shipped',
    });
    expect([...table.items.values()]).toEqual([
      expect.objectContaining({
        pk: `NOTIFICATION#${shipped.detail.id}`,
        entity: 'notification',
        deliveryStatus: 'delivered',
        correlationId: shipped.detail.correlationId,
      }),
    ]);
  });

  test('each of the four order events is notified', async () => {
    for (const name of ['order.confirmed', 'order.cancelled', 'order.shipped', 'order.delivered'] as const) {
      await handler(exampleEvents(name)[0], lambdaContext());
    }
    expect(emails().map(([, attributes]) => attributes.template)).toEqual(['order-confirmed', 'order-cancelled', 'order-shipped', 'order-delivered']);
  });

  test('the correlation id is on every log line of the invocation', async () => {
    // A fresh module graph with logging on (the shared one is SILENT, and Powertools resets the level
    // on every warm invocation), capturing what Powertools prints through its own Console.
    const lines: Record<string, unknown>[] = [];
    let isolatedHandler: typeof handler = handler;
    const previous = process.env.POWERTOOLS_LOG_LEVEL;
    process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
    jest.isolateModules(() => {
      require('./support/fake-table').fakeNotificationTable();
      const { logger: isolatedLogger } = require('#shared/powertools');
      const printer = (isolatedLogger as { console: Console }).console;
      for (const method of ['debug', 'info', 'warn', 'error', 'log'] as const) {
        jest.spyOn(printer, method as 'info').mockImplementation((text?: unknown) => void lines.push(JSON.parse(String(text))));
      }
      isolatedHandler = require('#notifications/handlers/notify-customer').handler;
    });
    process.env.POWERTOOLS_LOG_LEVEL = previous;

    const [confirmed] = exampleEvents('order.confirmed');
    await isolatedHandler(confirmed, lambdaContext());
    await isolatedHandler(confirmed, lambdaContext());
    expect(lines.map((line) => line.message)).toEqual(['email to customer (log only)', 'duplicate event: the customer was already notified']);
    for (const line of lines) expect(line).toMatchObject({ correlationId: confirmed.detail.correlationId, eventId: confirmed.detail.id });
  });

  test('an event it does not handle fails loudly (and lands in the dead-letter queue)', async () => {
    await expect(handler(exampleEvents('order.placed')[0], lambdaContext())).rejects.toThrow(/does not handle order.placed/);
  });
});
