/**
 * States entered per order on each path of the order saga, measured by running the real ASL files
 * (statemachines/*.asl.json, through the wiring's substitutions) in the local Step Functions
 * interpreter, with scripted stand-ins for the step functions: the figure depends only on the state
 * machines, not on what the steps do inside. Each path runs with the order saga as a Standard and as an
 * Express workflow (the machines it hands over to are always Standard). A Standard workflow bills every
 * state transition, retries included ($25 per million), so `transitions` counts each state entered
 * plus each retry attempt of the Standard executions; an Express execution bills one request ($1 per
 * million) plus its duration, which the scripted steps do not have (the full bench meters it).
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
import { ORDER_PAYMENT_AUTHORIZATION_ID, type ORDER_SAGA_ID, type SagaWorkflowType } from '#contracts/state-machines';
import { appWiring, withSagaWorkflowType } from '#lib/wiring';

/** Step Functions Standard: USD per state transition. */
export const USD_PER_STATE_TRANSITION = awsPrices.stepFunctionsStandardTransition.usd;
/** Step Functions Express: USD per execution started (its duration is billed apart). */
export const USD_PER_EXPRESS_REQUEST = awsPrices.stepFunctionsExpressRequest.usd;

export interface SagaPathStates {
  path: string;
  /** The order saga's workflow type. */
  workflow: SagaWorkflowType;
  /** The execution's output status (confirmed / cancelled) and reason. */
  outcome: string;
  statesEntered: number;
  states: string;
  /** Billed transitions of the Standard executions: states entered plus retry attempts. */
  transitions: number;
  /** Express executions (each one billed request). */
  expressExecutions: number;
  /** USD per 1M orders taking this path (transitions and Express requests; Express duration, Lambda and DynamoDB are billed apart). */
  usdPerMillionOrders: number;
}

/** What a step stand-in does on its n-th call: answer, or fail with a Lambda error type. */
type Step = (event: Record<string, unknown>, call: number) => unknown;
type Script = Partial<Record<'reserveStock' | 'takePayment' | 'awaitPaymentAuthorization' | 'compensateOrder', Step>>;

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
  machine: typeof ORDER_SAGA_ID | 'orderCancellation';
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
function pathCases(resume: (taskToken: string) => void, handOver: (event: Record<string, unknown>) => Promise<void>): PathCase[] {
  const confirmed = (event: Record<string, unknown>) => ({ orderId: event.orderId, status: 'confirmed' });
  const happy: Script = { reserveStock: context, takePayment: confirmed };
  /** TakePayment in the order saga hands the wait over (and that run ends); in the payment authorization machine it captures. */
  const handsOver: Step = async (event, call) => {
    if (call > 1) return confirmed(event);
    await handOver({ ...event, handedOver: true });
    return { orderId: event.orderId, status: 'awaiting-payment' };
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
      script: { ...happy, takePayment: (event, call) => (call <= 2 ? fail('PaymentProviderUnavailable')() : confirmed(event)) },
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
        takePayment: handsOver,
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
        takePayment: handsOver,
        awaitPaymentAuthorization: () => ({ waiting: true }),
        compensateOrder: compensated('payment_unavailable'),
      },
    },
    {
      path: 'cancelled while pending',
      machine: 'orderSaga',
      script: { ...happy, takePayment: fail('OrderCancelled'), compensateOrder: compensated('customer_cancelled') },
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
      return { ok: true, payload: await step(event as Record<string, unknown>, call), durationMs: 0 };
    } catch (error) {
      return { ok: false, durationMs: 0, error: { errorType: error instanceof StepFailure ? error.errorType : 'Error', errorMessage: String(error) } };
    }
  }
}

/** Every path, with the order saga as a Standard workflow, then as an Express one. */
export async function measureSagaStates(rootDir = path.resolve(__dirname, '..')): Promise<SagaPathStates[]> {
  return [...(await measureSagaStatesOf('standard', rootDir)), ...(await measureSagaStatesOf('express', rootDir))];
}

async function measureSagaStatesOf(workflow: SagaWorkflowType, rootDir: string): Promise<SagaPathStates[]> {
  const steps = new ScriptedSteps();
  const machines = withSagaWorkflowType(appWiring, workflow).stateMachines;
  const service: LocalStepFunctions = new LocalStepFunctions({
    machines: machines.map((machine) => ({
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
  const handOver = async (event: Record<string, unknown>) => {
    await service.startExecution({
      stateMachineArn: localStateMachineArn(ORDER_PAYMENT_AUTHORIZATION_ID),
      name: String(event.orderId),
      input: JSON.stringify(event),
    });
  };
  const rows: SagaPathStates[] = [];
  try {
    for (const [index, pathCase] of pathCases(resume, handOver).entries()) {
      steps.use(pathCase.script);
      const name = `bench-${index}`;
      await service.startExecution({
        stateMachineArn: localStateMachineArn(pathCase.machine),
        name,
        input: JSON.stringify({ orderId: name, ...pathCase.input }),
      });
      await service.idle();
      // The order's executions: the one started, and any machine it handed the order over to (same name).
      const executions = service.executions({ name });
      const counted = executions.map((execution) => ({ execution, ...countTransitions(execution) }));
      const last = executions.at(-1)!;
      const output = (last.output ?? {}) as { status?: string; cancellationReason?: string };
      const transitions = counted.filter(({ execution }) => execution.type === 'STANDARD').reduce((sum, run) => sum + run.transitions, 0);
      const expressExecutions = executions.filter((execution) => execution.type === 'EXPRESS').length;
      rows.push({
        path: pathCase.path,
        workflow,
        outcome: last.status === 'SUCCEEDED' ? [output.status, output.cancellationReason].filter(Boolean).join(' ') : last.status,
        statesEntered: counted.reduce((sum, run) => sum + run.states.length, 0),
        states: counted.map((run) => `${run.execution.stateMachine}: ${run.states.join(' → ')}`).join('; '),
        transitions,
        expressExecutions,
        usdPerMillionOrders: (transitions * USD_PER_STATE_TRANSITION + expressExecutions * USD_PER_EXPRESS_REQUEST) * 1_000_000,
      });
    }
  } finally {
    await service.close();
  }
  return rows;
}
