import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import path from 'node:path';
import { localDynamoDbClientConfig } from '#local/dynamodb/client-config';
import { startLocalRuntime, type LocalRuntime } from '#local/runtime';
import { runtimeFixtureWiring } from '#test/fixtures/runtime/wiring';

const root = path.resolve(__dirname, '../../..');

/** Everything the runtime composes, driven from the outside: HTTP → table → stream → bus → saga → schedule. */
describe('local runtime end to end (fixture wiring)', () => {
  let runtime: LocalRuntime;
  let documents: DynamoDBDocumentClient;
  let token: string;

  const records = async (kind: string) => {
    const { Items = [] } = await documents.send(
      new QueryCommand({ TableName: runtime.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `RECORD#${kind}` } }),
    );
    return Items.map((item) => JSON.parse(item.body as string) as Record<string, unknown>);
  };

  const eventually = async <T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await runtime.idle();
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('condition not reached');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      rootDir: root,
      wiring: runtimeFixtureWiring,
      stage: {
        name: 'test',
        logLevel: 'WARN',
        throttle: { rateLimit: 1000, burstLimit: 1000 },
        methodThrottles: { 'GET /api/v1/ping': { rateLimit: 1, burstLimit: 3 } },
        corsAllowOrigins: ['http://localhost:5173'],
        corsAllowCredentials: false,
        tokenIssuer: { issuer: 'http://127.0.0.1/test-issuer', audience: 'test' },
        saga: { asyncPaymentTimeoutSeconds: 900 },
      },
      port: 0,
      scheduleSpeedUp: 600,
      stepFunctionsDelayScale: 0.01,
      eventRetryBaseDelayMs: 5,
    });
    documents = DynamoDBDocumentClient.from(new DynamoDBClient(localDynamoDbClientConfig(runtime.dynamoDbEndpoint)));
    token = await runtime.issuer.issue({ sub: 'alice' });
  }, 60_000);

  afterAll(async () => {
    documents?.destroy();
    await runtime?.stop();
  });

  it('carries a write through the stream, the bus and a saga that waits for its task token', async () => {
    const created = await fetch(`${runtime.url}/api/v1/widgets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'w1' }),
    });
    expect(created.status).toBe(201);

    // The stream consumer published an event, and the rule delivered it to the recorder.
    const [delivered] = await eventually(async () => ((await records('widget.created')).length ? records('widget.created') : undefined));
    expect(delivered).toMatchObject({ source: 'ordersaga.test', 'detail-type': 'widget.created', detail: { id: 'w1' } });

    const carried = (await (await fetch(`${runtime.url}/_local/events?detail-type=widget.created`)).json()) as Record<string, unknown>[];
    expect(carried).toHaveLength(1);
    expect(carried[0]).toMatchObject({
      version: '0',
      source: 'ordersaga.test',
      'detail-type': 'widget.created',
      account: '000000000000',
      detail: { id: 'w1' },
    });
    expect(carried[0]).toHaveProperty('id');
    expect(carried[0]).toHaveProperty('time');

    // The saga ran both steps; the second waited for SendTaskSuccess from the function it called.
    const executions = await eventually(async () => {
      const response = await fetch(`${runtime.url}/_local/executions/w1`);
      if (response.status !== 200) return undefined;
      const body = (await response.json()) as { status: string; history: { type: string }[] }[];
      return body[0]?.status === 'SUCCEEDED' ? body : undefined;
    });
    const types = executions[0]!.history.map((event) => event.type);
    expect(types[0]).toBe('ExecutionStarted');
    expect(types).toEqual(expect.arrayContaining(['TaskStateEntered', 'TaskScheduled', 'TaskSubmitted', 'TaskSucceeded', 'ExecutionSucceeded']));
  });

  it('filters the stream as the consumer declares: other entities never reach it', async () => {
    await eventually(async () => ((await records('tick')).length ? true : undefined));
    // The recorder's own items are on the stream too, but the filter lets only widgets through.
    expect((await records('widget.created')).length).toBe(1);
  });

  it('runs scheduled rules with their constant input', async () => {
    const ticks = await eventually(async () => {
      const found = await records('tick');
      return found.length ? found : undefined;
    });
    expect(ticks[0]).toEqual({ kind: 'tick' });
  });

  it('writes binary bodies and multi-value headers as API Gateway does', async () => {
    const response = await fetch(`${runtime.url}/api/v1/ping`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('pong');
    expect(response.headers.get('x-single')).toBe('one');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it('throttles a method at its own limit with 429 problem+json and Retry-After', async () => {
    const statuses: number[] = [];
    let throttled: Response | undefined;
    for (let i = 0; i < 6; i += 1) {
      const response = await fetch(`${runtime.url}/api/v1/ping`);
      statuses.push(response.status);
      if (response.status === 429) throttled = response;
      else await response.arrayBuffer();
    }
    expect(statuses).toContain(429);
    expect(throttled!.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(throttled!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await expect(throttled!.json()).resolves.toMatchObject({ status: 429, title: 'Too Many Requests' });
  });

  it('answers an unknown route, a missing token and a bad token with problem+json', async () => {
    const unknown = await fetch(`${runtime.url}/api/v1/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    const missing = await fetch(`${runtime.url}/api/v1/widgets`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(401);
    const forged = await fetch(`${runtime.url}/api/v1/widgets`, { method: 'POST', body: '{}', headers: { authorization: `Bearer ${token.slice(0, -4)}AAAA` } });
    expect(forged.status).toBe(401);
    await expect(forged.json()).resolves.toMatchObject({ status: 401, instance: '/api/v1/widgets' });
  });

  it("answers CORS preflight as the stack's mock method does: the configured origin, never the asking one", async () => {
    const allowed = await fetch(`${runtime.url}/api/v1/widgets`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    // Another origin gets the configured one back, which its browser refuses.
    const other = await fetch(`${runtime.url}/api/v1/widgets`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect((await fetch(`${runtime.url}/api/v1/nothing`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173' } })).status).toBe(404);
  });
});
