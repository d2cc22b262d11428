/**
 * States entered per order on each path of the order saga, measured by running the real ASL files
 * (statemachines/*.asl.json, through the wiring's substitutions) in the local Step Functions
 * interpreter, with scripted stand-ins for the step functions: the figure depends only on the state
 * machine, not on what the steps do inside. A Standard workflow bills every state transition, retries
 * included ($25 per million), so `transitions` counts each state entered plus each retry attempt.
 *
 * `measureSagaStates()` returns one row per path: a fast check of the ASL alone (test/saga). `npm run bench`
 * measures the same paths with real orders through the whole local runtime (bench/order-paths.ts).
 */
import path from 'node:path';
import type { FunctionInvoker, InvokeResult } from '#local/lambda/function-invoker';
import { localFunctionArn, localStateMachineArn } from '#local/local-identity';
import { loadStateMachineDefinition } from '#local/state-machine-definitions';
import { LocalStepFunctions } from '#local/stepfunctions/local-step-functions';
import { awsPrices } from './aws-prices';
import { countTransitions } from './state-transitions';
import { sagaWiring } from '#saga/wiring';

/** Step Functions Standard: USD per state transition. */
export const USD_PER_STATE_TRANSITION = awsPrices.stepFunctionsStandardTransition.usd;

export interface SagaPathStates {
  path: string;
  /** The execution's output status (confirmed / cancelled) and reason. */
  outcome: string;
  statesEntered: number;
  states: string;
  /** Billed transitions: states entered plus retry attempts. */
  transitions: number;
  /** USD per 1M orders taking this path (state transitions only; Lambda and DynamoDB are billed apart). */
  usdPerMillionOrders: number;
}

/** What a step stand-in does on its n-th call: answer, or fail with a Lambda error type. */
type Step = (event: Record<string, unknown>, call: number) => unknown;
type Script = Partial<Record<'reserveStock' | 'takePayment' | 'awaitPaymentAuthorization' | 'confirmOrder' | 'compensateOrder', Step>>;

class StepFailure extends Error {
  constructor(readonly errorType: string) {
    super(errorType);
  }
}

const fail = (errorType: string) => () => {
  throw new StepFailure(errorType);
};

interface PathCase {
  path: string;
  machine: 'orderSaga' | 'orderCancellation';
  script: Script;
  input?: Record<string, unknown>;
}

const context = (event: Record<string, unknown>) => ({
  orderId: event.orderId,
  correlationId: 'bench',
  paymentId: 'pay-1',
  paymentTimeoutSeconds: Number(event.paymentTimeoutSeconds ?? 900),
});
const compensated = (reason: string) => () => ({ status: 'cancelled', cancellationReason: reason });

/** One scripted run per path of the saga (docs/saga.md). */
function pathCases(resume: (taskToken: string) => void): PathCase[] {
  const happy: Script = {
    reserveStock: context,
    takePayment: () => ({ paymentStatus: 'captured' }),
    confirmOrder: () => ({ status: 'confirmed' }),
  };
  return [
    { path: 'happy (tok_visa)', machine: 'orderSaga', script: happy },
    { path: 'out of stock', machine: 'orderSaga', script: { ...happy, reserveStock: fail('OutOfStock'), compensateOrder: compensated('out_of_stock') } },
    {
      path: 'declined (tok_declined)',
      machine: 'orderSaga',
      script: { ...happy, takePayment: fail('PaymentDeclined'), compensateOrder: compensated('payment_declined') },
    },
    {
      path: 'flaky (tok_flaky: 2 retries)',
      machine: 'orderSaga',
      script: { ...happy, takePayment: (_, call) => (call <= 2 ? fail('PaymentProviderUnavailable')() : { paymentStatus: 'captured' }) },
    },
    {
      path: 'unavailable (tok_unavailable)',
      machine: 'orderSaga',
      script: { ...happy, takePayment: fail('PaymentProviderUnavailable'), compensateOrder: compensated('payment_unavailable') },
    },
    {
      path: 'async, webhook (tok_async)',
      machine: 'orderSaga',
      script: {
        ...happy,
        takePayment: (_, call) => (call === 1 ? fail('PaymentPending')() : { paymentStatus: 'captured' }),
        awaitPaymentAuthorization: (event) => {
          setImmediate(() => resume(String(event.taskToken)));
          return { waiting: true };
        },
      },
    },
    {
      path: 'async, timed out',
      machine: 'orderSaga',
      input: { paymentTimeoutSeconds: 1 },
      script: {
        ...happy,
        takePayment: fail('PaymentPending'),
        awaitPaymentAuthorization: () => ({ waiting: true }),
        compensateOrder: compensated('payment_unavailable'),
      },
    },
    {
      path: 'cancelled while pending',
      machine: 'orderSaga',
      script: { ...happy, confirmOrder: fail('OrderCancelled'), compensateOrder: compensated('customer_cancelled') },
    },
    {
      path: 'cancelled after confirm',
      machine: 'orderCancellation',
      input: { failure: { Error: 'OrderCancelled', Cause: 'customer_cancelled' } },
      script: { compensateOrder: compensated('customer_cancelled') },
    },
  ];
}

