import { bearerToken } from '../domain/bearer-token';
import { InvalidTokenError, type TokenVerifier } from '../domain/ports';

/**
 * The policy covers every method of the stage: API Gateway caches it by token and reuses it for the
 * caller's next requests to other routes. Per-route rules (admin, ownership) live in the handlers.
 */
function stageWildcard(methodArn: string): string {
  // arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}
  const [apiArn, stage] = methodArn.split('/');
  return `${apiArn}/${stage}/*/*`;
}

/** What API Gateway is answered: an Allow policy for the caller with their identity as context, or `unauthorized` (401). */
export type Authorization =
  | { kind: 'allowed'; principalId: string; policyResource: string; context: { sub: string; groups: string } }
  /** No bearer token at all, or one the verifier rejected (`reason` says why). */
  | { kind: 'unauthorized'; reason?: string };

/** A REQUEST authorizer's decision on the Authorization header of a request to `methodArn`. */
export async function authorize(verify: TokenVerifier, authorizationHeader: string | undefined, methodArn: string): Promise<Authorization> {
  const token = bearerToken(authorizationHeader);
  if (!token) return { kind: 'unauthorized' };
  try {
    const identity = await verify(token);
    // Context values must be scalars: groups travel comma-joined.
    return {
      kind: 'allowed',
      principalId: identity.sub,
      policyResource: stageWildcard(methodArn),
      context: { sub: identity.sub, groups: identity.groups.join(',') },
    };
  } catch (error) {
    if (error instanceof InvalidTokenError) return { kind: 'unauthorized', reason: error.message };
    throw error;
  }
}
