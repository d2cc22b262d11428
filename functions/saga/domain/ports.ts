import type { CancellationReason, OrderStatus, PaymentStatus } from '#orders/domain/order-status';
import type { SagaExecutionState } from './failed-saga-repair';
import type { SagaCallback, SagaPayment } from './payment-plan';
import type { ReservationLine, StockReservation } from './stock-reservation';

/**
 * What the saga's use cases need from outside, one interface per thing they touch. Its handlers give
 * them the AWS adapters (adapters/saga-adapters.ts); tests may give others. The saga keeps no data of
 * its own: it reads and changes the orders', payments' and inventory's items in the one table.
 */

/** The order item as the saga sees it. */
export interface SagaOrder {
  id: string;
  status: OrderStatus;
  items: { sku: string; quantity: number }[];
  payment: { id: string; status: PaymentStatus };
  correlationId?: string;
  cancellationReason?: CancellationReason;
  version: number;
  /** Which repair queue the order is in, if any (gsi3pk). */
  awaitingRepair?: string;
}

/** The outcome of a conditional status change: made, or the order as it is instead (undefined: no such order). */
export type StatusChangeOutcome = { changed: true } | { changed: false; current?: SagaOrder };

/** Where a cancelled order's settlement stands: `settled` (money and stock done) or `due` (a sweeper must finish it). */
export type Settlement = 'settled' | 'due';

/** Where a cancelled order's payment and its settlement stand after an attempt. */
export interface SettlementOutcome {
  paymentStatus?: PaymentStatus;
  settlement: Settlement;
}

/** The saga's reads and writes of an order item; every status change is conditional on the status it leaves. */
export interface SagaOrderStore {
  find(orderId: string): Promise<SagaOrder | undefined>;
  /** pending → confirmed, with the payment shown as captured (and out of the parked queue). */
  confirmPending(orderId: string, now: Date): Promise<StatusChangeOutcome>;
  /** pending → cancelled with the reason, the payment's status when known, and whether its settlement is still due. */
  cancelPending(orderId: string, reason: CancellationReason, now: Date, outcome: SettlementOutcome): Promise<StatusChangeOutcome>;
  /** On a cancelled order: its payment's status and whether its settlement is still due. */
  recordSettlement(orderId: string, now: Date, outcome: SettlementOutcome): Promise<void>;
  /** Parks a pending order whose saga was given up, for a person; answers whether it was parked now. */
  parkPending(orderId: string, now: Date): Promise<boolean>;
  /**
   * Counts one more start of a pending order's saga by the repair jobs (an Express saga cannot be
   * described or redriven, so it is started again): the count after this one, or undefined when the
   * order is no longer pending.
   */
  countSagaRestart(orderId: string, now: Date): Promise<number | undefined>;
}

export type PaymentWriteOutcome = { written: true } | { written: false; current?: SagaPayment };

export interface PaymentMove {
  from: PaymentStatus;
  to: PaymentStatus;
  correlationId: string;
  now: Date;
  declineReason?: string;
}

/** The saga's reads and writes of a payment item; status moves are conditional on the status they leave. */
export interface SagaPaymentStore {
  find(paymentId: string): Promise<SagaPayment | undefined>;
  move(paymentId: string, move: PaymentMove): Promise<PaymentWriteOutcome>;
  /** Keeps the provider's id of the payment, before the first authorize call. */
  recordProviderPayment(paymentId: string, providerPaymentId: string, correlationId: string, now: Date): Promise<PaymentWriteOutcome>;
  /** Notes that the provider answered `pending`: the authorization completes through the webhook. */
  markAwaitingProvider(paymentId: string, correlationId: string, now: Date): Promise<PaymentWriteOutcome>;
  /** Leaves the waiting saga's task token where the webhook finds it, only while the payment is pending. */
  storeTaskToken(paymentId: string, taskToken: string, correlationId: string, now: Date): Promise<PaymentWriteOutcome>;
}

export interface ReservationWrite {
  orderId: string;
  lines: ReservationLine[];
  correlationId: string;
  now: Date;
}

export type ReserveOutcome =
  | { kind: 'reserved' }
  /** The reservation exists already (a retried or duplicated step): nothing was taken twice. */
  | { kind: 'already-reserved' }
  | { kind: 'out-of-stock'; skus: string[] };

