/**
 * The state machines by id, and the environment variable through which a function that may start
 * or answer one learns its ARN (the wiring sets it from the machine's `arnEnvVar`; docs/saga.md).
 */
export const ORDER_SAGA_ID = 'orderSaga';
export const ORDER_CANCELLATION_ID = 'orderCancellation';

export const ORDER_SAGA_ARN_ENV = 'ORDER_SAGA_STATE_MACHINE_ARN';
export const ORDER_CANCELLATION_ARN_ENV = 'ORDER_CANCELLATION_STATE_MACHINE_ARN';
