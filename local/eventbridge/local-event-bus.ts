/**
 * The in-process EventBridge custom bus of the local runtime.
 *
 * It takes the stack's own rules (lib/wiring EventRuleSpec: pattern + targets with retry policies),
 * validates every pattern at construction as PutRule would, and answers PutEvents with AWS's response
 * shape. Accepted events are recorded (GET /_local/events), matched against every rule with the real
 * pattern semantics (event-pattern.ts) and delivered to each matching rule's targets asynchronously:
 * putEvents returns before any target runs. Function targets are invoked asynchronously through the
 * FunctionInvoker, whose Lambda semantics retry the function's errors; the rule's retry policy covers
 * refused deliveries (target-delivery.ts). Queue targets append to an in-memory queue.
 *
 * Entries addressed to the `default` bus (no EventBusName) are accepted, as AWS would, but not routed:
 * this stack's rules live on the custom bus, so such an event reaches no subscriber, locally or in AWS.
 *
 * Where it still differs from AWS, and why that is safe: docs/local-runtime-fidelity.md#eventbridge.
 */
import type { EventRuleSpec } from '#contracts/wiring';
import { LocalServiceError } from '../aws-api/service-error';
import type { FunctionInvoker } from '../lambda/function-invoker';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, localEventBusArn } from '../local-identity';
import { type CarriedEvent, toCarriedEvent } from './carried-event';
import { type CompiledEventPattern, compileEventPattern } from './event-pattern';
import { PendingWork } from './pending-work';
import {
  assertValidPutEventsRequest,
  checkPutEventsEntry,
  type PutEventsRequest,
  type PutEventsResponse,
  type PutEventsResultEntry,
} from './put-events-request';
import { assertValidRetryPolicy } from './retry-backoff';
import { type DeadLetter, deliverToTarget, type DeliveryContext, targetLabel } from './target-delivery';

export type { CarriedEvent } from './carried-event';
export type { DeadLetter } from './target-delivery';
export type {
  PutEventsRequest,
  PutEventsRequestEntry,
  PutEventsResponse,
  PutEventsResultEntry,
} from './put-events-request';

export interface LocalEventBusOptions {
  busName: string;
  rules: EventRuleSpec[];
  invoker: FunctionInvoker;
  /** First retry delay; doubles per retry (default 1000 ms; tests use a few ms). */
  retryBaseDelayMs?: number;
  /** Source of "now" for event times and event age (default: the system clock). */
  clock?: () => Date;
  /** Source of jitter in [0, 1) (default Math.random). */
  random?: () => number;
  account?: string;
  region?: string;
  /** Called for each dead letter as it happens (e.g. to log it). */
  onDeadLetter?: (letter: DeadLetter) => void;
  /** Share (0..1) of valid PutEvents entries answered as failed, as a partial failure (fault tests). Default 0. */
  entryFailureRate?: number;
}

interface CompiledRule {
  spec: EventRuleSpec;
  pattern: CompiledEventPattern;
}

const DEFAULT_BUS = 'default';

/** Validates the rules as PutRule/PutTargets would; throws an Error naming the rule at fault. */
const compileRules = (rules: EventRuleSpec[]): CompiledRule[] => {
  const seen = new Set<string>();
  return rules.map((spec) => {
    if (seen.has(spec.id)) throw new Error(`Event rule "${spec.id}" is defined twice`);
    seen.add(spec.id);
    let pattern: CompiledEventPattern;
    try {
      pattern = compileEventPattern(spec.eventPattern);
    } catch (e) {
      throw new Error(`Event rule "${spec.id}": ${(e as Error).message}`, { cause: e });
    }
    for (const target of spec.targets) assertValidRetryPolicy(target.retry, `Event rule "${spec.id}" target ${targetLabel(target)}`);
    return { spec, pattern };
  });
};

export class LocalEventBus {
  readonly busName: string;
  /**
   * Share of valid entries PutEvents answers as failed (`InternalFailure`), carrying nothing: the
   * partial failure AWS documents ("Handling failures with Amazon EventBridge PutEvents",
   * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevents.html#eb-failure-handling),
   * which a caller must resend. May be changed while running.
   */
  entryFailureRate: number;
  /** Entries answered as failed by `entryFailureRate`. */
  injectedEntryFailures = 0;
  private readonly random: () => number;
  readonly busArn: string;
  private readonly rules: CompiledRule[];
  private readonly clock: () => Date;
  private readonly account: string;
  private readonly region: string;
  private readonly work = new PendingWork();
  private readonly delivery: DeliveryContext;
  private readonly carried: CarriedEvent[] = [];
  private readonly queues = new Map<string, CarriedEvent[]>();
  private readonly letters: DeadLetter[] = [];

