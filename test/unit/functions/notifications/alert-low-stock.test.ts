import { exampleEvents } from '#contracts/events/example-events';
import { handler } from '#notifications/handlers/alert-low-stock';
import { logger } from '#shared/powertools';
import { lambdaContext } from '#test/support/api-gateway-event';
import { fakeNotificationTable } from './support/fake-table';

const table = fakeNotificationTable();

beforeAll(() => {
  process.env.TABLE_NAME = 'ordersaga-test';
});

beforeEach(() => {
  table.items.clear();
  jest.restoreAllMocks();
});

describe('alertLowStock', () => {
  test('the same low_stock event twice raises one alert, with the correlation id', async () => {
    const info = jest.spyOn(logger, 'info');
    const [lowStock] = exampleEvents('inventory.low_stock');
    await handler(lowStock, lambdaContext());
    await handler(lowStock, lambdaContext());
    const alerts = info.mock.calls.filter(([message]) => message === 'low stock alert (log only)');
    expect(alerts).toHaveLength(1);
    expect(alerts[0][1]).toMatchObject({ correlationId: lowStock.detail.correlationId, sku: 'SKU-1', stock: 3, threshold: 5 });
    expect([...table.items.keys()]).toEqual([`NOTIFICATION#${lowStock.detail.id}|CHANNEL#stock-alert`]);
  });

  test('a second crossing (another event id) raises another alert', async () => {
    const info = jest.spyOn(logger, 'info');
    const [lowStock] = exampleEvents('inventory.low_stock');
    await handler(lowStock, lambdaContext());
    await handler({ ...lowStock, detail: { ...lowStock.detail, id: '9b2d4f0e-1c3a-5e7b-8d9f-0a1b2c3d4e5f' } }, lambdaContext());
    expect(info.mock.calls.filter(([message]) => message === 'low stock alert (log only)')).toHaveLength(2);
  });

  test('an order event is not its business', async () => {
    await expect(handler(exampleEvents('order.shipped')[0], lambdaContext())).rejects.toThrow(/does not handle/);
  });
});
