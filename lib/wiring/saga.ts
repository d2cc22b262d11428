import { ORDER_CANCELLATION_ARN_ENV, ORDER_SAGA_ARN_ENV } from '../../functions/saga/domain/saga-machines';
import type { FunctionSpec, ScheduleSpec, StateMachineSpec, StreamConsumerSpec } from './types';

/**
 * The order saga's part of the wiring (docs/saga.md): its two state machines, the functions their
 * states call, the stream consumers that start the saga and compensate cancelled orders, and the
 * schedules of its two repair jobs (the stranded-order reconciler, the settlement sweeper). The lead merges these lists into lib/wiring/index.ts.
 */

export const ORDER_SAGA_ID = 'orderSaga';
export const ORDER_CANCELLATION_ID = 'orderCancellation';

/** Provider circuit breaker and call timeout (functions/payments/adapters/circuit-breaker-settings.ts). */
const providerGuardEnvironment: Record<string, string> = {
  PAYMENT_CIRCUIT_FAILURE_THRESHOLD: '10',
  PAYMENT_CIRCUIT_FAILURE_WINDOW_SECONDS: '60',
  PAYMENT_CIRCUIT_OPEN_SECONDS: '30',
  PAYMENT_PROVIDER_TIMEOUT_MS: '5000',
};

const sagaStep = (id: string, description: string, entry: string, access: FunctionSpec['access'], extra: Partial<FunctionSpec> = {}): FunctionSpec => ({
  id,
  context: 'orders',
  description,
  entry,
  handler: 'handler',
  memorySize: 512,
  timeoutSeconds: 10,
  access,
  ...extra,
});

export const sagaFunctions: FunctionSpec[] = [
  sagaStep('reserveStock', 'Order saga ReserveStock: reserves all lines of an order in one transaction', 'functions/saga/handlers/reserve-stock.ts', { table: 'readWrite', readsSagaSettings: true }, {
    context: 'inventory',
  }),
  sagaStep('takePayment', 'Order saga TakePayment: authorize and capture through the circuit-broken provider', 'functions/saga/handlers/take-payment.ts', {
    table: 'readWrite',
    // Only for the payment simulator, which signs the webhooks it sends for tok_async with this secret.
    verifiesWebhooks: true,
  }, {
    context: 'payments',
    // Two provider calls of at most PAYMENT_PROVIDER_TIMEOUT_MS each, plus the table.
    timeoutSeconds: 20,
    environment: providerGuardEnvironment,
  }),
  sagaStep(
    'awaitPaymentAuthorization',
    'Order saga AwaitPaymentAuthorization (.waitForTaskToken): parks the saga on the payment until the webhook resumes it',
    'functions/saga/handlers/await-payment-authorization.ts',
    // Resumes the saga itself when the webhook was quicker than the wait.
    { table: 'readWrite', stateMachines: [ORDER_SAGA_ID] },
    { context: 'payments' },
  ),
  sagaStep('confirmOrder', 'Order saga ConfirmOrder: pending → confirmed unless a cancel won', 'functions/saga/handlers/confirm-order.ts', { table: 'readWrite' }),
  sagaStep('compensateOrder', 'Order saga Compensate (and the cancellation machine): cancel, release stock, void or refund', 'functions/saga/handlers/compensate-order.ts', { table: 'readWrite' }, {
    // Void/refund calls (timeout each) and the table.
    timeoutSeconds: 20,
    environment: providerGuardEnvironment,
  }),
  sagaStep(
    'reconcileStrandedOrders',
    'Every 5 minutes: starts the saga of orders left pending without one, redrives one that failed, parks one given up for a person',
    'functions/saga/handlers/reconcile-stranded-orders.ts',
    {
      // Writes its cursor and the parked mark of a given-up order.
      table: 'readWrite',
      stateMachines: [ORDER_SAGA_ID],
      redrivesExecutions: [ORDER_SAGA_ID],
    },
    {
      memorySize: 256,
      timeoutSeconds: 60,
      environment: { STRANDED_ORDER_AFTER_MINUTES: '5' },
    },
  ),
  sagaStep(
    'settleCancelledOrders',
    'Every 5 minutes: settles every cancelled order whose compensation did not finish (payment not voided or refunded, stock not released)',
    'functions/saga/handlers/settle-cancelled-orders.ts',
    { table: 'readWrite' },
    {
      context: 'payments',
      // Orders one at a time, each at most two provider calls; the sweep stops starting orders before the timeout.
      timeoutSeconds: 120,
      environment: { ...providerGuardEnvironment, SETTLEMENT_DUE_AFTER_SECONDS: '600' },
    },
  ),
  sagaStep(
    'followOrderChanges',
    'Stream: starts the saga of every order placed (execution name = order id); compensates every customer cancellation (starts orderCancellation, wakes the waiting saga, or redrives a failed one)',
    'functions/orders/saga/handlers/follow-order-changes.ts',
    {
      table: 'read',
      stateMachines: [ORDER_SAGA_ID, ORDER_CANCELLATION_ID],
      // A pending order's saga that had already failed is redriven so that it compensates the cancel.
      redrivesExecutions: [ORDER_SAGA_ID],
    },
    { timeoutSeconds: 30 },
  ),
];

