import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { deriveEvents } from '#outbox/domain/derive-events';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import path from 'node:path';
import { tableDesign } from '#contracts/table-design';
import { AwsApiServer } from '#local/aws-api/aws-api-server';
import { localDynamoDbClientConfig } from '#local/dynamodb/client-config';
import { startDynamoDbLocal, type RunningDynamoDb } from '#local/dynamodb/dynamodb-local';
import { StreamPoller } from '#local/dynamodb/stream-poller';
import { provisionTable } from '#local/dynamodb/table-provisioner';
import { matchesEventPattern } from '#local/eventbridge/event-pattern';
import { localFunctionArn, localStateMachineArn } from '#local/local-identity';
import { loadStateMachineDefinition } from '#local/state-machine-definitions';
import type { LocalExecutionView } from '#local/stepfunctions/api-types';
import { LocalStepFunctions } from '#local/stepfunctions/local-step-functions';
import type { PaymentSimulator } from '#payments/adapters/payment-simulator';
import { signWebhookPayload } from '#contracts/payment-provider/webhook-signature';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';
import { InProcessFunctions, type LambdaHandler } from './in-process-functions';
import { CUSTOMER_CANCELLATION_RECORDS, sagaWiring } from '#saga/wiring';
import { ORDER_SAGA_ID, type SagaWorkflowType } from '#contracts/state-machines';
import type { StateMachineSpec } from '#contracts/wiring';

/**
 * The saga as it really runs, in one process: the real ASL files loaded through the wiring's
 * substitutions, the local Step Functions interpreter, the real step handlers (invoked in process,
 * answering errors as Lambda does), the real table in DynamoDB Local, and an SFN endpoint so handlers'
 * SFNClient calls (webhook resume, starting the cancellation machine) reach the same interpreter.
 */

const ROOT = path.resolve(__dirname, '../../..');
export const WEBHOOK_SECRET = 'saga-test-webhook-secret';
const TERMINAL_WAIT_MS = 30_000;

export interface SagaHarnessOptions {
  /** Runs the cancellation stream consumer over the table's real stream (cancel tests). */
  cancellationStream?: boolean;
  /** Multiplies Task timeouts (the async payment wait). Default 0.01: 900 s → 9 s. */
  timeoutScale?: number;
  /** The order saga's workflow type, as a stage's `saga.workflowType` deploys it (default standard). */
  workflowType?: SagaWorkflowType;
}

export interface OrderLine {
  sku: string;
  quantity: number;
}

export interface SagaRun {
  /** The execution that ended the saga: the order saga's, or the one it handed the order over to. */
  execution: LocalExecutionView;
  /** Every execution of the order's saga, in the order they started. */
  executions: LocalExecutionView[];
  /** Names of the states entered, in order, across those executions. */
  statesEntered: string[];
  /** Attempts per Task state (entries and retries), across those executions. */
  attempts: Record<string, number>;
}

type Item = Record<string, unknown>;

export class SagaHarness {
  private constructor(
    readonly tableName: string,
    readonly documentClient: DynamoDBDocumentClient,
    readonly stepFunctions: LocalStepFunctions,
    readonly functions: InProcessFunctions,
    readonly simulator: PaymentSimulator,
    readonly workflowType: SagaWorkflowType,
    private readonly httpHandlers: { paymentWebhook: LambdaHandler; cancelOrder: LambdaHandler },
    private readonly stops: (() => Promise<void> | void)[],
    private readonly stream: { client: DynamoDBStreamsClient; arn: string },
    private readonly poller?: StreamPoller,
  ) {}

