import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry, type PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { EventBridgePublisher } from '#outbox/adapters/event-bridge-publisher';
import { orderIdOf, shippedEvents } from './support/domain-events';

const eventBridge = mockClient(EventBridgeClient);
const log = { warn: jest.fn(), error: jest.fn() };
const sleeps: number[] = [];

const publisher = (maxAttempts = 4) =>
  new EventBridgePublisher({
    client: new EventBridgeClient({}),
    eventBusName: 'ordersaga-test',
    log,
    maxAttempts,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 1,
  });

/** Answers each PutEvents as EventBridge would, failing the entries `fails` picks. */
const answerWith = (fails: (orderId: string, call: number) => boolean) => {
  let call = 0;
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
    call++;
    const Entries: PutEventsResultEntry[] = input.Entries.map((entry, i) =>
      fails(orderIdOf(entry), call) ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' } : { EventId: `eb-${call}-${i}` },
    );
    return { FailedEntryCount: Entries.filter((e) => e.ErrorCode).length, Entries };
  });
};

const sentOrderIds = () => eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries!.map(orderIdOf));

beforeEach(() => {
  eventBridge.reset();
  jest.clearAllMocks();
  sleeps.length = 0;
});

describe('EventBridgePublisher', () => {
  test('sends events in order, 10 per request, to the domain bus', async () => {
    answerWith(() => false);
    const outcome = await publisher().publish(shippedEvents(12));
    expect(outcome.failed.size).toBe(0);
    expect(sentOrderIds()).toEqual([Array.from({ length: 10 }, (_, n) => `o-${n}`), ['o-10', 'o-11']]);
    expect(eventBridge.commandCalls(PutEventsCommand)[0].args[0].input.Entries![0]).toMatchObject({
      EventBusName: 'ordersaga-test',
      Source: 'ordersaga.orders',
      DetailType: 'order.shipped',
    });
  });

  test('a partial failure resends only the failed entries, with backoff, until they go through', async () => {
    // o-2 and o-5 fail on the first request; o-5 fails once more.
    answerWith((orderId, call) => (call === 1 && ['o-2', 'o-5'].includes(orderId)) || (call === 2 && orderId === 'o-5'));
    const outcome = await publisher().publish(shippedEvents(7));
    expect(outcome.failed.size).toBe(0);
    expect(sentOrderIds()).toEqual([['o-0', 'o-1', 'o-2', 'o-3', 'o-4', 'o-5', 'o-6'], ['o-2', 'o-5'], ['o-5']]);
    expect(sleeps).toEqual([100, 200]);
    expect(log.warn).toHaveBeenCalledWith('PutEvents entry failed', expect.objectContaining({ correlationId: 'corr-1', errorCode: 'ThrottlingException' }));
  });

  test('an entry that keeps failing is reported after the last attempt; the requests after it are not sent', async () => {
    answerWith((orderId) => orderId === 'o-3');
    const outcome = await publisher(3).publish(shippedEvents(15));
    expect(sentOrderIds()).toEqual([Array.from({ length: 10 }, (_, n) => `o-${n}`), ['o-3'], ['o-3']]);
    // o-3 failed; o-10..o-14 (the next request) were held back to keep the order.
    expect([...outcome.failed].sort((a, b) => a - b)).toEqual([3, 10, 11, 12, 13, 14]);
    expect(log.error).toHaveBeenCalledWith('domain event not published after retries', expect.objectContaining({ attempts: 3, correlationId: 'corr-1' }));
  });

  test('a request that throws counts as all its entries failed, and is retried', async () => {
    eventBridge
      .on(PutEventsCommand)
      .rejectsOnce(new Error('socket hang up'))
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'a' }, { EventId: 'b' }] });
    const outcome = await publisher().publish(shippedEvents(2));
    expect(outcome.failed.size).toBe(0);
    expect(sentOrderIds()).toEqual([
      ['o-0', 'o-1'],
      ['o-0', 'o-1'],
    ]);
  });

  test('an event too large for any request fails without being sent', async () => {
    answerWith(() => false);
    const [huge] = shippedEvents(1);
    (huge.detail.data as { customerId: string }).customerId = 'x'.repeat(300 * 1024);
    const outcome = await publisher().publish([huge, ...shippedEvents(2).slice(1)]);
    expect([...outcome.failed]).toEqual([0, 1]);
    expect(sentOrderIds()).toEqual([]);
  });
});
