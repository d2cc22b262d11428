// Where this emulation still differs from AWS, and why that is safe: docs/local-runtime-fidelity.md#api-gateway.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { corsPreflight, gatewayResponseCorsHeaders, preflightResponseHeaders, type CorsPolicy, type CorsPreflight } from '#contracts/cors';
import type { AuthorizerSpec, RouteSpec, ThrottleSpec } from '#contracts/wiring';
import type { AnsweredRequest } from '../console/request-log';
import type { FunctionInvoker } from '../lambda/function-invoker';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../local-identity';
import { AuthorizerGate } from './authorizer-gate';
import type { GatewayRequestValidator } from './gateway-request-validator';
import { writeGatewayProblem } from './gateway-response';
import { buildProxyEvent, LOCAL_API_ID, type ProxyRequest } from './proxy-event';
import { isProxyResult, writeProxyResult } from './proxy-response';
import { RouteMatcher } from './route-matcher';
import { StageThrottle } from './throttle';

/** API Gateway's payload limit for REST APIs. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface ApiGatewayServerOptions {
  routes: RouteSpec[];
  authorizer: AuthorizerSpec;
  invoker: FunctionInvoker;
  stage: string;
  throttle: ThrottleSpec;
  methodThrottles: Record<string, ThrottleSpec>;
  /** The stage's CORS policy: the preflight answers it; the functions add the CORS headers of real answers. */
  cors: CorsPolicy;
  /** Paths outside the API (`/_local/*`, `/docs`): answered when it returns true. */
  extraRoutes?: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;
  /** The request validator of the stage (required parameters, body models); none: no validation. */
  requestValidator?: GatewayRequestValidator;
  /** API Gateway's integration timeout. */
  integrationTimeoutMs?: number;
  /** Told of every API request once answered (the console's request log); not of `extraRoutes`. */
  onAnswered?: (answer: AnsweredRequest) => void;
}

function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function headerPairs(request: IncomingMessage): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) pairs.push([request.rawHeaders[i]!, request.rawHeaders[i + 1]!]);
  return pairs;
}

/**
 * The local API Gateway (REST, v1 proxy integrations): routes from the route table, the REQUEST
 * authorizer with its cache, stage and method throttling, CORS preflight, payload limit, integration
 * timeout, and problem+json gateway responses — then the handler's result written back as is, with
 * no CORS header added. AWS docs, "Enabling CORS for a REST API resource" (now "CORS for REST APIs in
 * API Gateway"), on Lambda or HTTP proxy integrations: "your backend is responsible for returning the
 * Access-Control-Allow-Origin, Access-Control-Allow-Methods, and Access-Control-Allow-Headers headers,
 * because a proxy integration doesn't return an integration response" (the functions do:
 * contracts/cors.ts).
 */
export class ApiGatewayServer {
  private readonly server: Server;
  private readonly matcher: RouteMatcher;
  private readonly gate: AuthorizerGate;
  private readonly throttle: StageThrottle;
  private readonly preflightSettings: CorsPreflight;
  /** What the stack's gateway responses carry: a single allowed origin, as a literal. */
  private readonly gatewayCorsHeaders: Record<string, string>;

