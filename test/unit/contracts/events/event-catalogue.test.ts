import { eventCatalogue, allEventContracts } from '#contracts/events/event-catalogue';
import { envelopeSchema } from '#contracts/events/event-envelope';
import { DOMAIN_EVENT_NAMES, EVENT_SOURCES } from '#contracts/events/event-names';
import { exampleDetails, exampleEvents } from '#contracts/events/example-events';

/** The events the product promises its subscribers (docs/events.md, "Catalogue"): the catalogue holds at least these. */
const REQUIRED_EVENTS = [
  'order.placed',
  'order.confirmed',
  'order.cancelled',
  'order.shipped',
  'order.delivered',
  'inventory.reserved',
  'inventory.released',
  'inventory.low_stock',
  'payment.authorized',
  'payment.captured',
  'payment.declined',
  'payment.refunded',
];

describe('event catalogue', () => {
  test('holds every promised event, and one contract per name', () => {
    expect(DOMAIN_EVENT_NAMES).toEqual(expect.arrayContaining(REQUIRED_EVENTS));
    expect(Object.keys(eventCatalogue).sort()).toEqual([...DOMAIN_EVENT_NAMES].sort());
    for (const [name, contract] of Object.entries(eventCatalogue)) expect(contract.name).toBe(name);
  });

  test("the source is the bounded context named by the event's prefix", () => {
    const contextOf = { order: EVENT_SOURCES.orders, inventory: EVENT_SOURCES.inventory, payment: EVENT_SOURCES.payments } as Record<string, string>;
    for (const contract of allEventContracts()) expect(contract.source).toBe(contextOf[contract.name.split('.')[0]]);
  });

  test('versions are 1, 2, … in order; the latest is the last; every one says when it is emitted', () => {
    for (const contract of allEventContracts()) {
      expect(contract.versions.map((v) => v.version)).toEqual(contract.versions.map((_, i) => i + 1));
      expect(contract.latest).toBe(contract.versions.at(-1));
      expect(contract.description).not.toBe('');
      expect(contract.emittedWhen).not.toBe('');
    }
  });

  test('every example is valid for its own version, envelope included', () => {
    for (const contract of allEventContracts()) {
      for (const version of contract.versions) {
        const schema = envelopeSchema(version.version, version.data);
        for (const detail of exampleDetails(contract.name, version.version)) expect(schema.safeParse(detail).error).toBeUndefined();
      }
    }
  });

  test('example events are whole EventBridge events with distinct ids', () => {
    const events = allEventContracts().flatMap((contract) => exampleEvents(contract.name));
    for (const event of events)
      expect(Object.keys(event)).toEqual(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    expect(new Set(events.map((event) => event.detail.id)).size).toBe(events.length);
  });
});
