import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMPENSATED_ERRORS } from '#saga/domain/cancellation-reason';
import { sagaWiring } from '#saga/wiring';
import { ORDER_SAGA_ID } from '#contracts/state-machines';

/**
 * The saga's rules that can be read off the definitions themselves: few states on the
 * happy path, a Retry on every Task for transient errors only (with backoff, max delay and full
 * jitter), Catches that lead to compensation, JSONPath only, placeholders that match the wiring, and
 * an order saga that can run as an Express workflow (nothing in it waits).
 */

const ROOT = path.resolve(__dirname, '../../../..');

/** The only errors a Retry may name: Lambda's service errors and our transient ones. */
const TRANSIENT_ERRORS = new Set([
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  // Step Functions reports a function's timeout (or crash) as Lambda.Unknown; newer runtimes may say Sandbox.Timedout.
  'Lambda.Unknown',
  'Sandbox.Timedout',
  'StoreBusy',
  'PaymentProviderUnavailable',
]);

/** What a hand-over to another machine (states:startExecution) retries: Step Functions' own transient errors. */
const START_EXECUTION_ERRORS = new Set([
  'StepFunctions.ThrottlingException',
  'StepFunctions.ExecutionLimitExceededException',
  'StepFunctions.SdkClientException',
  'StepFunctions.AWSStepFunctionsException',
]);

/**
 * The compensation also retries a provider's refusal a few times: it asks the provider first, so a
 * refusal means the payment moved between the question and the act (a capture landing late), and
 * asking again settles it.
 */
const COMPENSATION_RETRIES = new Set([...TRANSIENT_ERRORS, 'PaymentProviderRejected']);

interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: string;
}
interface State {
  Type: string;
  Resource?: string;
  Next?: string;
  End?: boolean;
  Retry?: Retrier[];
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string | null }[];
  [key: string]: unknown;
}
interface Definition {
  StartAt: string;
  States: Record<string, State>;
  QueryLanguage?: string;
}

const text = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const definitionOf = (file: string) => JSON.parse(text(file)) as Definition;
const START_EXECUTION = 'arn:${Partition}:states:::states:startExecution';
const isLambdaTask = (state: State) => state.Type === 'Task' && state.Resource !== START_EXECUTION;

