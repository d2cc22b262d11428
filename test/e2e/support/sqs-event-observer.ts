import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { isCarriedEvent, type CarriedEvent, type EventObserver } from './carried-event';

export interface SqsEventObserverOptions {
  client: SQSClient;
  /** The stack output EventsTestTapQueueUrl. */
  queueUrl: string;
  /** Long-poll wait of a read that finds the queue empty (1 to 20 s). */
  waitTimeSeconds?: number;
}

/** SQS hands out at most 10 messages per receive and deletes at most 10 per batch. */
const SQS_BATCH = 10;

/**
 * Watches a deployed stack's bus through the events test tap (lib/constructs/events-test-tap.ts):
 * each look drains the queue with long polls, deletes what it read and keeps it, so `seen()` is
 * everything since the observer started. A redelivered message (SQS and EventBridge deliver at least
 * once) repeats EventBridge's `id` and is kept once; two puts of one domain event keep distinct ids,
 * so a suite can still catch an event published twice. A queue does not keep order: events are sorted
 * by `detail.occurredAt`, then by arrival.
 */
export class SqsEventObserver implements EventObserver {
  private readonly kept = new Map<string, { event: CarriedEvent; arrival: number }>();
  private arrivals = 0;
  /** Messages that were not events (e.g. something sent to the queue by hand): deleted and counted. */
  unreadable = 0;

  constructor(private readonly options: SqsEventObserverOptions) {}

  async seen(): Promise<CarriedEvent[]> {
    await this.drain();
    return [...this.kept.values()]
      .sort((a, b) => a.event.detail.occurredAt.localeCompare(b.event.detail.occurredAt) || a.arrival - b.arrival)
      .map(({ event }) => event);
  }

  async close(): Promise<void> {
    this.options.client.destroy();
  }

  /** Reads until a long poll comes back empty. */
  private async drain(): Promise<void> {
    for (;;) {
      const { Messages: messages = [] } = await this.options.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.options.queueUrl,
          MaxNumberOfMessages: SQS_BATCH,
          WaitTimeSeconds: this.options.waitTimeSeconds ?? 2,
        }),
      );
      if (!messages.length) return;
      for (const message of messages) this.keep(message);
      await this.delete(messages);
    }
  }

  private keep(message: Message): void {
    let body: unknown;
    try {
      body = JSON.parse(message.Body ?? '');
    } catch {
      body = undefined;
    }
    if (!isCarriedEvent(body)) {
      this.unreadable += 1;
      return;
    }
    if (!this.kept.has(body.id)) this.kept.set(body.id, { event: body, arrival: this.arrivals++ });
  }

  /** A message whose delete fails comes back after its visibility timeout and is kept once more by id: nothing lost, nothing doubled. */
  private async delete(messages: Message[]): Promise<void> {
    const entries = messages.filter((message) => message.ReceiptHandle).map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! }));
    for (let start = 0; start < entries.length; start += SQS_BATCH) {
      await this.options.client.send(new DeleteMessageBatchCommand({ QueueUrl: this.options.queueUrl, Entries: entries.slice(start, start + SQS_BATCH) }));
    }
  }
}
