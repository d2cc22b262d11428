import * as z from 'zod';

/**
 * The `detail` of every domain event: a versioned envelope around the event's data (docs/events.md, "The envelope").
 * Consumers deduplicate on `id` (EventBridge delivers at least once) and log `correlationId`.
 */
export interface EventEnvelope<Data> {
  /** Version of the event's contract: `schemas/events/<name>/v<version>.json`. */
  version: number;
  id: string;
  occurredAt: string;
  correlationId: string;
  data: Data;
}

/** The envelope's schema for one version of one event. */
export const envelopeSchema = <Data extends z.ZodType>(version: number, data: Data) =>
  z.object({
    version: z.literal(version).describe('Version of this event contract; a breaking change would be a new version.'),
    id: z.uuid().describe('Event id, derived from the entity, its version and the event name: a duplicate delivery carries the same id. Deduplicate on it.'),
    occurredAt: z.iso.datetime().describe('When the state change was committed (ISO 8601 UTC).'),
    correlationId: z
      .string()
      .min(1)
      .max(256)
      .describe("Correlation id of the HTTP request that started the flow (the order's); log it with everything the event causes."),
    data,
  });