describe.each(sagaWiring.stateMachines!.map((machine) => [machine.id, machine] as const))('%s', (_id, machine) => {
  const definition = definitionOf(machine.file);
  const tasks = Object.entries(definition.States).filter(([, state]) => isLambdaTask(state));
  const handOvers = Object.entries(definition.States).filter(([, state]) => state.Type === 'Task' && !isLambdaTask(state));

  it('is JSONPath only, with no JSONata, Variables or Assign', () => {
    expect(definition.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    for (const state of Object.values(definition.States)) {
      expect(state).not.toHaveProperty('QueryLanguage');
      expect(state).not.toHaveProperty('Assign');
      expect(state).not.toHaveProperty('Arguments');
    }
  });

  it('uses exactly the placeholders its StateMachineSpec substitutes, and the partition', () => {
    const used = new Set([...text(machine.file).matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]));
    expect([...used].sort()).toEqual([...Object.keys(machine.functionArns), ...Object.keys(machine.stateMachineArns ?? {}), 'Partition'].sort());
  });

  it("hard-codes no partition in any ARN (arn:${Partition}:…, substituted with the stack's AWS::Partition)", () => {
    expect(text(machine.file)).not.toContain('arn:aws:');
    expect(text(machine.file)).not.toMatch(/"arn:aws[a-z-]*:/);
  });

  it.each(tasks)('Task %s calls Lambda through the optimized integration and retries transient errors only, with backoff and full jitter', (_name, state) => {
    expect(state.Resource).toMatch(/^arn:\$\{Partition\}:states:::lambda:invoke(\.waitForTaskToken)?$/);
    expect(state.Retry?.length).toBeGreaterThan(0);
    const compensates = JSON.stringify(state.Parameters).includes('${CompensateOrderFunctionArn}');
    for (const retrier of state.Retry!) {
      for (const error of retrier.ErrorEquals) expect(compensates ? COMPENSATION_RETRIES : TRANSIENT_ERRORS).toContain(error);
      expect(retrier.BackoffRate).toBeGreaterThan(1);
      expect(retrier.MaxDelaySeconds).toBeGreaterThan(0);
      expect(retrier.JitterStrategy).toBe('FULL');
      expect(retrier.MaxAttempts).toBeGreaterThan(0);
    }
    expect(state.Retry!.flatMap((retrier) => retrier.ErrorEquals)).toEqual(
      expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'StoreBusy']),
    );
  });

  it.each(handOvers.length > 0 ? handOvers : [['(none)', undefined] as const])(
    'hand-over %s starts a Standard machine named after the order, retries only Step Functions transient errors, and treats one already started as done',
    (_name, state) => {
      if (!state) return;
      expect(state.Resource).toBe(START_EXECUTION);
      expect(state.Parameters).toMatchObject({ 'Name.$': '$.orderId' });
      const target = String((state.Parameters as { StateMachineArn?: string }).StateMachineArn).replace(/^\$\{|\}$/g, '');
      const targetId = machine.stateMachineArns?.[target];
      expect(sagaWiring.stateMachines!.find((other) => other.id === targetId)?.type).toBe('STANDARD');
      for (const retrier of state.Retry!) {
        for (const error of retrier.ErrorEquals) expect(START_EXECUTION_ERRORS).toContain(error);
        expect(retrier.JitterStrategy).toBe('FULL');
      }
      expect(state.Catch).toEqual([{ ErrorEquals: ['StepFunctions.ExecutionAlreadyExistsException'], ResultPath: null, Next: expect.any(String) }]);
      expect(definition.States[state.Catch![0]!.Next]).toMatchObject({ Type: 'Succeed' });
    },
  );

  it('never gives up a compensation on a provider outage: past its retries it waits and compensates again (or hands over to a machine that does), catching nothing else', () => {
    const compensations = tasks.filter(([, state]) => JSON.stringify(state.Parameters).includes('${CompensateOrderFunctionArn}'));
    expect(compensations).toHaveLength(1);
    const [name, compensate] = compensations[0]!;
    expect(compensate.End).toBe(true);
    expect(compensate.Retry!.flatMap((retrier) => retrier.ErrorEquals)).toEqual(
      expect.arrayContaining(['PaymentProviderUnavailable', 'PaymentProviderRejected', 'StoreBusy', 'Sandbox.Timedout']),
    );
    expect(compensate.Catch).toHaveLength(1);
    const [clause] = compensate.Catch!;
    // The same input again: the compensation reads where it stands and does only what is left.
    expect(clause).toEqual({ ErrorEquals: ['PaymentProviderUnavailable'], ResultPath: null, Next: expect.any(String) });
    const next = definition.States[clause!.Next]!;
    if (next.Type === 'Wait') {
      expect(next).toMatchObject({ Next: name });
      expect(next.Seconds).toBeGreaterThanOrEqual(60);
    } else {
      // The order saga waits for nothing (it may be Express): the orderCancellation machine waits instead.
      expect(next).toMatchObject({ Type: 'Task', Resource: START_EXECUTION, Parameters: { StateMachineArn: '${OrderCancellationStateMachineArn}' } });
    }
  });

  it('catches in its Lambda tasks only errors the compensation knows (or the async hand-off), into states that exist', () => {
    for (const state of Object.values(definition.States).filter(isLambdaTask)) {
      for (const clause of state.Catch ?? []) {
        expect(definition.States).toHaveProperty([clause.Next]);
        for (const error of clause.ErrorEquals) expect([...COMPENSATED_ERRORS, 'PaymentPending']).toContain(error);
        expect(clause.ErrorEquals).not.toContain('States.ALL');
      }
    }
  });
});

/**
 * The retriers for transient errors are written out in every Task state, not generated: the ASL files
 * stay what Step Functions and the local runtime execute and what a reader sees in the console, and
 * CloudFormation's DefinitionSubstitutions can only put strings inside the JSON. So the copies are
 * held together here instead: every step of the order saga retries Lambda's service errors and
 * StoreBusy alike (short enough for an Express execution's five minutes), every forward step of the
 * Standard machines too, and every compensation of a Standard machine longer, since it must not give
 * up. A step may add retriers of its own after these (TakePayment's provider outage).
 */
describe('every Task state of a kind shares the same transient retriers', () => {
  const tasks = sagaWiring.stateMachines!.flatMap((machine) =>
    Object.entries(definitionOf(machine.file).States)
      .filter(([, state]) => isLambdaTask(state))
      .map(([name, state]) => [`${machine.id}.${name}`, state, machine.id] as const),
  );
  const isCompensation = (state: State) => JSON.stringify(state.Parameters).includes('${CompensateOrderFunctionArn}');
  const sharedRetriers = (state: State) =>
    state.Retry!.filter((retrier) => retrier.ErrorEquals.includes('Lambda.ServiceException') || retrier.ErrorEquals.includes('StoreBusy'));
  const kindOf = (state: State, machineId: string) =>
    machineId === ORDER_SAGA_ID ? 'order saga step' : isCompensation(state) ? 'compensation' : 'forward step';

  it.each(['order saga step', 'forward step', 'compensation'])('%s', (kind) => {
    const ofKind = tasks.filter(([, state, machineId]) => kindOf(state, machineId) === kind);
    expect(ofKind.length).toBeGreaterThan(0);
    const [first, ...others] = ofKind.map(([name, state]) => ({ name, retriers: sharedRetriers(state) }));
    expect(first!.retriers).toHaveLength(2);
    for (const other of others) expect({ state: other.name, retriers: other.retriers }).toEqual({ state: other.name, retriers: first!.retriers });
    for (const [, state] of ofKind) expect(state.Retry!.slice(0, 2)).toEqual(first!.retriers);
  });
});

