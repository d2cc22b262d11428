/**
 * The API's CORS policy, defined once: the stack's preflight (API Gateway's OPTIONS mock methods), the
 * functions' answers and the local front door all read it from here.
 *
 * With Lambda proxy integrations API Gateway adds no CORS header to a function's answer (AWS docs,
 * "CORS for REST APIs in API Gateway", Lambda or HTTP proxy integrations: the backend is responsible
 * for returning the Access-Control-Allow-* headers), so every function answers them itself
 * (`corsResponseHeaders`, applied by the shared API handler).
 */

/** The stage's allowed origins (`['*']` or explicit `scheme://host[:port]` origins) and whether credentials are allowed. */
export interface CorsPolicy {
  allowOrigins: readonly string[];
  allowCredentials: boolean;
}

/** Request headers a browser client sends besides the CORS-safelisted ones. */
export const CORS_ALLOW_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'If-None-Match', 'X-Correlation-Id'] as const;

/** Response headers the API sends that a browser script may read (the safelisted ones need no listing). */
export const CORS_EXPOSE_HEADERS = ['ETag', 'Location', 'Retry-After', 'X-Correlation-Id'] as const;

/** How long a browser may cache a preflight answer. */
export const CORS_MAX_AGE_SECONDS = 3600;

/** The environment through which functions learn the stage's policy. */
export const CORS_ALLOW_ORIGINS_ENV = 'CORS_ALLOW_ORIGINS';
export const CORS_ALLOW_CREDENTIALS_ENV = 'CORS_ALLOW_CREDENTIALS';

/** What the stage's preflight answers: the stack configures API Gateway with it, the front door answers it. */
export interface CorsPreflight {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  allowCredentials: boolean;
  maxAgeSeconds: number;
}

const ANY_ORIGIN = '*';

function assertSafe(policy: CorsPolicy): void {
  // Browsers refuse it anyway; a configuration that asks for it is a mistake to stop, not to serve.
  if (policy.allowCredentials && policy.allowOrigins.includes(ANY_ORIGIN)) throw new Error('CORS: "*" is never combined with credentials');
}

/** The preflight of an API whose routes use `methods`. */
export function corsPreflight(policy: CorsPolicy, methods: readonly string[]): CorsPreflight {
  assertSafe(policy);
  return {
    allowOrigins: [...policy.allowOrigins],
    allowMethods: [...new Set([...methods, 'OPTIONS'])],
    allowHeaders: [...CORS_ALLOW_HEADERS],
    allowCredentials: policy.allowCredentials,
    maxAgeSeconds: CORS_MAX_AGE_SECONDS,
  };
}

/**
 * The headers of the preflight answer, as the stack's OPTIONS methods give them (aws-cdk-lib's
 * `addCorsPreflight`: a mock integration answering 204). The first allowed origin is the literal
 * default; a request from one of the other allowed origins gets its own origin back. `Vary: Origin`
 * unless every origin is allowed.
 */
export function preflightResponseHeaders(preflight: CorsPreflight, requestOrigin: string | undefined): Record<string, string> {
  const [first, ...others] = preflight.allowOrigins;
  const headers: Record<string, string> = {
    'Access-Control-Allow-Headers': preflight.allowHeaders.join(','),
    'Access-Control-Allow-Origin': requestOrigin !== undefined && others.includes(requestOrigin) ? requestOrigin : first!,
  };
  if (first !== ANY_ORIGIN) headers.Vary = 'Origin';
  headers['Access-Control-Allow-Methods'] = preflight.allowMethods.join(',');
  if (preflight.allowCredentials) headers['Access-Control-Allow-Credentials'] = 'true';
  headers['Access-Control-Max-Age'] = String(preflight.maxAgeSeconds);
  return headers;
}

/**
 * The CORS headers of a function's answer to a request from `origin`: the origin echoed when it is
 * allowed (or `*` when every origin is), never `*` with credentials, and `Vary: Origin` whenever the
 * answer depends on the origin, so that a cache never hands one origin's answer to another.
 */
export function corsResponseHeaders(policy: CorsPolicy, origin: string | undefined): Record<string, string> {
  assertSafe(policy);
  if (policy.allowOrigins.length === 0) return {};
  const exposed = { 'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS.join(', ') };
  if (policy.allowOrigins.includes(ANY_ORIGIN)) return { 'Access-Control-Allow-Origin': ANY_ORIGIN, ...exposed };
  if (origin === undefined || !policy.allowOrigins.includes(origin)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    ...(policy.allowCredentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
    ...exposed,
    Vary: 'Origin',
  };
}

/**
 * The CORS headers of API Gateway's own answers (401, 429…): a gateway response can only carry
 * literal values, so a single allowed origin is named (`*` included) and several get none rather
 * than echoing any origin that asks.
 */
export function gatewayResponseCorsHeaders(policy: CorsPolicy): Record<string, string> {
  assertSafe(policy);
  if (policy.allowOrigins.length !== 1) return {};
  return {
    'Access-Control-Allow-Origin': policy.allowOrigins[0]!,
    ...(policy.allowCredentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
    'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS.join(', '),
  };
}

/** The variables that hand a function the stage's policy. */
export function corsEnvironment(policy: CorsPolicy): Record<string, string> {
  assertSafe(policy);
  return { [CORS_ALLOW_ORIGINS_ENV]: policy.allowOrigins.join(','), [CORS_ALLOW_CREDENTIALS_ENV]: String(policy.allowCredentials) };
}

/** The policy a function was given; none (no origins) when its environment names none. */
export function corsPolicyFromEnvironment(env: NodeJS.ProcessEnv = process.env): CorsPolicy {
  const origins = (env[CORS_ALLOW_ORIGINS_ENV] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return { allowOrigins: origins, allowCredentials: env[CORS_ALLOW_CREDENTIALS_ENV] === 'true' };
}