  constructor(private readonly options: ApiGatewayServerOptions) {
    this.matcher = new RouteMatcher(options.routes);
    this.preflightSettings = corsPreflight(
      options.cors,
      options.routes.map((route) => route.method),
    );
    this.gatewayCorsHeaders = gatewayResponseCorsHeaders(options.cors);
    this.gate = new AuthorizerGate(options.authorizer, options.invoker);
    this.throttle = new StageThrottle(options.throttle, options.methodThrottles);
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: Error) => {
        process.stderr.write(`front door: ${error.stack ?? error.message}\n`);
        if (!response.headersSent)
          writeGatewayProblem(response, 'DEFAULT_5XX', { path: request.url ?? '/', requestId: randomUUID(), status: 500, headers: this.gatewayCorsHeaders });
        else response.destroy();
      });
    });
    // Keep-alive sockets must not hold `close()` open.
    this.server.keepAliveTimeout = 5000;
  }

  listen(port: number, host = '127.0.0.1'): Promise<{ port: number; url: string }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        const actualPort = typeof address === 'object' && address ? address.port : port;
        resolve({ port: actualPort, url: `http://${host}:${actualPort}` });
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Not `new URL(path, base)`: a path starting `//` would be read as a host ("//x" → http://x/).
    const target = request.url ?? '/';
    const url = new URL(`http://localhost${target.startsWith('/') ? '' : '/'}${target}`);
    if (this.options.extraRoutes && (await this.options.extraRoutes(request, response, url))) return;

    const requestId = randomUUID();
    const requestTime = new Date();
    const path = url.pathname;
    const method = request.method ?? 'GET';
    const problemContext = { path, requestId, headers: this.gatewayCorsHeaders };
    let answerBody: string | undefined;
    const { onAnswered } = this.options;
    if (onAnswered) {
      const startedAt = performance.now();
      response.once('finish', () => {
        const correlationId = response.getHeader('x-correlation-id');
        onAnswered({
          at: requestTime,
          method,
          path,
          status: response.statusCode,
          durationMs: performance.now() - startedAt,
          requestId,
          correlationId: typeof correlationId === 'string' ? correlationId : undefined,
          body: answerBody,
        });
      });
    }

    if (method === 'OPTIONS') {
      // The stack gives every resource of the route tree a preflight method, and nothing else one.
      if (!this.matcher.resourceExists(path)) return writeGatewayProblem(response, 'MISSING_AUTHENTICATION_TOKEN', problemContext);
      return this.preflight(request, response, requestId);
    }

    const match = this.matcher.match(method, path);
    if (match.kind !== 'matched') return writeGatewayProblem(response, 'MISSING_AUTHENTICATION_TOKEN', problemContext);

    const body = await readBody(request);
    if (body === 'too-large') return writeGatewayProblem(response, 'REQUEST_TOO_LARGE', problemContext);

    const limit = this.throttle.take(`${method} ${match.route.path}`);
    if (!limit.allowed) {
      return writeGatewayProblem(response, 'THROTTLED', {
        ...problemContext,
        headers: { ...problemContext.headers, 'Retry-After': String(limit.retryAfterSeconds) },
      });
    }

    const rawHeaders = headerPairs(request);

    const proxyRequest: ProxyRequest = {
      method,
      path,
      rawQuery: url.search.slice(1),
      rawHeaders,
      body,
      sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
    };
    const context = { resource: match.route.path, pathParameters: match.pathParameters, stage: this.options.stage, requestId, requestTime };
    const event = buildProxyEvent(proxyRequest, context);

    if (match.route.auth !== 'none') {
      // As API Gateway builds it: the request's own path, not the resource template.
      const methodArn = `arn:aws:execute-api:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${LOCAL_API_ID}/${this.options.stage}/${method}${path}`;
      const authorizerEvent: APIGatewayRequestAuthorizerEvent = {
        type: 'REQUEST',
        methodArn,
        resource: event.resource,
        path: event.path,
        httpMethod: event.httpMethod,
        headers: event.headers as Record<string, string>,
        multiValueHeaders: event.multiValueHeaders as Record<string, string[]>,
        pathParameters: event.pathParameters,
        queryStringParameters: event.queryStringParameters,
        multiValueQueryStringParameters: event.multiValueQueryStringParameters,
        stageVariables: null,
        requestContext: { ...event.requestContext, authorizer: undefined } as unknown as APIGatewayRequestAuthorizerEvent['requestContext'],
      };
      const decision = await this.gate.authorize(authorizerEvent);
      if (decision.kind === 'unauthorized') return writeGatewayProblem(response, 'UNAUTHORIZED', problemContext);
      if (decision.kind === 'denied') return writeGatewayProblem(response, 'ACCESS_DENIED', problemContext);
      if (decision.kind === 'failed') return writeGatewayProblem(response, 'AUTHORIZER_FAILURE', problemContext);
      event.requestContext.authorizer = decision.context;
    }

    // After the authorizer, as API Gateway orders them: an anonymous caller learns nothing of the schema.
    const validation = this.options.requestValidator?.check(`${method} ${match.route.path}`, { rawHeaders, query: url.searchParams, body }) ?? 'valid';
    if (validation !== 'valid') return writeGatewayProblem(response, validation, problemContext);

    let outcome: Awaited<ReturnType<typeof this.invokeWithTimeout>>;
    try {
      outcome = await this.invokeWithTimeout(match.route.functionId, event);
    } catch (error) {
      // Lambda refused the invocation (throttled: TooManyRequestsException; a request over its 6 MB
      // limit): the function never ran, and API Gateway answers the integration's failure. AWS docs,
      // "Handle Lambda errors in API Gateway" (https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html).
      process.stderr.write(`front door: ${match.route.functionId} was not invoked: ${(error as Error).name}: ${(error as Error).message}\n`);
      return writeGatewayProblem(response, 'INTEGRATION_FAILURE', problemContext);
    }
    if (outcome === 'timeout') return writeGatewayProblem(response, 'INTEGRATION_TIMEOUT', problemContext);
    if (!outcome.ok || !isProxyResult(outcome.payload)) {
      if (!outcome.ok) process.stderr.write(`front door: ${match.route.functionId} failed: ${outcome.error.errorType}: ${outcome.error.errorMessage}\n`);
      return writeGatewayProblem(response, 'INTEGRATION_FAILURE', problemContext);
    }
    if (onAnswered && typeof outcome.payload.body === 'string') answerBody = outcome.payload.body;
    writeProxyResult(response, outcome.payload, { 'x-amzn-requestid': requestId });
  }

  private async invokeWithTimeout(functionId: string, event: unknown) {
    const timeoutMs = this.options.integrationTimeoutMs ?? 29_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      return await Promise.race([this.options.invoker.invoke(functionId, event), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The preflight answer the stack configures (a mock integration on every resource, no authorizer):
   * 204 with the same headers whatever the request, except that one of the other allowed origins is
   * echoed instead of the first (contracts/cors.ts).
   */
  private preflight(request: IncomingMessage, response: ServerResponse, requestId: string): void {
    const origin = typeof request.headers.origin === 'string' ? request.headers.origin : undefined;
    response.writeHead(204, { ...preflightResponseHeaders(this.preflightSettings, origin), 'x-amzn-requestid': requestId });
    response.end();
  }
}
