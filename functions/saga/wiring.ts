import {
  ORDER_CANCELLATION_ARN_ENV,
  ORDER_CANCELLATION_ID,
  ORDER_PAYMENT_AUTHORIZATION_ARN_ENV,
  ORDER_PAYMENT_AUTHORIZATION_ID,
  ORDER_SAGA_ARN_ENV,
  ORDER_SAGA_ID,
  ORDER_SAGA_TYPE_ENV,
} from '#contracts/state-machines';
import type { ContextWiring } from '#contracts/wiring';
import { functionsIn } from '#contracts/wiring-declarations';
import { ITEM_ENTITY } from '#contracts/table-design';

/**
 * The order saga (docs/saga.md): its three state machines (the parent, Standard or Express as the stage
 * says, and the two Standard machines it hands over to whatever must wait), the functions their states
 * call, the stream consumer that starts the saga and compensates cancelled orders, and the schedules of
 * its two repair jobs (the stranded-order reconciler, the settlement sweeper).
 *
 * The saga is not a bounded context with data of its own: it coordinates the orders', inventory's and
 * payments' items. Each of its functions is deployed with the context whose items it changes (its
 * construct and its service name), so a step's logs and metrics sit with that context's.
 */

/** Provider circuit breaker and call timeout (functions/payments/adapters/circuit-breaker-settings.ts). */
const providerGuardEnvironment: Record<string, string> = {
  PAYMENT_CIRCUIT_FAILURE_THRESHOLD: '10',
  PAYMENT_CIRCUIT_FAILURE_WINDOW_SECONDS: '60',
  PAYMENT_CIRCUIT_OPEN_SECONDS: '30',
  PAYMENT_PROVIDER_TIMEOUT_MS: '5000',
};

/** An order placed: its saga starts (adapters/order-change-records.ts reads these records). */
export const ORDER_PLACED_RECORDS = { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: [ITEM_ENTITY.order] }, sk: { S: ['ORDER'] } } } };

/** An order a customer or an admin cancelled while pending or confirmed: its compensation follows. */
export const CUSTOMER_CANCELLATION_RECORDS = {
  eventName: ['MODIFY'],
  dynamodb: {
    NewImage: { entity: { S: [ITEM_ENTITY.order] }, status: { S: ['cancelled'] }, cancellationReason: { S: ['customer_cancelled'] } },
    OldImage: { status: { S: ['pending', 'confirmed'] } },
  },
};

const sagaFunction = functionsIn('saga', { memorySize: 512, timeoutSeconds: 10 });

