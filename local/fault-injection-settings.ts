/**
 * Fault injection a person (or the e2e suite) turns on from the environment, for `npm start` and any
 * runtime started in a test process alike.
 */

/** The variable: the share (0 to 1) of DynamoDB calls that could meet a transaction answered with a conflict. */
export const CONFLICT_RATE_VARIABLE = 'LOCAL_DYNAMODB_CONFLICT_RATE';

/** LOCAL_DYNAMODB_CONFLICT_RATE as a share; unset or empty is 0. Throws an Error that names the variable when it is not a share. */
export function conflictRateFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  const text = env[CONFLICT_RATE_VARIABLE];
  if (text === undefined || text.trim() === '') return 0;
  const share = Number(text);
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    throw new Error(`${CONFLICT_RATE_VARIABLE}="${text}" is not a share from 0 to 1 (e.g. ${CONFLICT_RATE_VARIABLE}=0.2).`);
  }
  return share;
}
