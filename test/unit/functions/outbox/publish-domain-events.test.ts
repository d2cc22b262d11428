import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { handler } from '#outbox/handlers/publish-domain-events';
import { logger } from '#shared/powertools';
import { lambdaContext } from '#test/support/api-gateway-event';
import { inserted, modified, orderItem, paymentItem, productItem } from './support/stream-records';

const eventBridge = mockClient(EventBridgeClient);
const sent = () => eventBridge.commandCalls(PutEventsCommand).flatMap((call) => call.args[0].input.Entries!);
const detailTypes = (entries: PutEventsRequestEntry[]) => entries.map((entry) => entry.DetailType);

const invoke = (records: DynamoDBStreamEvent['Records']) => handler({ Records: records }, lambdaContext());

beforeAll(() => {
  process.env.EVENT_BUS_NAME = 'ordersaga-test';
});

beforeEach(() => {
  eventBridge.reset();
  jest.restoreAllMocks();
});

/** Three records: an order placed (seq 1), a payment authorized (seq 2), an order confirmed (seq 3). */
const orderLife = () => [
  inserted(orderItem(), '1'),
  modified(paymentItem(), paymentItem({ status: 'authorized', version: 2 }), '2'),
  modified(orderItem(), orderItem({ status: 'confirmed', version: 2 }), '3'),
];

describe('publishDomainEvents (the outbox relay)', () => {
  test("publishes every record's events on the bus and reports no failures", async () => {
    eventBridge
      .on(PutEventsCommand)
      .callsFake((input: { Entries: unknown[] }) => ({ FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `eb-${i}` })) }));
    const response = await invoke([...orderLife(), modified(productItem(), productItem({ price: 1 }), '4')]);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(detailTypes(sent())).toEqual(['order.placed', 'payment.authorized', 'order.confirmed']);
    expect(sent().every((entry) => entry.EventBusName === 'ordersaga-test')).toBe(true);
    expect(sent().map((entry) => JSON.parse(entry.Detail!).correlationId)).toEqual(['corr-order-1', 'corr-order-1', 'corr-order-1']);
  });

  test('a batch with nothing to publish calls nothing', async () => {
    const response = await invoke([modified(productItem(), productItem({ price: 1 }))]);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  test('an event that cannot be published reports its record and every later one, so the shard resumes there', async () => {
    // payment.authorized (record 2) fails on every attempt; the others go through.
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
      const Entries = input.Entries.map((entry) =>
        entry.DetailType === 'payment.authorized' ? { ErrorCode: 'InternalException', ErrorMessage: 'try again' } : { EventId: 'ok' },
      );
      return { FailedEntryCount: Entries.filter((e) => 'ErrorCode' in e).length, Entries };
    });
    const response = await invoke(orderLife());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }, { itemIdentifier: '3' }] });
    // Only the failed entry was resent.
    expect(detailTypes(sent())).toEqual([
      'order.placed',
      'payment.authorized',
      'order.confirmed',
      'payment.authorized',
      'payment.authorized',
      'payment.authorized',
    ]);
  }, 10_000);

  test('a record that cannot make valid events is reported with every later one, and logged with its correlation id', async () => {
    eventBridge
      .on(PutEventsCommand)
      .callsFake((input: { Entries: unknown[] }) => ({ FailedEntryCount: 0, Entries: input.Entries.map(() => ({ EventId: 'ok' })) }));
    const errors = jest.spyOn(logger, 'error');
    const { currency: _, ...withoutCurrency } = orderItem({ id: 'o-2', pk: 'ORDER#o-2', correlationId: 'corr-order-2' });
    const response = await invoke([inserted(orderItem(), '1'), inserted(withoutCurrency, '2'), inserted(orderItem({ id: 'o-3' }), '3')]);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }, { itemIdentifier: '3' }] });
    expect(detailTypes(sent())).toEqual(['order.placed']);
    expect(errors).toHaveBeenCalledWith(
      'stream record does not make valid domain events',
      expect.objectContaining({ correlationId: 'corr-order-2', sequenceNumber: '2' }),
    );
  });

  test('every published event is logged with its correlation id', async () => {
    eventBridge
      .on(PutEventsCommand)
      .callsFake((input: { Entries: unknown[] }) => ({ FailedEntryCount: 0, Entries: input.Entries.map(() => ({ EventId: 'ok' })) }));
    const infos = jest.spyOn(logger, 'info');
    await invoke(orderLife());
    const published = infos.mock.calls.filter(([message]) => message === 'domain event published');
    expect(published).toHaveLength(3);
    for (const [, attributes] of published) expect(attributes).toMatchObject({ correlationId: 'corr-order-1', eventId: expect.any(String) });
  });

  test('redelivering the same batch publishes the same event ids', async () => {
    eventBridge
      .on(PutEventsCommand)
      .callsFake((input: { Entries: unknown[] }) => ({ FailedEntryCount: 0, Entries: input.Entries.map(() => ({ EventId: 'ok' })) }));
    await invoke(orderLife());
    await invoke(orderLife());
    const ids = sent().map((entry) => JSON.parse(entry.Detail!).id);
    expect(ids.slice(3)).toEqual(ids.slice(0, 3));
  });
});
