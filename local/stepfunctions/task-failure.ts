/**
 * How a Task reports an error to aws-local-stepfunctions. The library matches Retry/Catch on `name`
 * exactly, puts `message` into the Catch output's `Cause`, puts `cause` into ExecutionFailed, and reads
 * `isRetryable`/`isCatchable` (States.Runtime is neither, as on AWS).
 */
export class TaskFailure extends Error {
  readonly isRetryable: boolean;
  readonly isCatchable: boolean;

  constructor(error: string, cause: string, options: { retryable?: boolean; catchable?: boolean } = {}) {
    super(cause);
    this.name = error;
    this.cause = cause;
    this.isRetryable = options.retryable ?? true;
    this.isCatchable = options.catchable ?? true;
  }

  /** The cause as the history reports it. */
  get causeText(): string {
    return this.message;
  }
}

/** A failure that is the definition's or the runtime's fault, not the task's: never retried or caught. */
export const runtimeFailure = (message: string): TaskFailure => new TaskFailure('States.Runtime', message, { retryable: false, catchable: false });

/**
 * `ServiceName.ErrorName` for AWS SDK integrations: both PascalCase, and the error always carries the
 * `Exception` suffix even when the service's own error name lacks it (AWS's documented rule).
 */
export function sdkIntegrationErrorName(servicePrefix: string, errorName: string): string {
  return `${servicePrefix}.${errorName.endsWith('Exception') ? errorName : `${errorName}Exception`}`;
}

/** The cause text AWS writes for a failed service call, e.g. `msg (Service: DynamoDb, Status Code: 400, …)`. */
export function serviceErrorCause(service: string, error: unknown): string {
  const err = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
  const status = err.$metadata?.httpStatusCode ?? 400;
  const requestId = err.$metadata?.requestId ?? globalThis.crypto.randomUUID();
  return `${err.message ?? String(error)} (Service: ${service}, Status Code: ${status}, Error Code: ${err.name ?? 'Unknown'}, Request ID: ${requestId})`;
}
