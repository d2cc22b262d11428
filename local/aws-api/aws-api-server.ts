import { createServer, type IncomingMessage, type Server } from 'node:http';
import { LocalServiceError } from './service-error';

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

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {});
      } catch {
        reject(new LocalServiceError('SerializationException', 'the request body is not JSON'));
      }
    });
    request.on('error', reject);
  });
}

/**
 * A loopback endpoint that speaks AWS's JSON protocol for the in-process services (Step Functions,
 * EventBridge), so handler code keeps using the normal SDK clients: the local runtime points
 * `AWS_ENDPOINT_URL_SFN` / `AWS_ENDPOINT_URL_EVENTBRIDGE` at it.
 */
export class AwsApiServer {
  private readonly server: Server;
  private readonly services = new Map<string, JsonProtocolService>();

  constructor(services: JsonProtocolService[]) {
    for (const service of services) this.services.set(service.targetPrefix, service);
    this.server = createServer((request, response) => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const [prefix = '', action = ''] = target.split('.');
      const service = this.services.get(prefix);
      const contentType = service?.contentType ?? 'application/x-amz-json-1.1';
      const reply = (status: number, body: unknown) => {
        const payload = JSON.stringify(body ?? {});
        response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(payload), 'x-amzn-requestid': cryptoId() });
        response.end(payload);
      };
      readJson(request)
        .then(async (input) => {
          const implementation = service?.actions[action];
          if (!implementation) throw new LocalServiceError('UnknownOperationException', `the local runtime does not implement ${target || 'this operation'}`);
          reply(200, await implementation(input));
        })
        .catch((error: unknown) => {
          if (error instanceof LocalServiceError) return reply(error.httpStatus, { __type: error.code, message: error.message });
          process.stderr.write(`local AWS API ${target}: ${(error as Error).stack ?? String(error)}\n`);
          reply(500, { __type: 'InternalFailure', message: (error as Error).message });
        });
    });
    this.server.keepAliveTimeout = 5000;
  }

  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        const address = this.server.address();
        resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

function cryptoId(): string {
  return globalThis.crypto.randomUUID();
}