export type ReleaseOutcome =
  | { kind: 'released' }
  /** Nothing to give back: the reservation is absent or already released. */
  | { kind: 'not-reserved' }
  /**
   * A product's stock cannot take the units back: its condition (the product exists, the result stays
   * within 0..MAX_STOCK) failed, e.g. after a large stock adjustment or the product's removal. Nothing
   * was released; releasing again succeeds once the product can take them.
   */
  | { kind: 'blocked'; skus: string[] };

/** An order's stock reservation and the stock it holds, changed together in single transactions. */
export interface StockReservations {
  find(orderId: string): Promise<StockReservation | undefined>;
  reserve(write: ReservationWrite): Promise<ReserveOutcome>;
  release(write: ReservationWrite): Promise<ReleaseOutcome>;
  /**
   * A compensation that found nothing reserved records that (a reservation already `released`, with no
   * lines), so that a reservation still on its way (another run of the same saga) fails instead of
   * taking stock for a cancelled order. `reserved`: one got there first, and is what there is to release.
   */
  closeUnreserved(write: Omit<ReservationWrite, 'lines'>): Promise<'closed' | 'reserved'>;
}

/** A pending order as the reconciler needs it: enough to start its saga with the same input as the stream consumer. */
export interface PendingOrder {
  orderId: string;
  correlationId?: string;
  createdAt: string;
  /** Its gsi2 sort key (`<createdAt>#<orderId>`): where a run that stops after it resumes. */
  position: string;
}

export interface PendingOrderPage {
  orders: PendingOrder[];
  /** Where the next run resumes (after this position); undefined when this page reached the newest stranded order. */
  resumeAfter?: string;
}

/** The pending orders the stranded-order reconciler looks at, and where its last run stopped. */
export interface PendingOrders {
  placedBefore(cutoff: Date, limit: number, after?: string): Promise<PendingOrderPage>;
  readCursor(): Promise<string | undefined>;
  /** `undefined`: the next run starts again from the oldest pending order. */
  writeCursor(after: string | undefined, now: Date): Promise<void>;
}

/** A cancelled order whose settlement is due, as the sweeper needs it. */
export interface SettlementDueOrder {
  orderId: string;
  correlationId?: string;
  /** When it was cancelled or last attempted. */
  since: string;
}

/** The repair queues: cancelled orders whose settlement is due, and pending orders parked for a person. */
export interface OrdersAwaitingRepair {
  settlementDue(before: Date, limit: number): Promise<SettlementDueOrder[]>;
  countParked(): Promise<number>;
}

/** The state machines' executions, started and repaired by name. */
export interface SagaExecutions {
  /**
   * Starts an execution named after the order: on a Standard machine at most once per name
   * (`already-started` is success); an Express machine starts another execution every time.
   */
  startOnce(stateMachineArn: string, name: string, input: unknown): Promise<'started' | 'already-started'>;
  /** A Standard execution; undefined when none of that name was ever started. */
  describe(executionArn: string): Promise<SagaExecutionState | undefined>;
  /** Redrives a Standard execution that ended unsuccessfully (once per failure, whoever asks). */
  redrive(executionArn: string, redriveCount: number): Promise<'redriven' | 'already-redriven'>;
}

/** Where the saga of one order runs: the parent's ARN and type, and the Standard machine it hands a pending payment to. */
export interface SagaMachines {
  sagaArn: string;
  /** An Express saga is not deduplicated by name and can be neither described nor redriven: it is started again. */
  sagaType: 'STANDARD' | 'EXPRESS';
  paymentAuthorizationArn: string;
}

/** Answers a task parked on a token; `stale` when nothing waits on that token any more. */
export interface SagaTaskCallbacks {
  send(taskToken: string, callback: SagaCallback): Promise<'sent' | 'stale'>;
}

export interface SagaPorts {
  orders: SagaOrderStore;
  payments: SagaPaymentStore;
  reservations: StockReservations;
  pendingOrders: PendingOrders;
  awaitingRepair: OrdersAwaitingRepair;
  executions: SagaExecutions;
  taskCallbacks: SagaTaskCallbacks;
}
