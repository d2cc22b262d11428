import { readFileSync } from 'node:fs';
import type { DeployInputs } from './load-stage-config';

/**
 * Reads the deploy-time inputs from CDK context (`-c jwksJson='{"keys":[…]}'` or `-c jwksFile=path`)
 * or, for scripts, the environment (ORDERSAGA_JWKS_JSON / ORDERSAGA_JWKS_FILE). Context wins.
 */
export function readDeployInputs(context: (key: string) => unknown, env: NodeJS.ProcessEnv = process.env): DeployInputs {
  const jwksJson = stringOrUndefined(context('jwksJson')) ?? env.ORDERSAGA_JWKS_JSON;
  const jwksFile = stringOrUndefined(context('jwksFile')) ?? env.ORDERSAGA_JWKS_FILE;
  if (jwksJson !== undefined) return { jwksJson };
  if (jwksFile !== undefined) return { jwksJson: readFileSync(jwksFile, 'utf8') };
  return {};
}

function stringOrUndefined(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  // CDK parses `-c key=value` as JSON when it can, so an inline JWKS may arrive as an object.
  return typeof value === 'string' ? value : JSON.stringify(value);
}
