import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalServiceError } from './service-error';

/**
 * The local runtime's one AWS endpoint: every emulated service behind one URL, told apart by the
 * protocol each AWS API speaks, as LocalStack's edge port does, and accepting any region and
 * credentials (requests are not signature-checked):
 *
 * - JSON protocol (`X-Amz-Target: <prefix>.<Action>`): Step Functions, EventBridge; DynamoDB and
 *   DynamoDB Streams are forwarded as they are to DynamoDB Local.
 * - REST-JSON (the method and path name the operation): SES API v2 (`POST /v2/email/outbound-emails`).
 * - Query protocol (a form-encoded `Action=…` POST, XML answers): SNS.
 *
 * The protocols as AWS documents them for its SDKs ("AWS service protocols", Smithy: awsJson1_0/1_1,
 * restJson1, awsQuery: https://smithy.io/2.0/aws/protocols/index.html). The SDK clients and the AWS
 * CLI pointed at it (AWS_ENDPOINT_URL, --endpoint-url) work unchanged.
 */

/** An action of a local service: the AWS API's JSON request in, its JSON response out. */
export type ServiceAction = (input: Record<string, unknown>) => unknown;

export interface JsonProtocolService {
  /** The `X-Amz-Target` prefix, e.g. `AWSStepFunctions` or `AWSEvents`. */
  targetPrefix: string;
  /** `application/x-amz-json-1.0` or `-1.1`, as the service speaks it. */
  contentType: string;
  /** PascalCase action name (as in the target header) → implementation. */
  actions: Record<string, ServiceAction>;
}

/** Requests of these `X-Amz-Target` prefixes are passed to another endpoint unchanged (DynamoDB to DynamoDB Local). */
export interface ForwardedService {
  targetPrefixes: string[];
  endpoint: () => string;
}

/** One REST-JSON operation: its method and path (groups are the path's labels), the request's JSON body in, the response's out. */
export interface RestJsonOperation {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: RegExp;
  action(request: { labels: string[]; body: Record<string, unknown>; query: URLSearchParams }): unknown;
}

/** A Query-protocol service: its actions take the form's parameters and give the `<Action>Result` members. */
export interface QueryProtocolService {
  /** The signing name in the credential scope (`sns`). */
  signingName: string;
  xmlNamespace: string;
  actions: Record<string, (parameters: Record<string, string>) => Record<string, string>>;
}

export interface AwsApiServerOptions {
  forward?: ForwardedService[];
  restJson?: RestJsonOperation[];
  query?: QueryProtocolService[];
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    throw new LocalServiceError('SerializationException', 'the request body is not JSON');
  }
}