  static async start(purpose: string, options: SagaHarnessOptions = {}): Promise<SagaHarness> {
    const stops: (() => Promise<void> | void)[] = [];
    const stopAll = async () => {
      for (const stop of stops.reverse()) await stop();
    };
    try {
      const dynamoDb: RunningDynamoDb = await startDynamoDbLocal();
      stops.push(() => dynamoDb.stop());
      const client = new DynamoDBClient(localDynamoDbClientConfig(dynamoDb.endpoint));
      stops.push(() => client.destroy());
      const tableName = `saga-${purpose}-${process.pid}`;
      const { streamArn } = await provisionTable(client, tableName, tableDesign);

      let stepFunctions: LocalStepFunctions | undefined;
      const sfnApi = new AwsApiServer([
        {
          targetPrefix: 'AWSStepFunctions',
          contentType: 'application/x-amz-json-1.0',
          actions: {
            StartExecution: (input) => stepFunctions!.startExecution(input as never),
            DescribeExecution: (input) => stepFunctions!.describeExecution(input as never),
            RedriveExecution: (input) => stepFunctions!.redriveExecution(input as never),
            SendTaskSuccess: (input) => stepFunctions!.sendTaskSuccess(input as never),
            SendTaskFailure: (input) => stepFunctions!.sendTaskFailure(input as never),
          },
        },
      ]);
      const sfnEndpoint = await sfnApi.listen();
      stops.push(() => sfnApi.close());

      const workflowType = options.workflowType ?? 'standard';
      const machines = sagaMachines(workflowType);
      const machineArns = Object.fromEntries(machines.map((machine) => [machine.id, localStateMachineArn(machine.id)]));
      // Set before the handlers are imported: their clients are created at import.
      Object.assign(process.env, {
        TABLE_NAME: tableName,
        AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
        AWS_ENDPOINT_URL_SFN: sfnEndpoint,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET,
        CURSOR_SIGNING_KEY: 'saga-test-cursor-key',
        // Tests of the breaker itself lower it; elsewhere a simulated outage must not trip it.
        PAYMENT_CIRCUIT_FAILURE_THRESHOLD: '1000',
        PAYMENT_PROVIDER_TIMEOUT_MS: '2000',
        ...Object.fromEntries(machines.map((machine) => [machine.arnEnvVar, machineArns[machine.id]])),
        ...Object.fromEntries(machines.flatMap((machine) => (machine.typeEnvVar ? [[machine.typeEnvVar, machine.type]] : []))),
      });

      const handlers: Record<string, LambdaHandler> = {};
      for (const spec of sagaWiring.functions!) {
        const module = (await import(path.join(ROOT, spec.entry))) as Record<string, LambdaHandler>;
        handlers[spec.id] = module[spec.handler]!;
      }
      const functions = new InProcessFunctions(handlers);
      const paymentWebhook = ((await import('#payments/handlers/payment-webhook')) as unknown as { handler: LambdaHandler }).handler;
      const cancelOrder = ((await import('#orders/handlers/cancel-order')) as unknown as { handler: LambdaHandler }).handler;
      const { paymentProvider } = await import('#payments/adapters/payment-provider-factory');

      stepFunctions = new LocalStepFunctions({
        machines: machines.map((machine) => ({
          id: machine.id,
          arn: machineArns[machine.id]!,
          type: machine.type,
          definition: loadStateMachineDefinition(ROOT, machine, {
            functionArn: localFunctionArn,
            stateMachineArn: localStateMachineArn,
            tableName,
            eventBusName: 'unused',
          }),
        })),
        tasks: { invoker: functions },
        retryDelayScale: 0.001,
        waitScale: 0.001,
        timeoutScale: options.timeoutScale ?? 0.01,
      });
      stops.push(() => stepFunctions!.close());

      const streams = new DynamoDBStreamsClient(localDynamoDbClientConfig(dynamoDb.endpoint));
      stops.push(() => streams.destroy());
      let poller: StreamPoller | undefined;
      if (options.cancellationStream) {
        poller = new StreamPoller({
          client: streams,
          streamArn,
          // Only the cancellations: the harness starts (and awaits) each saga itself.
          consumers: sagaWiring.streamConsumers!.map((consumer) => ({ ...consumer, filterPatterns: [CUSTOMER_CANCELLATION_RECORDS] })),
          invoker: functions,
          matches: matchesEventPattern,
          pollIntervalMs: 50,
          retryDelayMs: 20,
          log: () => undefined,
        });
        await poller.start();
        stops.push(() => poller!.stop());
      }

      return new SagaHarness(
        tableName,
        DynamoDBDocumentClient.from(client),
        stepFunctions,
        functions,
        paymentProvider() as PaymentSimulator,
        workflowType,
        { paymentWebhook, cancelOrder },
        stops,
        { client: streams, arn: streamArn },
        poller,
      );
    } catch (error) {
      await stopAll();
      throw error;
    }
  }

  async stop(): Promise<void> {
    for (const stop of this.stops.reverse()) await stop();
  }

  // ----- Arranging -----