export const sagaStateMachines: StateMachineSpec[] = [
  {
    id: ORDER_SAGA_ID,
    file: 'statemachines/order-saga.asl.json',
    type: 'STANDARD',
    functionArns: {
      ReserveStockFunctionArn: 'reserveStock',
      TakePaymentFunctionArn: 'takePayment',
      AwaitPaymentAuthorizationFunctionArn: 'awaitPaymentAuthorization',
      ConfirmOrderFunctionArn: 'confirmOrder',
      CompensateOrderFunctionArn: 'compensateOrder',
    },
    arnEnvVar: ORDER_SAGA_ARN_ENV,
  },
  {
    id: ORDER_CANCELLATION_ID,
    file: 'statemachines/order-cancellation.asl.json',
    type: 'STANDARD',
    functionArns: { CompensateOrderFunctionArn: 'compensateOrder' },
    arnEnvVar: ORDER_CANCELLATION_ARN_ENV,
  },
];

export const sagaSchedules: ScheduleSpec[] = [
  {
    id: 'strandedOrderReconciler',
    description: 'Starts the saga of orders pending for more than STRANDED_ORDER_AFTER_MINUTES without one',
    expression: 'rate(5 minutes)',
    functionId: 'reconcileStrandedOrders',
  },
  {
    id: 'cancelledOrderSettlementSweeper',
    description: 'Settles cancelled orders whose compensation did not finish within SETTLEMENT_DUE_AFTER_SECONDS',
    expression: 'rate(5 minutes)',
    functionId: 'settleCancelledOrders',
  },
];

/** An order placed: its saga starts. */
export const ORDER_PLACED_RECORDS = { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['order'] }, sk: { S: ['ORDER'] } } } };

/** An order a customer or an admin cancelled while pending or confirmed: its compensation follows. */
export const CUSTOMER_CANCELLATION_RECORDS = {
  eventName: ['MODIFY'],
  dynamodb: {
    NewImage: { entity: { S: ['order'] }, status: { S: ['cancelled'] }, cancellationReason: { S: ['customer_cancelled'] } },
    OldImage: { status: { S: ['pending', 'confirmed'] } },
  },
};

/** One reader for both (the events outbox is the table stream's other reader; AWS advises at most two per shard). */
export const sagaStreamConsumers: StreamConsumerSpec[] = [
  {
    id: 'orderChangeFollower',
    functionId: 'followOrderChanges',
    batchSize: 25,
    maxBatchingWindowSeconds: 0,
    // A placed order or a cancel must never be skipped: the reconciler is the safety net, not the path.
    startingPosition: 'TRIM_HORIZON',
    retryAttempts: 10,
    bisectBatchOnError: true,
    filterPatterns: [ORDER_PLACED_RECORDS, CUSTOMER_CANCELLATION_RECORDS],
  },
];
