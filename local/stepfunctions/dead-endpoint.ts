import type { StateMachineOptions } from 'aws-local-stepfunctions';
import { LOCAL_REGION } from '../local-identity';

/**
 * Belt and braces around aws-local-stepfunctions' fallback: a Task without a local handler makes the
 * library call Lambda through the SDK. The shim gives every Task a handler, and on top of that, while
 * any execution runs:
 * - the library gets static fake credentials (no credential chain, so no IMDS or SSO call), and
 * - `AWS_ENDPOINT_URL_LAMBDA` points at a closed local port (it takes precedence over
 *   `AWS_ENDPOINT_URL` and the shared config), so such a call fails at once on 127.0.0.1:9.
 * Only the Lambda variable is touched: other SDK clients in the process keep their configuration.
 */

export const DEAD_LAMBDA_ENDPOINT = 'http://127.0.0.1:9';

export const LIBRARY_AWS_CONFIG: NonNullable<StateMachineOptions['awsConfig']> = {
  region: LOCAL_REGION,
  credentials: { accessKeys: { accessKeyId: 'LOCALSTEPFUNCTIONS', secretAccessKey: 'local-step-functions-never-signs-for-aws' } },
};

const GUARDED_VARIABLES: Record<string, string | undefined> = {
  AWS_ENDPOINT_URL_LAMBDA: DEAD_LAMBDA_ENDPOINT,
  // This variable would make the SDK ignore the endpoint above.
  AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: undefined,
};

let holders = 0;
let saved: Record<string, string | undefined> = {};

/** Holds the dead endpoint in place until the returned release is called (reference counted). */
export function holdDeadLambdaEndpoint(): () => void {
  if (holders === 0) {
    saved = Object.fromEntries(Object.keys(GUARDED_VARIABLES).map((name) => [name, process.env[name]]));
    for (const [name, value] of Object.entries(GUARDED_VARIABLES)) setVariable(name, value);
  }
  holders += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders === 0) for (const [name, value] of Object.entries(saved)) setVariable(name, value);
  };
}

function setVariable(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
