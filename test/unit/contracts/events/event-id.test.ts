import { domainEventId, uuidV5 } from '#contracts/events/event-id';

describe('event ids', () => {
  test("uuidV5 is RFC 9562 version 5 (the RFC's DNS-namespace example)", () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  test('a domain event id is a v5 UUID determined by entity, id, version and event name', () => {
    const id = domainEventId({ entity: 'order', id: 'o-1', version: 3 }, 'order.confirmed');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(domainEventId({ entity: 'order', id: 'o-1', version: 3 }, 'order.confirmed')).toBe(id);
    for (const other of [
      domainEventId({ entity: 'order', id: 'o-1', version: 4 }, 'order.confirmed'),
      domainEventId({ entity: 'order', id: 'o-2', version: 3 }, 'order.confirmed'),
      domainEventId({ entity: 'payment', id: 'o-1', version: 3 }, 'order.confirmed'),
      domainEventId({ entity: 'order', id: 'o-1', version: 3 }, 'order.cancelled'),
    ]) {
      expect(other).not.toBe(id);
    }
  });

  test('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(/not a UUID/);
  });
});