  async putProduct(sku: string, stock: number, price = 1250): Promise<void> {
    await this.documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `PRODUCT#${sku}`,
          sk: 'PRODUCT',
          entity: 'product',
          gsi1pk: 'PRODUCTS',
          gsi1sk: sku,
          sku,
          name: `Product ${sku}`,
          price,
          currency: 'EUR',
          stock,
          updatedAt: new Date().toISOString(),
        },
      }),
    );
  }

  /** An order and its payment exactly as the orders context places them (order-item.ts shapes), status pending. */
  async placeOrder(
    orderId: string,
    lines: OrderLine[],
    token: string,
    options: { createdAt?: Date; customerId?: string } = {},
  ): Promise<{ orderId: string; paymentId: string; customerId: string }> {
    const { orderItem } = await import('#orders/adapters/order-item');
    const at = (options.createdAt ?? new Date()).toISOString();
    const customerId = options.customerId ?? `cust-${orderId}`;
    const paymentId = `pay-${orderId}`;
    const items = lines.map((line) => ({ sku: line.sku, name: `Product ${line.sku}`, quantity: line.quantity, unitPrice: 1250 }));
    const totalAmount = items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
    const order = {
      id: orderId,
      customerId,
      status: 'pending' as const,
      items,
      totalAmount,
      currency: 'EUR',
      shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
      payment: { id: paymentId, status: 'pending' as const },
      createdAt: at,
      updatedAt: at,
    };
    await this.documentClient.send(
      new PutCommand({ TableName: this.tableName, Item: orderItem(order as Parameters<typeof orderItem>[0], 1, `corr-${orderId}`) }),
    );
    await this.documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `PAYMENT#${paymentId}`,
          sk: 'PAYMENT',
          entity: 'payment',
          id: paymentId,
          orderId,
          customerId,
          status: 'pending',
          amount: totalAmount,
          currency: 'EUR',
          method: 'card',
          token,
          createdAt: at,
          updatedAt: at,
          version: 1,
        },
      }),
    );
    return { orderId, paymentId, customerId };
  }

  // ----- Acting -----

  /** Starts the saga as start-order-saga does (name = order id). */
  async startSaga(orderId: string, extra: Record<string, unknown> = {}): Promise<string> {
    const { executionArn } = await this.stepFunctions.startExecution({
      stateMachineArn: localStateMachineArn(ORDER_SAGA_ID),
      name: orderId,
      input: JSON.stringify({ orderId, correlationId: `corr-${orderId}`, ...extra }),
    });
    return executionArn!;
  }

  /** Starts the saga and waits for its end. */
  async runSaga(orderId: string, extra: Record<string, unknown> = {}): Promise<SagaRun> {
    await this.startSaga(orderId, extra);
    return this.finished(orderId);
  }

  /**
   * Waits until the order's saga has ended: every execution named after the order has stopped, and one
   * that handed the order over to another machine is followed by that machine's. With `machine`, only
   * that machine's executions count. Answers them together.
   */
  async finished(orderId: string, machine?: string): Promise<SagaRun> {
    const executions = await this.eventually(() => {
      const runs = this.stepFunctions.executions({ name: orderId }).filter((run) => machine === undefined || run.stateMachine === machine);
      const last = runs.at(-1);
      if (!last || runs.some((run) => run.status === 'RUNNING')) return undefined;
      return machine === undefined && handedOver(last) ? undefined : runs;
    });
    return describeRuns(executions);
  }

  /** Delivers a signed provider event to the real webhook handler. */
  async deliverWebhook(type: string, paymentId: string, extra: Item = {}): Promise<APIGatewayProxyResult> {
    const body = JSON.stringify({ id: `evt_${paymentId}_${type.replace(/\W/g, '_')}`, type, data: { paymentId, ...extra } });
    return (await this.httpHandlers.paymentWebhook(
      apiGatewayEvent({
        method: 'POST',
        path: '/api/v1/webhooks/payments',
        body,
        headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signWebhookPayload(body, WEBHOOK_SECRET, new Date()) },
      }) as never,
      lambdaContext(),
    )) as APIGatewayProxyResult;
  }

  /** POST /orders/{id}/cancel through the orders context's real handler, as the customer. */
  async cancelAsCustomer(orderId: string, customerId: string): Promise<APIGatewayProxyResult> {
    return (await this.httpHandlers.cancelOrder(
      apiGatewayEvent({
        method: 'POST',
        path: `/api/v1/orders/${orderId}/cancel`,
        resource: '/api/v1/orders/{id}/cancel',
        pathParameters: { id: orderId },
        caller: { sub: customerId },
      }) as never,
      lambdaContext(),
    )) as APIGatewayProxyResult;
  }

  /** Until the stream consumers have handled everything written so far. */
  async streamsSettled(): Promise<void> {
    await this.poller?.idle();
  }

  // ----- Reading -----

  async item(pk: string, sk: string): Promise<Item | undefined> {
    return (await this.documentClient.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true }))).Item;
  }

  order = (orderId: string) => this.item(`ORDER#${orderId}`, 'ORDER');
  payment = (paymentId: string) => this.item(`PAYMENT#${paymentId}`, 'PAYMENT');
  reservation = (orderId: string) => this.item(`RESERVATION#${orderId}`, 'RESERVATION');

  async stock(sku: string): Promise<number> {
    return Number((await this.item(`PRODUCT#${sku}`, 'PRODUCT'))?.stock);
  }

  /**
   * Units of the sku on the shelf plus units held by `reserved` reservations of the given orders: a
   * constant, whatever the sagas did (a confirmed order keeps its reservation: the units are sold).
   */
  async accountedStock(sku: string, orderIds: string[]): Promise<number> {
    let held = 0;
    for (const orderId of orderIds) {
      const reservation = await this.reservation(orderId);
      if (reservation?.status !== 'reserved') continue;
      for (const line of reservation.items as OrderLine[]) if (line.sku === sku) held += line.quantity;
    }
    return (await this.stock(sku)) + held;
  }

  /**
   * The domain events the committed changes of one order's items call for, oldest first: the table's
   * stream read from its start, through the events outbox's own rules (functions/outbox), so that a
   * change made twice would show as two events.
   */
  async domainEventsOf(orderId: string): Promise<string[]> {
    const { StreamDescription } = await this.stream.client.send(new DescribeStreamCommand({ StreamArn: this.stream.arn }));
    const names: string[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      let { ShardIterator: iterator } = await this.stream.client.send(
        new GetShardIteratorCommand({ StreamArn: this.stream.arn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      while (iterator) {
        const page = await this.stream.client.send(new GetRecordsCommand({ ShardIterator: iterator }));
        for (const record of page.Records ?? []) {
          const change = {
            eventName: record.eventName!,
            sequenceNumber: record.dynamodb!.SequenceNumber!,
            oldImage: record.dynamodb?.OldImage && unmarshall(record.dynamodb.OldImage as Record<string, never>),
            newImage: record.dynamodb?.NewImage && unmarshall(record.dynamodb.NewImage as Record<string, never>),
          };
          for (const event of deriveEvents(change)) if ((event.detail.data as { orderId?: string }).orderId === orderId) names.push(event.detailType);
        }
        iterator = page.Records?.length ? page.NextShardIterator : undefined;
      }
    }
    return names;
  }

  async pendingOrderIds(): Promise<string[]> {
    const { Items = [] } = await this.documentClient.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': 'ORDER_STATUS#pending' },
      }),
    );
    return Items.map((item) => String(item.id));
  }

  async eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = TERMINAL_WAIT_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

