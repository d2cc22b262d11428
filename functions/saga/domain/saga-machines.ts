/**
 * The env vars through which functions learn the saga's state machine ARNs (lib/wiring/saga.ts sets
 * them as each StateMachineSpec's arnEnvVar). ORDER_SAGA_ARN_ENV is the same name start-order-saga reads.
 */
export const ORDER_SAGA_ARN_ENV = 'ORDER_SAGA_STATE_MACHINE_ARN';
export const ORDER_CANCELLATION_ARN_ENV = 'ORDER_CANCELLATION_STATE_MACHINE_ARN';
