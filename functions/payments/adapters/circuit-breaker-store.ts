import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CLOSED, type CircuitSettings, type CircuitState } from '../domain/circuit-breaker';

/**
 * The circuit's shared state: one item per circuit (`CIRCUIT#<id>` / `CIRCUIT`). Every change is a
 * conditional update on the state it expects, so concurrent instances never overwrite one another's
 * decisions: of two callers racing to probe a half-open circuit exactly one wins, and a failure
 * counted against a circuit that someone else just opened is simply dropped.
 */
export const circuitKey = (circuitId: string) => ({ pk: `CIRCUIT#${circuitId}`, sk: 'CIRCUIT' });

type Item = Record<string, unknown>;

export function circuitStateOf(item: Item | undefined): CircuitState {
  if (!item) return CLOSED;
  if (item.state === 'open') return { status: 'open', openUntil: Number(item.openUntil ?? 0) };
  if (item.state === 'half_open') return { status: 'half_open', probeUntil: Number(item.probeUntil ?? 0) };
  return { status: 'closed', failures: Number(item.failures ?? 0), lastFailureAt: typeof item.lastFailureAt === 'number' ? item.lastFailureAt : undefined };
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
   * Counts a transient failure against a closed circuit and opens it once the run reaches the
   * threshold. Answers the state it left (undefined: the circuit was not closed, nothing counted).
   */
  async recordFailure(nowMs: number, settings: CircuitSettings): Promise<CircuitState | undefined> {
    const windowStart = nowMs - settings.failureWindowMs;
    let counted = (await this.continueRun(nowMs, windowStart)) ?? (await this.startRun(nowMs, windowStart));
    // Someone started a run between our two conditions: it is now a run to continue.
    counted ??= await this.continueRun(nowMs, windowStart);
    if (!counted) return undefined;
    const state = circuitStateOf(counted);
    if (state.status === 'closed' && state.failures >= settings.failureThreshold) return (await this.open(nowMs, settings)) ?? state;
    return state;
  }

  /** A healthy answer ends a closed circuit's run of failures (written only when there is a run to end). */
  async resetFailures(nowMs: number): Promise<void> {
    await this.update(
      'SET failures = :zero, updatedAt = :now REMOVE lastFailureAt',
      '#state = :closed AND failures > :zero',
      { ':zero': 0, ':closed': 'closed', ':now': new Date(nowMs).toISOString() },
    );
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

  /** The probe succeeded: closed, with no failures. */
  async closeAfterProbe(nowMs: number): Promise<void> {
    await this.update(
      'SET #state = :closed, failures = :zero, updatedAt = :now REMOVE probeUntil, openUntil, lastFailureAt',
      '#state = :halfOpen',
      { ':closed': 'closed', ':zero': 0, ':halfOpen': 'half_open', ':now': new Date(nowMs).toISOString() },
    );
  }

  /** The probe failed: open for another `openMs`. */
  async reopenAfterProbe(nowMs: number, settings: CircuitSettings): Promise<void> {
    await this.update(
      'SET #state = :open, openUntil = :until, updatedAt = :now REMOVE probeUntil',
      '#state = :halfOpen',
      { ':open': 'open', ':until': nowMs + settings.openMs, ':halfOpen': 'half_open', ':now': new Date(nowMs).toISOString() },
    );
  }

  private continueRun(nowMs: number, windowStart: number): Promise<Item | undefined> {
    return this.update(
      'SET failures = failures + :one, lastFailureAt = :now, updatedAt = :nowIso',
      '#state = :closed AND lastFailureAt >= :windowStart',
      { ':one': 1, ':now': nowMs, ':nowIso': new Date(nowMs).toISOString(), ':closed': 'closed', ':windowStart': windowStart },
    );
  }

  private startRun(nowMs: number, windowStart: number): Promise<Item | undefined> {
    return this.update(
      'SET entity = :entity, circuit = :circuit, #state = :closed, failures = :one, lastFailureAt = :now, updatedAt = :nowIso',
      'attribute_not_exists(pk) OR (#state = :closed AND (attribute_not_exists(lastFailureAt) OR lastFailureAt < :windowStart))',
      {
        ':entity': 'circuitBreaker',
        ':circuit': this.circuitId,
        ':closed': 'closed',
        ':one': 1,
        ':now': nowMs,
        ':nowIso': new Date(nowMs).toISOString(),
        ':windowStart': windowStart,
      },
    );
  }

  private async open(nowMs: number, settings: CircuitSettings): Promise<CircuitState | undefined> {
    const item = await this.update(
      'SET #state = :open, openUntil = :until, failures = :zero, updatedAt = :now REMOVE lastFailureAt',
      '#state = :closed AND failures >= :threshold',
      { ':open': 'open', ':until': nowMs + settings.openMs, ':zero': 0, ':closed': 'closed', ':threshold': settings.failureThreshold, ':now': new Date(nowMs).toISOString() },
    );
    return item ? circuitStateOf(item) : undefined;
  }

  /** A conditional update; the item after it, or undefined when the condition did not hold. */
  private async update(updateExpression: string, condition: string, values: Record<string, unknown>): Promise<Item | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.table(),
          Key: circuitKey(this.circuitId),
          UpdateExpression: updateExpression,
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#state': 'state' },
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
