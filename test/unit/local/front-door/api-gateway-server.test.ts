import type { APIGatewayProxyEvent } from 'aws-lambda';
import { corsPreflight, preflightResponseHeaders, type CorsPolicy } from '#contracts/cors';
import { gatewayProblems, type GatewayResponseType } from '#contracts/gateway-responses';
import { ApiGatewayServer } from '#local/front-door/api-gateway-server';
import { GatewayRequestValidator } from '#local/front-door/gateway-request-validator';
import { writeGatewayProblem } from '#local/front-door/gateway-response';
import { LocalServiceError } from '#local/aws-api/service-error';
import type { FunctionInvoker } from '#local/lambda/function-invoker';
import { publishedRequestValidation } from '#local/route-request-validation';
import { appWiring } from '#lib/wiring';

const SHOP = 'https://shop.example.com';
const ADMIN = 'https://admin.example.com';

/** Functions that answer 200 (or, for the webhook, 401 as its handler would for a bad signature), and an authorizer that allows. */
function fakeFunctions() {
  const calls: { functionId: string; event: APIGatewayProxyEvent }[] = [];
  const invoker: FunctionInvoker = {
    invoke: async (functionId, event) => {
      if (functionId === appWiring.authorizer.functionId) {
        return {
          ok: true,
          durationMs: 1,
          payload: {
            principalId: 'u',
            policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }] },
            context: { sub: 'u' },
          },
        };
      }
      calls.push({ functionId, event: event as APIGatewayProxyEvent });
      if (functionId === 'paymentWebhook')
        return { ok: true, durationMs: 1, payload: { statusCode: 401, headers: { 'content-type': 'application/problem+json' }, body: '{"status":401}' } };
      return { ok: true, durationMs: 1, payload: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' } };
    },
  };
  return { invoker, calls };
}

async function startServer(cors: CorsPolicy) {
  const functions = fakeFunctions();
  const server = new ApiGatewayServer({
    routes: appWiring.routes,
    authorizer: appWiring.authorizer,
    invoker: functions.invoker,
    stage: 'local',
    throttle: { rateLimit: 1000, burstLimit: 1000 },
    methodThrottles: {},
    cors,
    requestValidator: new GatewayRequestValidator(publishedRequestValidation()),
  });
  const { url } = await server.listen(0);
  return { url, server, calls: functions.calls };
}

