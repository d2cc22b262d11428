import type { DynamoDBRecord } from 'aws-lambda';
import { customerCancellationOf } from '#saga/adapters/order-change-records';

/** Reads a customer's cancel off the table's stream: what starts the compensation of a cancelled order. */

const image = (status: string, extra: Record<string, unknown> = {}) => ({
  pk: { S: 'ORDER#o-1' },
  sk: { S: 'ORDER' },
  entity: { S: 'order' },
  id: { S: 'o-1' },
  status: { S: status },
  payment: { M: { id: { S: 'pay-1' }, status: { S: 'captured' } } },
  correlationId: { S: 'corr-1' },
  ...extra,
});

const modify = (before: string, after: Record<string, unknown>): DynamoDBRecord =>
  ({ eventName: 'MODIFY', dynamodb: { OldImage: image(before), NewImage: after, SequenceNumber: '1' } }) as unknown as DynamoDBRecord;

describe('customerCancellationOf', () => {
  it.each(['pending', 'confirmed'] as const)('reads a cancel from %s', (before) => {
    expect(customerCancellationOf(modify(before, image('cancelled', { cancellationReason: { S: 'customer_cancelled' } })))).toEqual({
      orderId: 'o-1',
      previousStatus: before,
      paymentId: 'pay-1',
      correlationId: 'corr-1',
    });
  });

  it("ignores the saga's own cancellations, other changes, inserts and other entities", () => {
    expect(customerCancellationOf(modify('pending', image('cancelled', { cancellationReason: { S: 'out_of_stock' } })))).toBeUndefined();
    expect(customerCancellationOf(modify('cancelled', image('cancelled', { cancellationReason: { S: 'customer_cancelled' } })))).toBeUndefined();
    expect(customerCancellationOf(modify('pending', image('confirmed')))).toBeUndefined();
    expect(
      customerCancellationOf({
        eventName: 'INSERT',
        dynamodb: { NewImage: image('cancelled', { cancellationReason: { S: 'customer_cancelled' } }) },
      } as unknown as DynamoDBRecord),
    ).toBeUndefined();
    expect(
      customerCancellationOf(modify('pending', image('cancelled', { cancellationReason: { S: 'customer_cancelled' }, entity: { S: 'payment' } }))),
    ).toBeUndefined();
  });
});
