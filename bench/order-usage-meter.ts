/**
 * Everything an order is billed for, read off the running local runtime: Lambda invocations and
 * GB-seconds (bench/lambda-meter.ts), DynamoDB calls and consumed capacity (the runtime's traffic
 * proxy), state transitions (the executions named after the order), events carried by the bus,
 * messages delivered to queue targets, and API requests (invocations of a route's function: each API
 * request invokes exactly one). `reset()` then `read()` brackets whatever happened in between.
 */
import type { AppWiring } from '#lib/wiring';
import type { DynamoDbTrafficProxy, DynamoDbTrafficSnapshot } from '#local/dynamodb/dynamodb-traffic-proxy';
import type { LocalRuntime } from '#local/runtime';
import type { OrderUsage } from './cost-model';
import { type FunctionUsage, LambdaMeter } from './lambda-meter';
import { countTransitions } from './state-transitions';

export interface MeteredUsage {
  usage: OrderUsage;
  dynamoDb: DynamoDbTrafficSnapshot;
  functions: Record<string, FunctionUsage>;
  /** States entered, per execution of the given orders (`machine: A → B → C`). */
  statePaths: string[];
  statesEntered: number;
}

export class OrderUsageMeter {
  private readonly lambda = new LambdaMeter();
  private readonly traffic: DynamoDbTrafficProxy;
  private readonly routeFunctions: Set<string>;
  private eventsAtReset = 0;
  private queueMessagesAtReset = 0;

  constructor(
    private readonly runtime: LocalRuntime,
    private readonly wiring: AppWiring,
  ) {
    if (!runtime.dynamoDbTraffic) throw new Error('the order usage meter needs the runtime started with `dynamoDbProxy`');
    this.traffic = runtime.dynamoDbTraffic;
    this.routeFunctions = new Set(wiring.routes.map((route) => route.functionId));
  }

  reset(): void {
    this.lambda.reset();
    this.traffic.reset();
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
    const executions = this.executionsOf(orderIds);
    const counted = executions.map((execution) => ({ machine: execution.stateMachine, ...countTransitions(execution) }));
    const invocations = Object.values(functions);
    return {
      usage: {
        apiRequests: Object.entries(functions).reduce((sum, [functionId, usage]) => sum + (this.routeFunctions.has(functionId) ? usage.invocations : 0), 0),
        lambdaInvocations: invocations.reduce((sum, usage) => sum + usage.invocations, 0),
        lambdaGbSeconds: invocations.reduce((sum, usage) => sum + usage.gbSeconds, 0),
        stateTransitions: counted.reduce((sum, execution) => sum + execution.transitions, 0),
        dynamoDbReadUnits: dynamoDb.consumedReadUnits,
        dynamoDbWriteUnits: dynamoDb.consumedWriteUnits,
        events: this.runtime.bus.carriedEvents().length - this.eventsAtReset,
        queueMessages: this.queueMessages() - this.queueMessagesAtReset,
      },
      dynamoDb,
      functions,
      statePaths: counted.map((execution) => `${execution.machine}: ${execution.states.join(' → ')}`),
      statesEntered: counted.reduce((sum, execution) => sum + execution.states.length, 0),
    };
  }

  close(): void {
    this.lambda.close();
  }

  private executionsOf(orderIds: string[]) {
    const wanted = new Set(orderIds);
    return this.runtime.stepFunctions.executions().filter((execution) => wanted.has(execution.name));
  }

  private queueMessages(): number {
    return this.wiring.queues.reduce((sum, queue) => sum + this.runtime.bus.queueMessages(queue.id).length, 0);
  }
}