describe('the front door answers what the stack is configured to', () => {
  let running: Awaited<ReturnType<typeof startServer>>;
  const policy: CorsPolicy = { allowOrigins: [SHOP, ADMIN], allowCredentials: false };
  beforeAll(async () => {
    running = await startServer(policy);
  });
  afterAll(() => running.server.close());

  const preflight = (path: string, origin?: string) =>
    fetch(`${running.url}${path}`, { method: 'OPTIONS', headers: { ...(origin ? { origin } : {}), 'access-control-request-method': 'PUT' } });

  test("a preflight is the stack's: 204, the shared methods, headers and max-age; the first origin, or another allowed one echoed", async () => {
    const expected = preflightResponseHeaders(
      corsPreflight(
        policy,
        appWiring.routes.map((route) => route.method),
      ),
      ADMIN,
    );
    const response = await preflight('/api/v1/products/SKU-1', ADMIN);
    expect(response.status).toBe(204);
    for (const [name, value] of Object.entries(expected)) expect({ name, value: response.headers.get(name) }).toEqual({ name, value });
    expect(response.headers.get('access-control-allow-headers')).toContain('If-Match');
    expect(response.headers.get('access-control-max-age')).toBe('3600');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    // Like the mock integration: the first allowed origin for anyone else.
    expect((await preflight('/api/v1/products/SKU-1', 'https://evil.example')).headers.get('access-control-allow-origin')).toBe(SHOP);
  });

  test("a preflight on a resource that exists (a route's parent too) is answered; on any other path it is the gateway's 404", async () => {
    expect((await preflight('/api/v1', SHOP)).status).toBe(204);
    expect((await preflight('/', SHOP)).status).toBe(204);
    const unknown = await preflight('/api/v1/nothing-here', SHOP);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    expect(await unknown.json()).toMatchObject({ type: 'urn:ordersaga:problem:not-found', status: 404 });
  });

  test("a function's answer is written back with no CORS header added (the functions answer CORS)", async () => {
    const response = await fetch(`${running.url}/api/v1/health`, { headers: { origin: SHOP } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBeNull();
  });

  test("with several allowed origins, the gateway's own answers name none (a gateway response can only hold a literal)", async () => {
    const response = await fetch(`${running.url}/api/v1/orders`, { headers: { origin: SHOP } });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  test("the webhook's body is not validated at the gateway: an unsigned request with any body reaches its handler (and its 401)", async () => {
    const response = await fetch(`${running.url}/api/v1/webhooks/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not":"an event"}',
    });
    expect(response.status).toBe(401);
    expect(running.calls.map((call) => call.functionId)).toContain('paymentWebhook');
  });

  test("other bodies still are: an invalid order is the gateway's 400 without a function call", async () => {
    const before = running.calls.length;
    const response = await fetch(`${running.url}/api/v1/orders`, {
      method: 'POST',
      headers: { authorization: 'Bearer x', 'idempotency-key': 'k-1', 'content-type': 'application/json' },
      body: '{"items":[]}',
    });
    expect(response.status).toBe(400);
    expect(running.calls.length).toBe(before);
  });
});

describe('the front door on a stage with one allowed origin', () => {
  test("its own answers name that origin, as the stack's gateway responses do", async () => {
    const running = await startServer({ allowOrigins: [SHOP], allowCredentials: false });
    try {
      const response = await fetch(`${running.url}/api/v1/orders`, { headers: { origin: 'https://elsewhere.example' } });
      expect(response.status).toBe(401);
      expect(response.headers.get('access-control-allow-origin')).toBe(SHOP);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    } finally {
      await running.server.close();
    }
  });
});

describe('writeGatewayProblem', () => {
  function written(type: GatewayResponseType, status?: number) {
    let head: { status: number; headers: Record<string, string> } | undefined;
    let body = '';
    const response = {
      writeHead: (code: number, headers: Record<string, string>) => {
        head = { status: code, headers };
      },
      end: (chunk: string) => {
        body = chunk;
      },
    } as unknown as Parameters<typeof writeGatewayProblem>[0];
    writeGatewayProblem(response, type, { path: '/api/v1/x', requestId: 'r', status });
    return { ...head!, body: JSON.parse(body) as Record<string, unknown> };
  }

  test.each(gatewayProblems.filter((problem) => problem.status !== undefined).map((problem) => [problem.type, problem.status!] as const))(
    '%s: the status is %i, and the body says the same',
    (type, status) => {
      const answer = written(type);
      expect(answer.status).toBe(status);
      expect(answer.body.status).toBe(status);
      expect(answer.headers['content-type']).toBe('application/problem+json');
    },
  );

  test('an unsupported media type is 415, a usage-plan quota 429, an expired AWS token 403: never pinned to 400', () => {
    expect(written('UNSUPPORTED_MEDIA_TYPE').status).toBe(415);
    expect(written('QUOTA_EXCEEDED').status).toBe(429);
    expect(written('EXPIRED_TOKEN').status).toBe(403);
  });

  test('a fallback answers the status it stands for, and its body names none', () => {
    const answer = written('DEFAULT_5XX', 503);
    expect(answer.status).toBe(503);
    expect(answer.body).not.toHaveProperty('status');
    expect(() => written('DEFAULT_4XX')).toThrow(/has no status of its own/);
  });
});

describe('when Lambda refuses or fails the invocation', () => {
  /** A front door whose functions Lambda throttles (thrown, as the Invoke API answers 429) or whose answer is over 6 MB. */
  async function startFailing(outcome: 'throttled' | 'too-large') {
    const invoker: FunctionInvoker = {
      invoke: async () => {
        if (outcome === 'throttled') throw new LocalServiceError('TooManyRequestsException', 'Rate Exceeded.', 429);
        return {
          ok: false,
          durationMs: 1,
          error: { errorType: 'Function.ResponseSizeTooLarge', errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).' },
        };
      },
    };
    const server = new ApiGatewayServer({
      routes: appWiring.routes,
      authorizer: appWiring.authorizer,
      invoker,
      stage: 'local',
      throttle: { rateLimit: 1000, burstLimit: 1000 },
      methodThrottles: {},
      cors: { allowOrigins: [SHOP], allowCredentials: false },
    });
    const { url } = await server.listen(0);
    return { url, server };
  }

  test.each(['throttled', 'too-large'] as const)('%s: the gateway answers 502 problem+json, as API Gateway answers an integration failure', async (outcome) => {
    const running = await startFailing(outcome);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const response = await fetch(`${running.url}/api/v1/health`);
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 502 });
    } finally {
      stderr.mockRestore();
      await running.server.close();
    }
  });
});