export function describeRun(execution: LocalExecutionView): SagaRun {
  return describeRuns([execution]);
}

/** Several executions of one saga as one run: states and attempts added up, the last execution's outcome. */
export function describeRuns(executions: LocalExecutionView[]): SagaRun {
  const statesEntered: string[] = [];
  const attempts: Record<string, number> = {};
  for (const execution of executions) {
    let current = '';
    for (const event of execution.history) {
      const details = (event as unknown as Record<string, { name?: string } | undefined>).stateEnteredEventDetails;
      if (event.type?.endsWith('StateEntered') && details?.name) {
        current = details.name;
        statesEntered.push(current);
      }
      if (event.type === 'TaskScheduled') attempts[current] = (attempts[current] ?? 0) + 1;
    }
  }
  return { execution: executions.at(-1)!, executions, statesEntered, attempts };
}

/** An order saga that handed its order over to another machine (an async payment, a provider outage) has not ended the saga. */
function handedOver(execution: LocalExecutionView): boolean {
  if (execution.stateMachine !== ORDER_SAGA_ID || execution.status !== 'SUCCEEDED') return false;
  const output = execution.output as { status?: string } | undefined;
  const last = execution.history.filter((event) => event.type?.endsWith('StateEntered')).at(-1) as { stateEnteredEventDetails?: { name?: string } } | undefined;
  return (
    output?.status === 'awaiting-payment' ||
    ['SettleInCancellationMachine', 'AlreadyInCancellationMachine'].includes(last?.stateEnteredEventDetails?.name ?? '')
  );
}

/** The saga's machines as a stage deploys them: the order saga with the given workflow type. */
export function sagaMachines(workflowType: SagaWorkflowType): StateMachineSpec[] {
  const type = workflowType === 'express' ? 'EXPRESS' : 'STANDARD';
  return sagaWiring.stateMachines!.map((machine) => (machine.id === ORDER_SAGA_ID ? { ...machine, type } : machine));
}
