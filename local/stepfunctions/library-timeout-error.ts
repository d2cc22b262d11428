import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

/**
 * aws-local-stepfunctions excludes timeouts from the `States.TaskFailed` wildcard with an `instanceof`
 * check on its internal `StatesTimeoutError` class, which it does not export. The shim times tasks out
 * itself (scalable, heartbeat-aware), so its timeout errors must be instances of that class: this
 * obtains it once by letting the library time out a 1 ms probe task.
 */
type ErrorClass = new () => Error;
let timeoutErrorClass: Promise<ErrorClass> | undefined;

function probeTimeoutErrorClass(): Promise<ErrorClass> {
  const definition = {
    StartAt: 'Probe',
    States: { Probe: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:probe', TimeoutSeconds: 0.001, End: true } },
  } as unknown as StateMachineDefinition;
  const run = new StateMachine(definition, { validationOptions: { noValidate: true } }).run(null, {
    // Never settles: the library's own timer ends the task. Nothing leaves the process.
    overrides: { taskResourceLocalHandlers: { Probe: () => new Promise(() => undefined) } },
  });
  return run.result.then(
    () => FallbackTimeoutError,
    (error: unknown) => {
      const cause = (error as { cause?: unknown }).cause;
      return cause instanceof Error && cause.name === 'States.Timeout' ? (cause.constructor as ErrorClass) : FallbackTimeoutError;
    },
  );
}

class FallbackTimeoutError extends Error {
  constructor() {
    super('States.Timeout');
    this.name = 'States.Timeout';
  }
}

/** A timeout error the library treats exactly like its own (`States.TaskFailed` does not match it). */
export async function statesTimeoutError(name: string, cause: string): Promise<Error> {
  timeoutErrorClass ??= probeTimeoutErrorClass();
  const ErrorType = await timeoutErrorClass;
  const error = new ErrorType();
  error.name = name;
  error.message = cause;
  error.cause = cause;
  return error;
}
