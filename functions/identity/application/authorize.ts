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

/**
 * What the handlers read from `requestContext.authorizer` (functions/shared/http/caller.ts). Values
 * must be scalars: groups travel comma-joined; a contact claim the token lacks is left out.
 */
// A type, not an interface: API Gateway's context type is an index signature, which only a type satisfies.
export type AuthorizerContext = {
  sub: string;
  groups: string;
  email?: string;
  phoneNumber?: string;
};

/** What API Gateway is answered: an Allow policy for the caller with their identity as context, or `unauthorized` (401). */
export type Authorization =
  | { kind: 'allowed'; principalId: string; policyResource: string; context: AuthorizerContext }
  /** No bearer token at all, or one the verifier rejected (`reason` says why). */
  | { kind: 'unauthorized'; reason?: string };

/** A REQUEST authorizer's decision on the Authorization header of a request to `methodArn`. */
export async function authorize(verify: TokenVerifier, authorizationHeader: string | undefined, methodArn: string): Promise<Authorization> {
  const token = bearerToken(authorizationHeader);
  if (!token) return { kind: 'unauthorized' };
  try {
    const identity = await verify(token);
    const context: AuthorizerContext = { sub: identity.sub, groups: identity.groups.join(',') };
    if (identity.email) context.email = identity.email;
    if (identity.phoneNumber) context.phoneNumber = identity.phoneNumber;
    return { kind: 'allowed', principalId: identity.sub, policyResource: stageWildcard(methodArn), context };
  } catch (error) {
    if (error instanceof InvalidTokenError) return { kind: 'unauthorized', reason: error.message };
    throw error;
  }
}
