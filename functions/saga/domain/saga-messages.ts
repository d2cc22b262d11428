import * as z from 'zod';
import type { SagaOrder } from './ports';

/**
 * What travels between the saga's states, validated at every step's door. Loose objects: a state's
 * input carries what earlier states put there (e.g. `failure` after a Catch) and a step reads only
 * its own fields.
 */

/** The default wait for an asynchronous authorization (configurable: PAYMENT_AUTHORIZATION_TIMEOUT_SECONDS, or the saga input). */
export const DEFAULT_PAYMENT_TIMEOUT_SECONDS = 15 * 60;

const orderId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'an order id (it is also the execution name)');
const correlationId = z.string().min(1).max(256);

/** What the saga starts with; deterministic per order, so a redelivered record starts the same execution. */
export interface OrderSagaInput {
  orderId: string;
  correlationId?: string;
}

/**
 * A customer's (or an admin's) cancel of a pending or confirmed order, as the table's stream shows it:
 * its compensation follows from it (application/customer-cancellation.ts).
 */
export interface CustomerCancellation {
  orderId: string;
  /** The status the cancel moved the order from. */
  previousStatus: 'pending' | 'confirmed';
  paymentId: string;
  correlationId?: string;
}

/** The execution input, as start-order-saga and the stranded-order reconciler start it. */
export const sagaInputSchema = z.looseObject({
  orderId,
  correlationId: correlationId.optional(),
  /** Overrides the async payment wait for this execution (tests, support tooling). */
  paymentTimeoutSeconds: z.number().int().min(1).max(31_536_000).optional(),
});
export type SagaInput = z.infer<typeof sagaInputSchema>;

/** What ReserveStock hands on: every later state reads these, and the wait state's TimeoutSecondsPath. */
export const sagaContextSchema = z.looseObject({
  orderId,
  correlationId,
  paymentId: z.string().min(1),
  paymentTimeoutSeconds: z.number().int().min(1),
  /**
   * Set in the context the order saga hands to the payment authorization machine: there, a payment
   * still pending is waited for again instead of being handed over a second time.
   */
  handedOver: z.literal(true).optional(),
});
export type SagaContext = z.infer<typeof sagaContextSchema>;

/** AwaitPaymentAuthorization's payload: the context and the task token the webhook resumes. */
export const awaitPaymentInputSchema = z.object({
  saga: sagaContextSchema,
  taskToken: z.string().min(1),
});
export type AwaitPaymentInput = z.infer<typeof awaitPaymentInputSchema>;

/** The error a Catch put at `$.failure` (Step Functions' own shape). */
export const caughtFailureSchema = z.looseObject({ Error: z.string(), Cause: z.string().optional() });
export type CaughtFailure = z.infer<typeof caughtFailureSchema>;

/** Compensate's input: the order, and why (a caught failure; OrderCancelled for a customer cancel). */
export const compensationInputSchema = z.looseObject({
  orderId,
  correlationId: correlationId.optional(),
  failure: caughtFailureSchema,
});
export type CompensationInput = z.infer<typeof compensationInputSchema>;

/** The execution output of a saga that ended in a confirmed order. */
export interface ConfirmedOutcome {
  orderId: string;
  status: 'confirmed';
}

/** The order saga's output when it handed an asynchronous authorization over to the payment authorization machine. */
export interface AwaitingPaymentOutcome {
  orderId: string;
  status: 'awaiting-payment';
  paymentId: string;
}

/** The execution output of a compensated order (saga failure path or customer cancellation). */
export interface CompensatedOutcome {
  orderId: string;
  status: 'cancelled';
  cancellationReason: string;
  stock: 'released' | 'nothing-reserved';
  paymentStatus: string;
}

/** The correlation id of the request that placed the order: from the saga's input, else from the order. */
export const orderCorrelationId = (order: SagaOrder, given?: string): string => given ?? order.correlationId ?? order.id;