  constructor(options: LocalEventBusOptions) {
    this.busName = options.busName;
    this.account = options.account ?? LOCAL_ACCOUNT_ID;
    this.region = options.region ?? LOCAL_REGION;
    this.busArn = `arn:aws:events:${this.region}:${this.account}:event-bus/${options.busName}`;
    this.rules = compileRules(options.rules);
    this.clock = options.clock ?? (() => new Date());
    this.entryFailureRate = options.entryFailureRate ?? 0;
    this.random = options.random ?? Math.random;
    this.delivery = {
      invoker: options.invoker,
      work: this.work,
      clock: this.clock,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 1000,
      random: options.random ?? Math.random,
      enqueue: (queueId, message) => {
        const queue = this.queues.get(queueId) ?? [];
        queue.push(message);
        this.queues.set(queueId, queue);
      },
      deadLetter: (letter) => {
        this.letters.push(letter);
        options.onDeadLetter?.(letter);
      },
    };
  }

  /** EventBridge's PutEvents: same request and response shapes, same validation, asynchronous delivery. */
  putEvents(request: PutEventsRequest): PutEventsResponse {
    if (this.work.isCancelled) {
      throw new LocalServiceError('InternalException', `Event bus ${this.busName} has been shut down.`, 500);
    }
    assertValidPutEventsRequest(request);
    const now = this.clock();
    const results: PutEventsResultEntry[] = request.Entries.map((entry) => {
      const target = this.resolveBus(entry?.EventBusName);
      if (target === 'unknown') {
        return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${entry.EventBusName} does not exist.` };
      }
      const check = checkPutEventsEntry(entry ?? {}, now);
      if (!check.ok) return { ErrorCode: check.ErrorCode, ErrorMessage: check.ErrorMessage };
      if (this.entryFailureRate > 0 && this.random() < this.entryFailureRate) {
        this.injectedEntryFailures += 1;
        return { ErrorCode: 'InternalFailure', ErrorMessage: 'An internal error occurred (injected by the local runtime).' };
      }
      const event = toCarriedEvent({ ...check.entry, account: this.account, region: this.region });
      if (target === 'this') this.route(event, now.getTime());
      return { EventId: event.id };
    });
    return { Entries: results, FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length };
  }

  /**
   * An AWS service's own event (SES's e-mail events, for one). Only the service itself may publish its
   * `aws.*` source, which PutEvents refuses to everyone else, so the runtime's emulated services hand
   * their events in here; they are then routed like any other.
   */
  putServiceEvent(event: { source: string; detailType: string; detail: unknown; resources: string[] }): void {
    if (this.work.isCancelled) return;
    const now = this.clock();
    this.route(toCarriedEvent({ ...event, time: now, account: this.account, region: this.region }), now.getTime());
  }

  /** The events this bus has accepted, oldest first, each as a target receives it. */
  carriedEvents(filter: { detailType?: string } = {}): CarriedEvent[] {
    return this.carried.filter((e) => filter.detailType === undefined || e['detail-type'] === filter.detailType);
  }

  /** Messages delivered to the queue target `queueId` (each is the event, as EventBridge sends it to SQS). */
  queueMessages(queueId: string): unknown[] {
    return [...(this.queues.get(queueId) ?? [])];
  }

  /** Deliveries that failed for good, oldest first. */
  deadLetters(): DeadLetter[] {
    return [...this.letters];
  }

  /** Resolves when no delivery or retry is pending. */
  idle(): Promise<void> {
    return this.work.idle();
  }

  /** Cancels pending retries and refuses further events (shutdown). Deliveries in flight finish. */
  close(): void {
    this.work.cancel();
  }

  private resolveBus(name: string | undefined): 'this' | 'default' | 'unknown' {
    if (name === this.busName || name === this.busArn || name === localEventBusArn(this.busName)) return 'this';
    if (name === undefined || name === '' || name === DEFAULT_BUS || name.endsWith(`:event-bus/${DEFAULT_BUS}`)) {
      return 'default';
    }
    return 'unknown';
  }

  private route(event: CarriedEvent, acceptedAtMs: number): void {
    this.carried.push(event);
    for (const rule of this.rules) {
      if (!rule.pattern.matches(event as unknown as Record<string, unknown>)) continue;
      for (const target of rule.spec.targets) {
        this.work.start(() => deliverToTarget(this.delivery, rule.spec.id, target, event, acceptedAtMs));
      }
    }
  }
}