describe('order saga', () => {
  const definition = definitionOf('statemachines/order-saga.asl.json');

  /** The states a run goes through when every Task succeeds (Next, until End). */
  function happyPath(): string[] {
    const visited: string[] = [];
    let name: string | undefined = definition.StartAt;
    while (name) {
      expect(visited).not.toContain(name);
      visited.push(name);
      const state: State = definition.States[name]!;
      name = state.End ? undefined : state.Next;
    }
    return visited;
  }

  it('enters two states on the happy path, ending with a Task that ends the run', () => {
    expect(happyPath()).toEqual(['ReserveStock', 'TakePayment']);
    expect(definition.States.TakePayment).toMatchObject({ Type: 'Task', End: true });
  });

  it('can run as an Express workflow: no callback or .sync task, no Wait, and retry waits that fit in five minutes', () => {
    for (const [name, state] of Object.entries(definition.States)) {
      expect({ name, type: state.Type }).not.toEqual({ name, type: 'Wait' });
      expect(String(state.Resource ?? '')).not.toMatch(/\.waitForTaskToken|\.sync/);
    }
    // The longest every retrier of every state could wait in all (backoff, capped): well under 300 s.
    const waits = (retrier: Retrier) =>
      Array.from({ length: retrier.MaxAttempts ?? 3 }, (_, attempt) =>
        Math.min((retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** attempt, retrier.MaxDelaySeconds ?? Number.POSITIVE_INFINITY),
      ).reduce((sum, wait) => sum + wait, 0);
    const total = Object.values(definition.States).reduce((sum, state) => sum + (state.Retry ?? []).reduce((inner, retrier) => inner + waits(retrier), 0), 0);
    expect(total).toBeLessThan(300);
  });

  it('does not retry business errors', () => {
    const retried = Object.values(definition.States).flatMap((state) => (state.Retry ?? []).flatMap((retrier) => retrier.ErrorEquals));
    for (const business of ['OutOfStock', 'PaymentDeclined', 'OrderCancelled', 'PaymentPending', 'States.ALL', 'States.TaskFailed'])
      expect(retried).not.toContain(business);
  });

  it('maps each business failure to the compensation', () => {
    const catches = (name: string) =>
      Object.fromEntries((definition.States[name]!.Catch ?? []).flatMap((clause) => clause.ErrorEquals.map((error) => [error, clause.Next])));
    expect(catches('ReserveStock')).toEqual({ OutOfStock: 'Compensate', OrderCancelled: 'Compensate' });
    expect(catches('TakePayment')).toEqual({
      PaymentDeclined: 'Compensate',
      PaymentProviderUnavailable: 'Compensate',
      PaymentProviderRejected: 'Compensate',
      OrderCancelled: 'Compensate',
    });
    expect(definition.States.Compensate!.Retry!.flatMap((retrier) => retrier.ErrorEquals)).toContain('PaymentProviderUnavailable');
  });
});

describe('payment authorization', () => {
  const definition = definitionOf('statemachines/order-payment-authorization.asl.json');

  it('waits for an asynchronous payment on a task token, for a timeout read from the saga context, then captures or compensates', () => {
    expect(definition.StartAt).toBe('AwaitPaymentAuthorization');
    const wait = definition.States.AwaitPaymentAuthorization!;
    expect(wait.Resource).toBe('arn:${Partition}:states:::lambda:invoke.waitForTaskToken');
    expect(JSON.stringify(wait.Parameters)).toContain('"taskToken.$":"$$.Task.Token"');
    expect(wait.TimeoutSecondsPath).toBe('$.paymentTimeoutSeconds');
    expect(wait.Next).toBe('TakePayment');
    const catches = (name: string) =>
      Object.fromEntries((definition.States[name]!.Catch ?? []).flatMap((clause) => clause.ErrorEquals.map((error) => [error, clause.Next])));
    expect(catches('AwaitPaymentAuthorization')).toMatchObject({ 'States.Timeout': 'Compensate', PaymentDeclined: 'Compensate', OrderCancelled: 'Compensate' });
    expect(catches('TakePayment')).toMatchObject({ PaymentPending: 'AwaitPaymentAuthorization', PaymentDeclined: 'Compensate', OrderCancelled: 'Compensate' });
  });
});
