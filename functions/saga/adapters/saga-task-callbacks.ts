import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { SagaCallback } from '../domain/payment-plan';
import type { SagaTaskCallbacks } from '../domain/ports';

const sfn = new SFNClient({});

/**
 * Answers Step Functions gives for a token that no longer waits: already answered (the webhook and the
 * wait step both tried), timed out, or its execution ended. Nothing is waiting on it, so there is
 * nothing left to do.
 */
const STALE_TOKEN_ERRORS = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/** Resumes a task parked on `taskToken`; `stale` when nothing waits on that token any more. */
export async function sendSagaCallback(taskToken: string, callback: SagaCallback): Promise<'sent' | 'stale'> {
  try {
    if (callback.kind === 'success') await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(callback.output) }));
    else await sfn.send(new SendTaskFailureCommand({ taskToken, error: callback.error, cause: callback.cause }));
    return 'sent';
  } catch (error) {
    if (STALE_TOKEN_ERRORS.has((error as Error).name)) return 'stale';
    throw error;
  }
}

/** Task-token answers through Step Functions. */
export const stepFunctionsTaskCallbacks: SagaTaskCallbacks = { send: sendSagaCallback };
