import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMPENSATED_ERRORS } from '#saga/domain/cancellation-reason';
import { sagaWiring } from '#saga/wiring';

/**
 * The saga's rules that can be read off the definitions themselves: few states on the
 * happy path, a Retry on every Task for transient errors only (with backoff, max delay and full
 * jitter), Catches that lead to compensation, JSONPath only, and placeholders that match the wiring.
 */

const ROOT = path.resolve(__dirname, '../../../..');

/** The only errors a Retry may name: Lambda's service errors and our transient ones. */
const TRANSIENT_ERRORS = new Set([
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Sandbox.Timedout',
  'StoreBusy',
  'PaymentProviderUnavailable',
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

describe.each(sagaWiring.stateMachines!.map((machine) => [machine.id, machine] as const))('%s', (_id, machine) => {
  const definition = definitionOf(machine.file);
  const tasks = Object.entries(definition.States).filter(([, state]) => state.Type === 'Task');

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
    expect([...used].sort()).toEqual([...Object.keys(machine.functionArns), 'Partition'].sort());
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

  it('never gives up a compensation on a provider outage: past its retries it waits and compensates again, catching nothing else', () => {
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
    expect(definition.States[clause!.Next]).toMatchObject({ Type: 'Wait', Next: name });
    expect(definition.States[clause!.Next]!.Seconds).toBeGreaterThanOrEqual(60);
  });

  it('catches only errors the compensation knows (or the async hand-off), into states that exist', () => {
    for (const state of Object.values(definition.States)) {
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
 * held together here instead: every forward step retries Lambda's service errors and StoreBusy alike,
 * and so does every compensation (longer, since it must not give up). A step may add retriers of its
 * own after these (TakePayment's provider outage).
 */
describe('every Task state of a kind shares the same transient retriers', () => {
  const machines = sagaWiring.stateMachines!.map((machine) => definitionOf(machine.file));
  const tasks = machines.flatMap((definition) => Object.entries(definition.States).filter(([, state]) => state.Type === 'Task'));
  const isCompensation = (state: State) => JSON.stringify(state.Parameters).includes('${CompensateOrderFunctionArn}');
  const sharedRetriers = (state: State) =>
    state.Retry!.filter((retrier) => retrier.ErrorEquals.includes('Lambda.ServiceException') || retrier.ErrorEquals.includes('StoreBusy'));

  it.each([
    ['forward step', false],
    ['compensation', true],
  ])('%s', (_kind, compensation) => {
    const ofKind = tasks.filter(([, state]) => isCompensation(state) === compensation);
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

  it('enters at most three states on the happy path, ending with a Task that ends the run', () => {
    expect(happyPath()).toEqual(['ReserveStock', 'TakePayment', 'ConfirmOrder']);
    expect(definition.States.ConfirmOrder).toMatchObject({ Type: 'Task', End: true });
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
      PaymentPending: 'AwaitPaymentAuthorization',
      PaymentDeclined: 'Compensate',
      PaymentProviderUnavailable: 'Compensate',
      PaymentProviderRejected: 'Compensate',
      OrderCancelled: 'Compensate',
    });
    expect(catches('AwaitPaymentAuthorization')).toMatchObject({ 'States.Timeout': 'Compensate', PaymentDeclined: 'Compensate', OrderCancelled: 'Compensate' });
    expect(catches('ConfirmOrder')).toEqual({ OrderCancelled: 'Compensate' });
    expect(definition.States.Compensate!.Retry!.flatMap((retrier) => retrier.ErrorEquals)).toContain('PaymentProviderUnavailable');
  });

  it('waits for an asynchronous payment on a task token, for a timeout read from the saga context', () => {
    const wait = definition.States.AwaitPaymentAuthorization!;
    expect(wait.Resource).toBe('arn:${Partition}:states:::lambda:invoke.waitForTaskToken');
    expect(JSON.stringify(wait.Parameters)).toContain('"taskToken.$":"$$.Task.Token"');
    expect(wait.TimeoutSecondsPath).toBe('$.paymentTimeoutSeconds');
    expect(wait.Next).toBe('TakePayment');
  });
});
