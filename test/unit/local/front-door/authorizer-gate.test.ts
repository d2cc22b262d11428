import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { AuthorizerGate, policyAllows } from '#local/front-door/authorizer-gate';
import type { FunctionInvoker, InvokeResult } from '#local/lambda/function-invoker';

const methodArn = 'arn:aws:execute-api:us-east-1:000000000000:local/dev/GET/api/v1/products/{sku}';
const allow = (resource: string, context = { sub: 'u1' }): APIGatewayAuthorizerResult => ({
  principalId: 'u1',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resource }] },
  context,
});
const event = (authorization?: string) =>
  ({ type: 'REQUEST', methodArn, headers: authorization ? { Authorization: authorization } : {} }) as unknown as APIGatewayRequestAuthorizerEvent;

function fakeInvoker(results: InvokeResult[]) {
  const calls: unknown[] = [];
  const invoker: FunctionInvoker = {
    invoke: async (_id, payload) => {
      calls.push(payload);
      return results[Math.min(calls.length - 1, results.length - 1)]!;
    },
  };
  return { invoker, calls };
}

const spec = { functionId: 'authorizer', identitySource: 'Authorization' as const, resultTtlSeconds: 300 };

describe('authorizer gate', () => {
  it('answers 401 without calling the function when the identity source is missing', async () => {
    const { invoker, calls } = fakeInvoker([]);
    await expect(new AuthorizerGate(spec, invoker).authorize(event())).resolves.toEqual({ kind: 'unauthorized' });
    expect(calls).toHaveLength(0);
  });

  it('caches the policy by token for the TTL and re-evaluates it per method', async () => {
    let now = 0;
    const { invoker, calls } = fakeInvoker([{ ok: true, durationMs: 1, payload: allow('arn:aws:execute-api:us-east-1:000000000000:local/dev/*/*') }]);
    const gate = new AuthorizerGate(spec, invoker, () => now);
    await expect(gate.authorize(event('Bearer a'))).resolves.toEqual({ kind: 'allow', context: { principalId: 'u1', sub: 'u1' } });
    await gate.authorize(event('Bearer a'));
    expect(calls).toHaveLength(1);
    await gate.authorize(event('Bearer b'));
    expect(calls).toHaveLength(2);
    now += 301_000;
    await gate.authorize(event('Bearer a'));
    expect(calls).toHaveLength(3);
  });

  it('maps a thrown Unauthorized to 401, a policy that does not cover the method to 403, other failures to 500', async () => {
    const unauthorized = fakeInvoker([{ ok: false, durationMs: 1, error: { errorType: 'Error', errorMessage: 'Unauthorized' } }]);
    await expect(new AuthorizerGate(spec, unauthorized.invoker).authorize(event('Bearer x'))).resolves.toEqual({ kind: 'unauthorized' });
    const narrow = fakeInvoker([{ ok: true, durationMs: 1, payload: allow('arn:aws:execute-api:us-east-1:000000000000:local/dev/POST/*') }]);
    await expect(new AuthorizerGate(spec, narrow.invoker).authorize(event('Bearer x'))).resolves.toEqual({ kind: 'denied' });
    const broken = fakeInvoker([{ ok: false, durationMs: 1, error: { errorType: 'TypeError', errorMessage: 'boom' } }]);
    await expect(new AuthorizerGate(spec, broken.invoker).authorize(event('Bearer x'))).resolves.toEqual({ kind: 'failed' });
  });

  it('lets an explicit Deny win over an Allow', () => {
    const result = allow('*');
    result.policyDocument.Statement.push({ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: methodArn });
    expect(policyAllows(result, methodArn)).toBe(false);
  });
});
