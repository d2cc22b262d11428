import { chunkEntries, MAX_REQUEST_BYTES, putEventsEntrySize, toPutEventsEntry } from '#outbox/adapters/put-events-entries';
import { createDomainEvent } from '#contracts/events/domain-event';

const entry = (detailBytes: number) => ({ Source: 's', DetailType: 'd', Detail: 'x'.repeat(detailBytes) });

describe('PutEvents entries', () => {
  test('an event becomes an entry on the bus: source, detail-type, the envelope as detail, the commit time as Time', () => {
    const event = createDomainEvent('order.shipped', {
      id: '0566809d-282f-5945-b7c0-c53a00f22949',
      occurredAt: '2026-03-14T09:26:53.000Z',
      correlationId: 'corr-1',
      data: { orderId: 'o-1', customerId: 'c-1' },
    });
    expect(toPutEventsEntry(event, 'ordersaga-dev')).toEqual({
      EventBusName: 'ordersaga-dev',
      Source: 'ordersaga.orders',
      DetailType: 'order.shipped',
      Detail: JSON.stringify(event.detail),
      Time: new Date('2026-03-14T09:26:53.000Z'),
    });
  });

  test("size is EventBridge's: 14 bytes for Time plus the UTF-8 lengths", () => {
    expect(putEventsEntrySize({ Source: 'ab', DetailType: 'c', Detail: '{"é":1}', Time: new Date(), Resources: ['r1'] })).toBe(14 + 2 + 1 + 8 + 2);
  });

  test('at most 10 entries per request, in order', () => {
    const chunks = chunkEntries(Array.from({ length: 23 }, () => entry(10)));
    expect(chunks.map((c) => c.indexes.length)).toEqual([10, 10, 3]);
    expect(chunks.flatMap((c) => c.indexes)).toEqual(Array.from({ length: 23 }, (_, i) => i));
  });

  test('at most 256 KB per request', () => {
    const big = 100 * 1024;
    const chunks = chunkEntries([entry(big), entry(big), entry(big), entry(10)]);
    expect(chunks.map((c) => c.indexes)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    for (const chunk of chunks)
      expect(chunk.indexes.reduce((sum, i) => sum + putEventsEntrySize([entry(big), entry(big), entry(big), entry(10)][i]), 0)).toBeLessThanOrEqual(
        MAX_REQUEST_BYTES,
      );
  });

  test('an entry larger than a request stands alone, marked as unsendable', () => {
    const chunks = chunkEntries([entry(10), entry(MAX_REQUEST_BYTES), entry(10)]);
    expect(chunks).toEqual([
      { indexes: [0], tooLarge: false },
      { indexes: [1], tooLarge: true },
      { indexes: [2], tooLarge: false },
    ]);
  });
});