export const sagaWiring: ContextWiring = {
  functions: [
    sagaFunction({
      id: 'reserveStock',
      context: 'inventory',
      description: 'Order saga ReserveStock: reserves all lines of an order in one transaction',
      access: { table: 'readWrite', readsSagaSettings: true },
    }),
    sagaFunction({
      id: 'takePayment',
      context: 'payments',
      description:
        'Order saga TakePayment: authorize, capture and confirm the order through the circuit-broken provider; hands an asynchronous authorization over',
      access: {
        table: 'readWrite',
        callsPaymentProvider: true,
        // Only for the payment simulator, which signs the webhooks it sends for tok_async with this secret.
        verifiesWebhooks: true,
        // Starts the machine that waits for an asynchronous authorization (name = order id).
        stateMachines: [ORDER_PAYMENT_AUTHORIZATION_ID],
      },
      // Three provider calls of at most PAYMENT_PROVIDER_TIMEOUT_MS each, plus the table.
      timeoutSeconds: 25,
      environment: providerGuardEnvironment,
    }),
    sagaFunction({
      id: 'awaitPaymentAuthorization',
      context: 'payments',
      description: 'Payment authorization AwaitPaymentAuthorization (.waitForTaskToken): parks the saga on the payment until the webhook resumes it',
      // Resumes the waiting machine itself when the webhook was quicker than the wait.
      access: { table: 'readWrite', stateMachines: [ORDER_PAYMENT_AUTHORIZATION_ID] },
    }),
    sagaFunction({
      id: 'compensateOrder',
      context: 'orders',
      description: 'Order saga Compensate (and the cancellation machine): cancel, release stock, void or refund',
      access: { table: 'readWrite', callsPaymentProvider: true },
      // Void/refund calls (timeout each) and the table.
      timeoutSeconds: 20,
      environment: providerGuardEnvironment,
    }),
    sagaFunction({
      id: 'reconcileStrandedOrders',
      context: 'orders',
      description: 'Every 5 minutes: starts the saga of orders left pending without one, repairs one that failed, parks one given up for a person',
      access: {
        // Writes its cursor, an Express saga's restart count and the parked mark of a given-up order.
        table: 'readWrite',
        stateMachines: [ORDER_SAGA_ID],
        redrivesExecutions: [ORDER_SAGA_ID, ORDER_PAYMENT_AUTHORIZATION_ID],
      },
      memorySize: 256,
      timeoutSeconds: 60,
      environment: { STRANDED_ORDER_AFTER_MINUTES: '5' },
    }),
    sagaFunction({
      id: 'settleCancelledOrders',
      context: 'payments',
      description: 'Every 5 minutes: settles every cancelled order whose compensation did not finish (payment not voided or refunded, stock not released)',
      access: { table: 'readWrite', callsPaymentProvider: true },
      // Orders one at a time, each at most two provider calls; the sweep stops starting orders before the timeout.
      timeoutSeconds: 120,
      environment: { ...providerGuardEnvironment, SETTLEMENT_DUE_AFTER_SECONDS: '600' },
    }),
    sagaFunction({
      id: 'followOrderChanges',
      context: 'orders',
      description:
        'Stream: starts the saga of every order placed (execution name = order id); compensates every customer cancellation (starts orderCancellation, wakes the waiting saga, or repairs a failed one)',
      access: {
        table: 'read',
        stateMachines: [ORDER_SAGA_ID, ORDER_CANCELLATION_ID, ORDER_PAYMENT_AUTHORIZATION_ID],
        // A pending order's saga that had already failed is redriven (or, Express, started again) so that it compensates the cancel.
        redrivesExecutions: [ORDER_SAGA_ID, ORDER_PAYMENT_AUTHORIZATION_ID],
      },
      timeoutSeconds: 30,
    }),
  ],

  stateMachines: [
    {
      id: ORDER_SAGA_ID,
      file: 'statemachines/order-saga.asl.json',
      // The stage's saga.workflowType may make it EXPRESS (lib/wiring/stage-wiring.ts).
      type: 'STANDARD',
      functionArns: {
        ReserveStockFunctionArn: 'reserveStock',
        TakePaymentFunctionArn: 'takePayment',
        CompensateOrderFunctionArn: 'compensateOrder',
      },
      stateMachineArns: { OrderCancellationStateMachineArn: ORDER_CANCELLATION_ID },
      arnEnvVar: ORDER_SAGA_ARN_ENV,
      typeEnvVar: ORDER_SAGA_TYPE_ENV,
    },
    {
      id: ORDER_PAYMENT_AUTHORIZATION_ID,
      file: 'statemachines/order-payment-authorization.asl.json',
      type: 'STANDARD',
      functionArns: {
        AwaitPaymentAuthorizationFunctionArn: 'awaitPaymentAuthorization',
        TakePaymentFunctionArn: 'takePayment',
        CompensateOrderFunctionArn: 'compensateOrder',
      },
      arnEnvVar: ORDER_PAYMENT_AUTHORIZATION_ARN_ENV,
    },
    {
      id: ORDER_CANCELLATION_ID,
      file: 'statemachines/order-cancellation.asl.json',
      type: 'STANDARD',
      functionArns: { CompensateOrderFunctionArn: 'compensateOrder' },
      arnEnvVar: ORDER_CANCELLATION_ARN_ENV,
    },
  ],

  schedules: [
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
  ],

  /** One reader for both (the outbox is the table stream's other reader; AWS advises at most two per shard). */
  streamConsumers: [
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
  ],
};
