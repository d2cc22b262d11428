import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { AuthorizerSpec } from '#contracts/wiring';
import type { FunctionInvoker } from '../lambda/function-invoker';

export type AuthorizerDecision =
  | { kind: 'allow'; context: Record<string, string | number | boolean | null> }
  | { kind: 'unauthorized' }
  | { kind: 'denied' }
  | { kind: 'failed' };

interface CachedPolicy {
  result: APIGatewayAuthorizerResult;
  expiresAt: number;
}

/** `arn:...:api/stage/GET/path` against a policy resource with `*` (any run of characters) and `?`. */
function resourceMatches(pattern: string, methodArn: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(methodArn);
}

function statementsOf(result: APIGatewayAuthorizerResult) {
  return (result.policyDocument?.Statement ?? []).map((statement) => {
    const s = statement as { Effect: string; Resource?: string | string[] };
    return { effect: s.Effect, resources: ([] as string[]).concat(s.Resource ?? []) };
  });
}

/** IAM evaluation as API Gateway applies it: an explicit Deny wins, else an Allow must match. */
export function policyAllows(result: APIGatewayAuthorizerResult, methodArn: string): boolean {
  const statements = statementsOf(result);
  const matching = (effect: string) => statements.some((s) => s.effect === effect && s.resources.some((resource) => resourceMatches(resource, methodArn)));
  return !matching('Deny') && matching('Allow');
}

/**
 * API Gateway's REQUEST authorizer step: a missing identity source is 401 without calling the
 * function; the function's policy is cached by the identity source for the configured TTL; a thrown
 * `Unauthorized` is 401, a policy that does not allow the method is 403, anything else is 500.
 */
export class AuthorizerGate {
  private readonly cache = new Map<string, CachedPolicy>();

  constructor(
    private readonly spec: AuthorizerSpec,
    private readonly invoker: FunctionInvoker,
    private readonly now: () => number = Date.now,
  ) {}

  async authorize(event: APIGatewayRequestAuthorizerEvent): Promise<AuthorizerDecision> {
    const identity = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === this.spec.identitySource.toLowerCase())?.[1];
    if (!identity) return { kind: 'unauthorized' };
    let cached = this.cache.get(identity);
    if (!cached || cached.expiresAt <= this.now()) {
      // A throttled authorizer (Lambda's TooManyRequestsException) fails the request as any authorizer failure does.
      const outcome = await this.invoker.invoke(this.spec.functionId, event).catch(() => undefined);
      if (!outcome) return { kind: 'failed' };
      if (!outcome.ok) return outcome.error.errorMessage === 'Unauthorized' ? { kind: 'unauthorized' } : { kind: 'failed' };
      const result = outcome.payload as APIGatewayAuthorizerResult;
      if (!result?.principalId || !result.policyDocument) return { kind: 'failed' };
      cached = { result, expiresAt: this.now() + this.spec.resultTtlSeconds * 1000 };
      if (this.spec.resultTtlSeconds > 0) this.cache.set(identity, cached);
    }
    if (!policyAllows(cached.result, event.methodArn)) return { kind: 'denied' };
    return { kind: 'allow', context: { principalId: cached.result.principalId, ...(cached.result.context ?? {}) } };
  }
}
