/**
 * Everything an order is billed for, read off the running local runtime: Lambda invocations and
 * GB-seconds (bench/lambda-meter.ts), DynamoDB calls and consumed capacity (the runtime's traffic
 * proxy; request units both as DynamoDB Local reports them and by AWS's documented rule,
 * bench/dynamodb-documented-meter.ts), state transitions of the Standard executions named after the order, and the requests,
 * duration and logs of the Express ones (bench/express-usage.ts), events carried by the bus,
 * messages delivered to queue targets, and API requests (invocations of a route's function: each API
 * request invokes exactly one). `reset()` then `read()` brackets whatever happened in between.
 */
import type { AppWiring } from '#lib/wiring';
import type { DynamoDbTrafficProxy, DynamoDbTrafficSnapshot } from '#local/dynamodb/dynamodb-traffic-proxy';
import type { LocalRuntime } from '#local/runtime';
import type { OrderUsage } from './cost-model';
import { type DocumentedUnits, DocumentedUnitsMeter } from './dynamodb-documented-meter';
import { executionDurationMs, expressBilledGbSeconds, type ExpressLogLevel, expressLogBytes } from './express-usage';
import { type FunctionUsage, LambdaMeter } from './lambda-meter';
import { countTransitions } from './state-transitions';

export interface MeteredUsage {
  usage: OrderUsage;
  dynamoDb: DynamoDbTrafficSnapshot;
  /** The same traffic's request units by AWS's documented rule. */
  dynamoDbDocumented: DocumentedUnits;
  functions: Record<string, FunctionUsage>;
  /** States entered, per execution of the given orders (`machine: A → B → C`). */
  statePaths: string[];
  statesEntered: number;
}

export class OrderUsageMeter {
  private readonly lambda = new LambdaMeter();
  private readonly traffic: DynamoDbTrafficProxy;
  private readonly documented: DocumentedUnitsMeter;
  private readonly routeFunctions: Set<string>;
  private eventsAtReset = 0;
  private queueMessagesAtReset = 0;

  constructor(
    private readonly runtime: LocalRuntime,
    private readonly wiring: AppWiring,
    /** What an Express saga logs (the stage's `saga.expressLogLevel`; prod's default). */
    private readonly expressLogLevel: ExpressLogLevel = 'ERROR',
  ) {
    if (!runtime.dynamoDbTraffic) throw new Error('the order usage meter needs the runtime started with `dynamoDbProxy`');
    this.traffic = runtime.dynamoDbTraffic;
    this.documented = new DocumentedUnitsMeter(runtime.dynamoDbTraffic, runtime.dynamoDbEndpoint, wiring.table);
    this.routeFunctions = new Set(wiring.routes.map((route) => route.functionId));
  }

  /**
   * Meters DynamoDB's request units by the documented rule too (off by default): the meter then reads each
   * item before and after it is written, which slows the traffic, so only the one-at-a-time path runs turn it on.
   */
  meterDocumentedUnits(on: boolean): void {
    if (on) this.documented.start();
    else this.documented.stop();
  }

  reset(): void {
    this.lambda.reset();
    this.traffic.reset();
    this.documented.reset();
    this.eventsAtReset = this.runtime.bus.carriedEvents().length;
    this.queueMessagesAtReset = this.queueMessages();
  }

  /** Changes while anything metered goes on: for waiting until the work an order set off is done. */
  activity(): string {
    const invocations = Object.values(this.lambda.snapshot()).reduce((sum, usage) => sum + usage.invocations, 0);
    return `${this.traffic.snapshot().totalCalls}/${invocations}/${this.runtime.bus.carriedEvents().length}`;
  }

  /** Invocations of one function since the reset. */
  invocationsOf(functionId: string): number {
    return this.lambda.snapshot()[functionId]?.invocations ?? 0;
  }

  /** Usage since the reset; state transitions are those of the executions named after `orderIds`. */
  read(orderIds: string[]): MeteredUsage {
    const functions = this.lambda.snapshot();
    const dynamoDb = this.traffic.snapshot();
    const dynamoDbDocumented = this.documented.snapshot();
    const executions = this.executionsOf(orderIds);
    const counted = executions.map((execution) => ({ machine: execution.stateMachine, type: execution.type, ...countTransitions(execution) }));
    const express = executions.filter((execution) => execution.type === 'EXPRESS');
    const invocations = Object.values(functions);
    return {
      usage: {
        apiRequests: Object.entries(functions).reduce((sum, [functionId, usage]) => sum + (this.routeFunctions.has(functionId) ? usage.invocations : 0), 0),
        lambdaInvocations: invocations.reduce((sum, usage) => sum + usage.invocations, 0),
        lambdaGbSeconds: invocations.reduce((sum, usage) => sum + usage.gbSeconds, 0),
        stateTransitions: counted.filter((execution) => execution.type === 'STANDARD').reduce((sum, execution) => sum + execution.transitions, 0),
        expressRequests: express.length,
        expressGbSeconds: express.reduce((sum, execution) => sum + expressBilledGbSeconds(executionDurationMs(execution)), 0),
        expressLogBytes: express.reduce((sum, execution) => sum + expressLogBytes(execution, this.expressLogLevel), 0),
        dynamoDbReadUnits: dynamoDb.consumedReadUnits,
        dynamoDbWriteUnits: dynamoDb.consumedWriteUnits,
        dynamoDbDocumentedReadUnits: dynamoDbDocumented.readUnits,
        dynamoDbDocumentedWriteUnits: dynamoDbDocumented.writeUnits,
        events: this.runtime.bus.carriedEvents().length - this.eventsAtReset,
        queueMessages: this.queueMessages() - this.queueMessagesAtReset,
      },
      dynamoDb,
      dynamoDbDocumented,
      functions,
      statePaths: counted.map((execution) => `${execution.machine}: ${execution.states.join(' → ')}`),
      statesEntered: counted.reduce((sum, execution) => sum + execution.states.length, 0),
    };
  }

  close(): void {
    this.lambda.close();
    this.documented.close();
  }

  private executionsOf(orderIds: string[]) {
    const wanted = new Set(orderIds);
    return this.runtime.stepFunctions.executions().filter((execution) => wanted.has(execution.name));
  }

  private queueMessages(): number {
    return this.wiring.queues.reduce((sum, queue) => sum + this.runtime.bus.queueMessages(queue.id).length, 0);
  }
}
