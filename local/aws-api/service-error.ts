/**
 * An error a local service answers with, shaped as AWS's JSON protocols report it: `__type` is the
 * error code the SDK turns into an exception name (e.g. `ExecutionAlreadyExists`, `TaskTimedOut`).
 */
export class LocalServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = code;
  }
}
