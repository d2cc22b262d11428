import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bucketAt, CLOSED, mustOpen, WINDOW_BUCKETS, type CircuitSettings, type CircuitState, type WindowBucket } from '../domain/circuit-breaker';

/**
 * The circuit's shared state: one item per circuit (`CIRCUIT#<id>` / `CIRCUIT`). Every change is a
 * conditional update on the state it expects, so concurrent instances never overwrite one another's
 * decisions: of two callers racing to probe a half-open circuit exactly one wins, and an outcome
 * counted against a circuit that someone else just opened is simply dropped.
 *
 * The closed circuit's window is one map attribute per bucket slot, `b0` … `b11`:
 * `{start, f, s}` (when the bucket began, its failures, its successes). Outcomes add to their
 * bucket if the slot holds that bucket already, else start the slot afresh (conditionally on the
 * slot holding an older bucket), so concurrent callers never lose a count.
 */
export const circuitKey = (circuitId: string) => ({ pk: `CIRCUIT#${circuitId}`, sk: 'CIRCUIT' });

type Item = Record<string, unknown>;

const SLOTS = Array.from({ length: WINDOW_BUCKETS }, (_, slot) => `b${slot}`);
/** Everything a closed circuit counts, including the attributes of the breaker's earlier format. */
const WINDOW_ATTRIBUTES = [...SLOTS, 'failures', 'lastFailureAt'].join(', ');

export function circuitStateOf(item: Item | undefined): CircuitState {
  if (!item) return CLOSED;
  if (item.state === 'open') return { status: 'open', openUntil: Number(item.openUntil ?? 0) };
  if (item.state === 'half_open') return { status: 'half_open', probeUntil: Number(item.probeUntil ?? 0) };
  const buckets: Partial<Record<number, WindowBucket>> = {};
  SLOTS.forEach((name, slot) => {
    const bucket = item[name] as { start?: unknown; f?: unknown; s?: unknown } | undefined;
    if (bucket && typeof bucket.start === 'number')
      buckets[slot] = { startMs: bucket.start, failures: Number(bucket.f ?? 0), successes: Number(bucket.s ?? 0) };
  });
  return { status: 'closed', buckets };
}

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException';

export class CircuitBreakerStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: () => string,
    readonly circuitId: string,
  ) {}

  /** The circuit as last written. Eventually consistent: a decision a second old is good enough to fail fast on. */
  async read(): Promise<CircuitState> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table(), Key: circuitKey(this.circuitId) }));
    return circuitStateOf(Item);
  }

  /**
   * Counts a transient failure (with `successes` healthy answers its caller saw in the same bucket and
   * had not written yet) against a closed circuit, and opens it if the window then says so. Answers
   * the state it left (undefined: the circuit was not closed, nothing counted).
   */
  async recordFailure(nowMs: number, settings: CircuitSettings, successes = 0): Promise<CircuitState | undefined> {
    const item = await this.count({ failures: 1, successes }, nowMs, settings);
    if (!item) return undefined;
    const state = circuitStateOf(item);
    if (mustOpen(state, nowMs, settings)) return (await this.open(nowMs, settings)) ?? state;
    return state;
  }

  /** Counts healthy answers against a closed circuit. */
  async recordSuccesses(nowMs: number, settings: CircuitSettings, successes: number): Promise<void> {
    await this.count({ failures: 0, successes }, nowMs, settings);
  }

  /** Claims the one probe of an open circuit whose open time is over (or whose last probe's lease ran out). */
  async claimProbe(nowMs: number, settings: CircuitSettings): Promise<boolean> {
    const updated = await this.update(
      'SET #state = :halfOpen, probeUntil = :until, updatedAt = :nowIso',
      '(#state = :open AND openUntil <= :now) OR (#state = :halfOpen AND probeUntil <= :now)',
      { ':halfOpen': 'half_open', ':open': 'open', ':until': nowMs + settings.probeLeaseMs, ':now': nowMs, ':nowIso': new Date(nowMs).toISOString() },
    );
    return updated !== undefined;
  }

  /** The probe succeeded: closed, with an empty window. */
  async closeAfterProbe(nowMs: number): Promise<void> {
    await this.update(`SET #state = :closed, updatedAt = :now REMOVE probeUntil, openUntil, ${WINDOW_ATTRIBUTES}`, '#state = :halfOpen', {
      ':closed': 'closed',
      ':halfOpen': 'half_open',
      ':now': new Date(nowMs).toISOString(),
    });
  }

  /** The probe failed: open for another `openMs`. */
  async reopenAfterProbe(nowMs: number, settings: CircuitSettings): Promise<void> {
    await this.update('SET #state = :open, openUntil = :until, updatedAt = :now REMOVE probeUntil', '#state = :halfOpen', {
      ':open': 'open',
      ':until': nowMs + settings.openMs,
      ':halfOpen': 'half_open',
      ':now': new Date(nowMs).toISOString(),
    });
  }

  /** Adds outcomes to the bucket of `nowMs`; the item after it, or undefined when the circuit is not closed. */
  private async count(outcomes: { failures: number; successes: number }, nowMs: number, settings: CircuitSettings): Promise<Item | undefined> {
    const { slot, startMs } = bucketAt(nowMs, settings);
    const names = { '#b': SLOTS[slot]!, '#start': 'start' };
    const nowIso = new Date(nowMs).toISOString();
    const addToBucket = () =>
      // SET x = x + n, not ADD: ADD works on top-level attributes only (DynamoDB Developer Guide, "Update expressions").
      this.update(
        'SET #b.#f = #b.#f + :failures, #b.#s = #b.#s + :successes, updatedAt = :nowIso',
        '#state = :closed AND #b.#start = :start',
        { ':failures': outcomes.failures, ':successes': outcomes.successes, ':closed': 'closed', ':start': startMs, ':nowIso': nowIso },
        { ...names, '#f': 'f', '#s': 's' },
      );
    const startBucket = () =>
      this.update(
        'SET entity = :entity, circuit = :circuit, #state = if_not_exists(#state, :closed), #b = :bucket, updatedAt = :nowIso',
        'attribute_not_exists(pk) OR (#state = :closed AND (attribute_not_exists(#b) OR #b.#start < :start))',
        {
          ':entity': 'circuitBreaker',
          ':circuit': this.circuitId,
          ':closed': 'closed',
          ':bucket': { start: startMs, f: outcomes.failures, s: outcomes.successes },
          ':start': startMs,
          ':nowIso': nowIso,
        },
        names,
      );
    // Someone may start the bucket between our two conditions: then it is a bucket to add to.
    return (await addToBucket()) ?? (await startBucket()) ?? (await addToBucket());
  }

  private async open(nowMs: number, settings: CircuitSettings): Promise<CircuitState | undefined> {
    const item = await this.update(`SET #state = :open, openUntil = :until, updatedAt = :now REMOVE ${WINDOW_ATTRIBUTES}`, '#state = :closed', {
      ':open': 'open',
      ':until': nowMs + settings.openMs,
      ':closed': 'closed',
      ':now': new Date(nowMs).toISOString(),
    });
    return item ? circuitStateOf(item) : undefined;
  }

  /** A conditional update; the item after it, or undefined when the condition did not hold. */
  private async update(
    updateExpression: string,
    condition: string,
    values: Record<string, unknown>,
    names: Record<string, string> = {},
  ): Promise<Item | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.table(),
          Key: circuitKey(this.circuitId),
          UpdateExpression: updateExpression,
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#state': 'state', ...names },
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }
}
