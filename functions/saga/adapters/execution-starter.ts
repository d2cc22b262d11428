import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { tracer } from '../../shared/powertools';

const sfn = tracer.captureAWSv3Client(new SFNClient({}));

/** Tolerated difference between our clock and Step Functions'. */
const CLOCK_MARGIN_MS = 5000;

/** The ARN a function learns through its environment (lib/wiring/saga.ts: each machine's arnEnvVar). */
export function stateMachineArnFrom(envVar: string): string {
  const arn = process.env[envVar];
  if (!arn) throw new Error(`${envVar} is not set`);
  return arn;
}

/**
 * Starts an execution named after the order. A Standard state machine refuses a second execution of
 * a name (for 90 days), and hands back the running one when asked again with the same input, so however
 * often this is called for one order, at most one execution runs: `already-started` is success.
 */
export async function startExecutionOnce(stateMachineArn: string, name: string, input: unknown): Promise<'started' | 'already-started'> {
  try {
    const askedAt = Date.now();
    const { startDate } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    // The running execution handed back for a repeated start began before we asked.
    return startDate && startDate.getTime() < askedAt - CLOCK_MARGIN_MS ? 'already-started' : 'started';
  } catch (error) {
    if ((error as Error).name === 'ExecutionAlreadyExists') return 'already-started';
    throw error;
  }
}
