import fc from 'fast-check';
import { request } from 'node:http';
import path from 'node:path';
import { appWiring } from '#lib/wiring';
import { problemSchema } from '#contracts/api/problem-schema';
import { createLocalTokenIssuer } from '#local/identity/local-token-issuer';
import { localStageSettings } from '#local/local-stage';
import { publishedRequestValidation } from '#local/route-request-validation';
import { startLocalRuntime, type LocalRuntime } from '#local/runtime';
import { seedThroughApi } from '#local/seed-catalog';

/**
 * The whole front door under hostile HTTP: any method, path, query string, header set and body, with
 * no token, a garbage one or a real one, reaches the gateway, the authorizer, request validation and
 * the handlers of the local runtime. Nothing answers 5xx; every error is a problem document that leaks
 * no stack trace, ARN or table name. (Each context's handlers are also fuzzed directly, against a real
 * table, in test/integration/<context>/no-server-errors.property.test.ts.)
 */

jest.setTimeout(240_000);

const root = path.resolve(__dirname, '../..');
let runtime: LocalRuntime;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  runtime = await startLocalRuntime({
    rootDir: root,
    wiring: appWiring,
    // Throttling lifted: the property is about answers to hostile input, not the stage's limits.
    stage: { ...localStageSettings(), logLevel: 'ERROR', throttle: { rateLimit: 1e6, burstLimit: 1e6 }, methodThrottles: {} },
    port: 0,
    requestValidation: publishedRequestValidation(),
    stepFunctionsDelayScale: 0.01,
  });
  tokens.customer = await runtime.issuer.issue({ sub: 'fuzz-customer' });
  tokens.admin = await runtime.issuer.issue({ sub: 'fuzz-admin', groups: ['admin'] });
  // Well-formed, right issuer and audience, signed with a key the runtime does not trust.
  tokens.foreign = await (await createLocalTokenIssuer(localStageSettings().tokenIssuer)).issue({ sub: 'fuzz-customer', groups: ['admin'] });
  await seedThroughApi(runtime.url, tokens.admin);
}, 90_000);

afterAll(async () => {
  await runtime?.stop();
});

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/** node:http, not fetch: the path goes on the wire as generated (no normalisation of `..` or `%`). */
function send(method: string, rawPath: string, headers: Record<string, string>, body: Buffer | undefined): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${runtime.url}${rawPath}`, { method, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('..', '%', '%00', '%2F', '__proto__', 'constructor', 'toString', "' OR 1=1 --", '<script>', '${jndi:x}', 'a'.repeat(300)),
);
/** A path segment as it may arrive on the wire: percent-encoded text, or raw odd bytes that are legal in a URL. */
const segment = fc.oneof(
  hostileText.map(encodeURIComponent),
  fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@%-]{0,30}$/),
  fc.constantFrom('SKU-1', 'ORDER', ''),
);
/** Mostly a route of the table (its method, hostile parameters), sometimes any method on any path. */
const methodAndPathOf = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...appWiring.routes), segment)
      .map(([route, value]) => ({ method: route.method, path: route.path.replace(/\{[^}]+\}/g, value) })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
      path: fc.oneof(
        fc.array(segment, { maxLength: 5 }).map((segments) => `/${segments.join('/')}`),
        fc.array(segment, { maxLength: 3 }).map((segments) => `/api/v1/${segments.join('/')}`),
      ),
    }),
  },
);
const queryOf = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom('limit', 'cursor', 'status', 'customerId'), hostileText), fc.oneof(hostileText, fc.integer().map(String))), {
    maxLength: 4,
  })
  .map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs).toString()}` : ''));
/** Header names must be HTTP tokens for node to send them; values printable. Prototype names included on purpose. */
const headerName = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,24}$/),
  fc.constantFrom(
    'toString',
    '__proto__',
    'constructor',
    'hasOwnProperty',
    'Idempotency-Key',
    'X-Correlation-Id',
    'Content-Type',
    'Origin',
    'Stripe-Signature',
    'If-Match',
    'If-None-Match',
  ),
);
const headerValue = fc.oneof(fc.stringMatching(/^[\x20-\x7e]{0,200}$/), fc.constantFrom('application/json', 'text/plain', 'application/problem+json', 'k-1'));
const authorizationOf = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('customer', 'admin') },
  { weight: 1, arbitrary: fc.constantFrom<string | undefined>(undefined, 'foreign', 'Bearer garbage', 'Basic Zm9vOmJhcg==', 'Bearer ') },
);
const bodyOf = fc.oneof(
  fc.constant(undefined),
  fc.json().map((json) => Buffer.from(json)),
  fc
    .jsonValue()
    .map((value) => Buffer.from(JSON.stringify({ items: [{ sku: 'SKU-1', quantity: 1 }], payment: { method: 'card', token: 'tok_visa' }, extra: value }))),
  fc.string({ unit: 'binary', maxLength: 200 }).map((text) => Buffer.from(text)),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
);

const LEAKS = [/\n\s+at /, /arn:aws/i, /ordersaga-local/, /Exception/];

it('answers every hostile request without a 5xx, with problem+json errors that leak nothing', async () => {
  await fc.assert(
    fc.asyncProperty(
      methodAndPathOf,
      queryOf,
      fc.dictionary(headerName, headerValue, { maxKeys: 5 }),
      authorizationOf,
      bodyOf,
      async ({ method, path: rawPath }, query, headers, authorization, body) => {
        const sent = { ...headers };
        if (authorization) sent.authorization = tokens[authorization] ? `Bearer ${tokens[authorization]}` : authorization;
        const answer = await send(method, `${rawPath}${query}`, sent, method === 'GET' || method === 'HEAD' ? undefined : body);
        const request = `${method} ${rawPath}${query}`;
        if (answer.status >= 500) throw new Error(`${request} answered ${answer.status}: ${answer.body}`);
        for (const leak of LEAKS) if (leak.test(answer.body)) throw new Error(`${request} leaked ${leak} in: ${answer.body}`);
        if (answer.status >= 400 && method !== 'HEAD') {
          expect(answer.contentType).toBe('application/problem+json');
          expect(problemSchema.safeParse(JSON.parse(answer.body)).success).toBe(true);
        }
      },
    ),
    { numRuns: 600 },
  );
});

it('reads a path that starts with // as a path, not as a host (found by the property above)', async () => {
  for (const rawPath of ['//', '//api/v1/health', '//evil.example/api/v1/orders']) {
    const answer = await send('GET', rawPath, {}, undefined);
    expect(answer.status).toBe(404);
    expect(answer.contentType).toBe('application/problem+json');
  }
});