class ScriptedSteps implements FunctionInvoker {
  private script: Script = {};
  private readonly calls = new Map<string, number>();

  use(script: Script): void {
    this.script = script;
    this.calls.clear();
  }

  async invoke(functionId: string, event: unknown): Promise<InvokeResult> {
    const call = (this.calls.get(functionId) ?? 0) + 1;
    this.calls.set(functionId, call);
    const step = this.script[functionId as keyof Script];
    if (!step) return { ok: false, durationMs: 0, error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${functionId}` } };
    try {
      return { ok: true, payload: step(event as Record<string, unknown>, call), durationMs: 0 };
    } catch (error) {
      return { ok: false, durationMs: 0, error: { errorType: error instanceof StepFailure ? error.errorType : 'Error', errorMessage: String(error) } };
    }
  }
}

export async function measureSagaStates(rootDir = path.resolve(__dirname, '..')): Promise<SagaPathStates[]> {
  const steps = new ScriptedSteps();
  const service: LocalStepFunctions = new LocalStepFunctions({
    machines: sagaWiring.stateMachines!.map((machine) => ({
      id: machine.id,
      arn: localStateMachineArn(machine.id),
      type: machine.type,
      definition: loadStateMachineDefinition(rootDir, machine, {
        functionArn: localFunctionArn,
        stateMachineArn: localStateMachineArn,
        tableName: 'bench',
        eventBusName: 'bench',
      }),
    })),
    tasks: { invoker: steps },
    retryDelayScale: 0.0001,
    waitScale: 0.0001,
    timeoutScale: 0.01,
  });
  const resume = (taskToken: string) =>
    void service.sendTaskSuccess({ taskToken, output: JSON.stringify({ paymentStatus: 'authorized' }) }).catch(() => undefined);
  const rows: SagaPathStates[] = [];
  try {
    for (const [index, pathCase] of pathCases(resume).entries()) {
      steps.use(pathCase.script);
      const name = `bench-${index}`;
      await service.startExecution({
        stateMachineArn: localStateMachineArn(pathCase.machine),
        name,
        input: JSON.stringify({ orderId: name, ...pathCase.input }),
      });
      await service.idle();
      const execution = service.executions({ name }).find((run) => run.stateMachine === pathCase.machine)!;
      const { states, transitions } = countTransitions(execution);
      const output = (execution.output ?? {}) as { status?: string; cancellationReason?: string };
      rows.push({
        path: pathCase.path,
        outcome: execution.status === 'SUCCEEDED' ? [output.status, output.cancellationReason].filter(Boolean).join(' ') : execution.status,
        statesEntered: states.length,
        states: states.join(' → '),
        transitions,
        usdPerMillionOrders: transitions * USD_PER_STATE_TRANSITION * 1_000_000,
      });
    }
  } finally {
    await service.close();
  }
  return rows;
}
