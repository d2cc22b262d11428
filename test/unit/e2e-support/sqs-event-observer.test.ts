import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import type { CarriedEvent } from '#test/e2e/support/carried-event';
import { SqsEventObserver } from '#test/e2e/support/sqs-event-observer';

const QUEUE_URL = 'http://sqs.us-east-1.localhost.localstack.cloud:4566/000000000000/tap';

/** An event as EventBridge puts it into the tap queue. */
function carried(id: string, detailType: string, occurredAt: string, domainId = `domain-${id}`): CarriedEvent {
  return {
    id,
    source: 'ordersaga.orders',
    'detail-type': detailType,
    time: `${occurredAt.slice(0, 19)}Z`,
    detail: { version: 1, id: domainId, occurredAt, correlationId: 'corr-1', data: { orderId: 'o-1' } },
  };
}

let receipts = 0;
const message = (body: unknown): Message => ({
  MessageId: `m-${receipts}`,
  ReceiptHandle: `receipt-${receipts++}`,
  Body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('SqsEventObserver (the events test tap of a deployed stack)', () => {
  const sqs = mockClient(SQSClient);
  const observer = () => new SqsEventObserver({ client: new SQSClient({ region: 'us-east-1' }), queueUrl: QUEUE_URL, waitTimeSeconds: 1 });

  beforeEach(() => {
    sqs.reset();
    sqs.on(DeleteMessageBatchCommand).resolves({ Successful: [], Failed: [] });
  });

  it('drains the queue with long polls until a poll comes back empty, and deletes every message it read', async () => {
    const placed = message(carried('eb-1', 'order.placed', '2026-11-02T10:00:00.100Z'));
    const confirmed = message(carried('eb-2', 'order.confirmed', '2026-11-02T10:00:00.900Z'));
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [placed] })
      .resolvesOnce({ Messages: [confirmed] })
      .resolves({});

    const seen = await observer().seen();

    expect(seen.map((event) => event['detail-type'])).toEqual(['order.placed', 'order.confirmed']);
    const receives = sqs.commandCalls(ReceiveMessageCommand);
    expect(receives).toHaveLength(3);
    for (const call of receives) expect(call.args[0].input).toEqual({ QueueUrl: QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 });
    const deleted = sqs.commandCalls(DeleteMessageBatchCommand).flatMap((call) => call.args[0].input.Entries!.map((entry) => entry.ReceiptHandle));
    expect(deleted).toEqual([placed.ReceiptHandle, confirmed.ReceiptHandle]);
  });

  it('keeps what it saw: a later look returns the earlier events too, plus the new ones', async () => {
    const tap = observer();
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [message(carried('eb-1', 'order.placed', '2026-11-02T10:00:00.100Z'))] })
      .resolvesOnce({})
      .resolvesOnce({ Messages: [message(carried('eb-2', 'order.cancelled', '2026-11-02T10:00:01.000Z'))] })
      .resolves({});
    expect(await tap.seen()).toHaveLength(1);
    expect((await tap.seen()).map((event) => event.id)).toEqual(['eb-1', 'eb-2']);
  });

  it('orders events by occurredAt (a queue does not keep order), then by arrival', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [
          message(carried('eb-3', 'payment.captured', '2026-11-02T10:00:00.500Z')),
          message(carried('eb-1', 'order.placed', '2026-11-02T10:00:00.100Z')),
          message(carried('eb-2', 'payment.authorized', '2026-11-02T10:00:00.500Z')),
        ],
      })
      .resolves({});
    expect((await observer().seen()).map((event) => event.id)).toEqual(['eb-1', 'eb-3', 'eb-2']);
  });

  it('keeps a redelivered message once, but two puts of one domain event twice (so a suite can still catch that)', async () => {
    const once = carried('eb-1', 'order.placed', '2026-11-02T10:00:00.100Z');
    const publishedTwice = carried('eb-2', 'order.placed', '2026-11-02T10:00:00.100Z', once.detail.id);
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [message(once), message(once)] })
      .resolvesOnce({ Messages: [message(publishedTwice)] })
      .resolves({});
    const seen = await observer().seen();
    expect(seen.map((event) => event.id)).toEqual(['eb-1', 'eb-2']);
    expect(new Set(seen.map((event) => event.detail.id)).size).toBe(1);
    // Every copy is deleted, redeliveries included.
    expect(sqs.commandCalls(DeleteMessageBatchCommand).flatMap((call) => call.args[0].input.Entries!)).toHaveLength(3);
  });

  it('deletes and counts messages that are not events instead of failing on them', async () => {
    const tap = observer();
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [message('not json'), message({ hello: 'world' }), message(carried('eb-1', 'order.placed', '2026-11-02T10:00:00.100Z'))] })
      .resolves({});
    expect(await tap.seen()).toHaveLength(1);
    expect(tap.unreadable).toBe(2);
    expect(sqs.commandCalls(DeleteMessageBatchCommand).flatMap((call) => call.args[0].input.Entries!)).toHaveLength(3);
  });

  it('passes SQS errors on (a wrong queue URL or missing credentials should fail the suite, not look like silence)', async () => {
    sqs.on(ReceiveMessageCommand).rejects(new Error('The specified queue does not exist.'));
    await expect(observer().seen()).rejects.toThrow('The specified queue does not exist.');
  });
});
