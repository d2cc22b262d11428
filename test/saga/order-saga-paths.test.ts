import { SagaHarness } from './support/saga-harness';

/**
 * Every path of statemachines/order-saga.asl.json, run by the local Step Functions interpreter with the
 * real step handlers against DynamoDB Local. Each test ends by checking that stock is conserved:
 * what is on the shelf plus what reservations hold equals what there was.
 */

jest.setTimeout(120_000);

let saga: SagaHarness;
let orderNumber = 0;

beforeAll(async () => {
  saga = await SagaHarness.start('paths');
});
afterAll(async () => saga?.stop());
beforeEach(() => saga.functions.reset());

/** A fresh sku with `stock` units and an order of `quantity` of it paid with `token`. */
async function givenOrder(token: string, { stock = 10, quantity = 2 } = {}) {
  orderNumber += 1;
  const sku = `SKU-P${orderNumber}`;
  await saga.putProduct(sku, stock);
  const placed = await saga.placeOrder(`order-p${orderNumber}`, [{ sku, quantity }], token);
  return { ...placed, sku, stock, quantity };
}

async function expectConserved(order: { orderId: string; sku: string; stock: number }) {
  expect(await saga.accountedStock(order.sku, [order.orderId])).toBe(order.stock);
}

describe('happy path', () => {
  it('reserves, takes the payment and confirms in three states', async () => {
    const order = await givenOrder('tok_visa');

    const run = await saga.runSaga(order.orderId);

    expect(run.execution.status).toBe('SUCCEEDED');
    expect(run.statesEntered).toEqual(['ReserveStock', 'TakePayment', 'ConfirmOrder']);
    expect(run.execution.output).toEqual({ orderId: order.orderId, status: 'confirmed' });
    expect(await saga.order(order.orderId)).toMatchObject({
      status: 'confirmed',
      gsi2pk: 'ORDER_STATUS#confirmed',
      payment: { id: order.paymentId, status: 'captured' },
      version: 2,
      correlationId: `corr-${order.orderId}`,
    });
    expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'captured', version: 3, correlationId: `corr-${order.orderId}` });
    expect(await saga.reservation(order.orderId)).toMatchObject({
      entity: 'reservation',
      orderId: order.orderId,
      items: [{ sku: order.sku, quantity: 2 }],
      status: 'reserved',
      correlationId: `corr-${order.orderId}`,
      version: 1,
    });
    expect(await saga.stock(order.sku)).toBe(8);
    expect(saga.simulator.effects('authorize', order.paymentId)).toBe(1);
    expect(saga.simulator.effects('capture', order.paymentId)).toBe(1);
    await expectConserved(order);
  });
});