const requestId = (): string => globalThis.crypto.randomUUID();

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export class AwsApiServer {
  private readonly server: Server;
  private readonly services = new Map<string, JsonProtocolService>();

  constructor(
    services: JsonProtocolService[],
    private readonly options: AwsApiServerOptions = {},
  ) {
    for (const service of services) this.services.set(service.targetPrefix, service);
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        process.stderr.write(`local AWS API: ${(error as Error).stack ?? String(error)}\n`);
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ __type: 'InternalFailure', message: (error as Error).message }));
      });
    });
    this.server.keepAliveTimeout = 5000;
  }

  /** Listens on 127.0.0.1: `port` 0 picks a free one. Resolves to the endpoint URL. */
  listen(port = 0): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        const address = this.server.address() as AddressInfo;
        resolve(`http://127.0.0.1:${address.port}`);
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
    const target = String(request.headers['x-amz-target'] ?? '');
    if (target) {
      const [prefix = ''] = target.split('.');
      const forwarded = this.options.forward?.find((service) => service.targetPrefixes.includes(prefix));
      if (forwarded) return forward(request, response, forwarded.endpoint());
      return this.handleJson(request, response, target);
    }
    const contentType = String(request.headers['content-type'] ?? '');
    if (request.method === 'POST' && contentType.startsWith('application/x-www-form-urlencoded')) return this.handleQuery(request, response);
    return this.handleRestJson(request, response);
  }

  private async handleJson(request: IncomingMessage, response: ServerResponse, target: string): Promise<void> {
    const [prefix = '', action = ''] = target.split('.');
    const service = this.services.get(prefix);
    const contentType = service?.contentType ?? 'application/x-amz-json-1.1';
    const reply = (status: number, body: unknown) => {
      const payload = JSON.stringify(body ?? {});
      response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(payload), 'x-amzn-requestid': requestId() });
      response.end(payload);
    };
    try {
      const input = parseJson(await readBody(request));
      const implementation = service?.actions[action];
      if (!implementation) throw new LocalServiceError('UnknownOperationException', `the local runtime does not implement ${target}`);
      reply(200, await implementation(input));
    } catch (error) {
      if (error instanceof LocalServiceError) return reply(error.httpStatus, { __type: error.code, message: error.message });
      process.stderr.write(`local AWS API ${target}: ${(error as Error).stack ?? String(error)}\n`);
      reply(500, { __type: 'InternalFailure', message: (error as Error).message });
    }
  }

  private async handleRestJson(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (status: number, body: unknown, errorType?: string) => {
      const payload = JSON.stringify(body ?? {});
      response.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        'x-amzn-requestid': requestId(),
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      response.end(payload);
    };
    try {
      const operation = this.options.restJson?.find((candidate) => candidate.method === request.method && candidate.path.test(url.pathname));
      if (!operation) {
        throw new LocalServiceError('UnknownOperationException', `the local runtime's AWS endpoint has no operation ${request.method} ${url.pathname}`, 404);
      }
      const labels = (operation.path.exec(url.pathname) ?? []).slice(1).map((label) => decodeURIComponent(label));
      const body = parseJson(await readBody(request));
      reply(200, await operation.action({ labels, body, query: url.searchParams }));
    } catch (error) {
      if (error instanceof LocalServiceError) return reply(error.httpStatus, { __type: error.code, message: error.message }, error.code);
      process.stderr.write(`local AWS API ${request.method} ${url.pathname}: ${(error as Error).stack ?? String(error)}\n`);
      reply(500, { message: (error as Error).message }, 'InternalFailure');
    }
  }

  private async handleQuery(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const parameters = Object.fromEntries(new URLSearchParams(await readBody(request)));
    const action = parameters.Action ?? '';
    // The credential scope names the service (`…/us-east-1/sns/aws4_request`); else the action does.
    const signingName = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(String(request.headers.authorization ?? ''))?.[1];
    const service =
      this.options.query?.find((candidate) => candidate.signingName === signingName) ?? this.options.query?.find((candidate) => action in candidate.actions);
    const namespace = service?.xmlNamespace ?? 'https://local.amazonaws.com/doc/';
    const id = requestId();
    const reply = (status: number, xml: string) => {
      response.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml), 'x-amzn-requestid': id });
      response.end(xml);
    };
    try {
      const implementation = service?.actions[action];
      if (!implementation) throw new LocalServiceError('InvalidAction', `the local runtime does not implement ${action || 'this action'}`);
      const result = implementation(parameters);
      const members = Object.entries(result)
        .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
        .join('');
      reply(
        200,
        `<${action}Response xmlns="${namespace}"><${action}Result>${members}</${action}Result><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></${action}Response>`,
      );
    } catch (error) {
      const known = error instanceof LocalServiceError;
      if (!known) process.stderr.write(`local AWS API ${action}: ${(error as Error).stack ?? String(error)}\n`);
      const code = known ? error.code : 'InternalFailure';
      const status = known ? error.httpStatus : 500;
      reply(
        status,
        `<ErrorResponse xmlns="${namespace}"><Error><Type>${status < 500 ? 'Sender' : 'Receiver'}</Type><Code>${code}</Code><Message>${escapeXml((error as Error).message)}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
      );
    }
  }
}

/** The request as it came (method, path, headers, body) to `endpoint`, and its answer back as it comes. */
function forward(request: IncomingMessage, response: ServerResponse, endpoint: string): Promise<void> {
  const target = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { hostname: target.hostname, port: target.port, method: request.method, path: request.url, headers: { ...request.headers, host: target.host } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
        answer.on('end', () => resolve());
        answer.on('error', reject);
      },
    );
    outgoing.on('error', (error) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ __type: 'ServiceUnavailable', message: `DynamoDB did not answer: ${error.message}` }));
      resolve();
    });
    request.pipe(outgoing);
  });
}
