import { exampleEvents } from '#contracts/events/example-events';
import { parseDomainEvent, UnexpectedDomainEventError } from '#contracts/events/received-domain-event';

const [confirmed] = exampleEvents('order.confirmed');

describe('parseDomainEvent', () => {
  test('returns the name and the validated envelope of an accepted event', () => {
    const received = parseDomainEvent(confirmed, ['order.confirmed', 'order.cancelled']);
    expect(received.name).toBe('order.confirmed');
    expect(received.detail).toEqual(confirmed.detail);
  });

  test('refuses an event the subscriber does not handle', () => {
    expect(() => parseDomainEvent(confirmed, ['order.cancelled'])).toThrow(UnexpectedDomainEventError);
  });

  test('refuses a known name from another source', () => {
    expect(() => parseDomainEvent({ ...confirmed, source: 'someone.else' }, ['order.confirmed'])).toThrow(/must come from ordersaga.orders/);
  });

  test('refuses a detail that breaks the contract, naming the field', () => {
    const detail = { ...confirmed.detail, data: { ...(confirmed.detail.data as object), totalAmount: 'lots' } };
    expect(() => parseDomainEvent({ ...confirmed, detail }, ['order.confirmed'])).toThrow(/totalAmount/);
    expect(() => parseDomainEvent({ ...confirmed, detail: { ...confirmed.detail, id: 'not-a-uuid' } }, ['order.confirmed'])).toThrow(/envelope/);
  });

  test('reads a newer version with fields it does not know (a tolerant reader)', () => {
    const detail = { ...confirmed.detail, version: 2, data: { ...(confirmed.detail.data as object), giftWrapped: true } };
    const received = parseDomainEvent({ ...confirmed, detail }, ['order.confirmed']);
    expect(received.detail.version).toBe(2);
    expect(received.detail.data).toEqual(confirmed.detail.data);
  });
});
