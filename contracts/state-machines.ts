/**
 * The state machines by id, and the environment variable through which a function that may start
 * or answer one learns its ARN (the wiring sets it from the machine's `arnEnvVar`; docs/saga.md).
 */

/** The order saga's parent: the synchronous path, Standard or Express as the stage says. */
export const ORDER_SAGA_ID = 'orderSaga';
/** Always Standard: waits for an asynchronous payment authorization, then captures and confirms (or compensates). */
export const ORDER_PAYMENT_AUTHORIZATION_ID = 'orderPaymentAuthorization';
/** Always Standard: a compensation that may have to wait (a confirmed order's cancel, a provider outage). */
export const ORDER_CANCELLATION_ID = 'orderCancellation';

export const ORDER_SAGA_ARN_ENV = 'ORDER_SAGA_STATE_MACHINE_ARN';
export const ORDER_PAYMENT_AUTHORIZATION_ARN_ENV = 'ORDER_PAYMENT_AUTHORIZATION_STATE_MACHINE_ARN';
export const ORDER_CANCELLATION_ARN_ENV = 'ORDER_CANCELLATION_STATE_MACHINE_ARN';

/**
 * The order saga's workflow type (`STANDARD` or `EXPRESS`), for the functions that start or repair it:
 * an Express execution is not deduplicated by name and cannot be described or redriven, so they start
 * it again instead.
 */
export const ORDER_SAGA_TYPE_ENV = 'ORDER_SAGA_STATE_MACHINE_TYPE';

/** The stage setting that picks the order saga's type; every other machine is Standard. */
export type SagaWorkflowType = 'standard' | 'express';
