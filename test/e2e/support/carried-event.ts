/** A domain event as EventBridge hands it to a target (a queue, /_local/events): the envelope of docs/events.md in `detail`. */
export interface CarriedEvent {
  /** EventBridge's id of this put: a redelivery of the same put repeats it. */
  id: string;
  source: string;
  'detail-type': string;
  time: string;
  detail: {
    version: number;
    /** The domain event's own id: two puts of one event would repeat it. */
    id: string;
    occurredAt: string;
    correlationId: string;
    data: Record<string, unknown> & { orderId?: string; sku?: string };
  };
}

/** Where a suite reads the events the bus carried. */
export interface EventObserver {
  /** Every event seen so far, oldest first: since the runtime started (a local runtime), or since the observer started (the tap queue). */
  seen(): Promise<CarriedEvent[]>;
  close(): Promise<void>;
}

/** True for anything shaped like a carried event (a tap queue may hold other messages). */
export function isCarriedEvent(value: unknown): value is CarriedEvent {
  const event = value as Partial<CarriedEvent> | null;
  return typeof event?.id === 'string' && typeof event['detail-type'] === 'string' && typeof event.detail?.id === 'string';
}
