// Where this emulation still differs from AWS, and why that is safe: docs/local-runtime-fidelity.md#dynamodb.
import { createServer, request as httpRequest, Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tableDesign } from '#contracts/table-design';
import { conflictKindOf, itemsOfRequest, TransactedItems, transactionCanceledAnswer, transactionConflictAnswer } from './transaction-conflicts';

/**
 * An HTTP proxy in front of DynamoDB (Local) for the local runtime's functions and state-machine tasks.
 * It meters what AWS would bill — calls per operation and consumed capacity, by adding
 * `ReturnConsumedCapacity: TOTAL` to every request that takes it — and can answer a share of calls
 * with `ProvisionedThroughputExceededException`, as a throttled table does, so fault tests see the
 * SDK's retries and the code's error paths. It can also answer a share of transactions, and of the
 * single-item writes to items a transaction has written, with the transaction conflicts DynamoDB
 * Local never produces (transaction-conflicts.ts), before anything is written. Written here because no emulator offers both on the
 * JSON protocol the SDK speaks; DynamoDB Local ignores request signatures, so rewriting a body is safe.
 */

export interface DynamoDbTrafficSnapshot {
  /** Calls per operation (`PutItem`, `TransactWriteItems`, …), throttled ones included. */
  calls: Record<string, number>;
  totalCalls: number;
  /** Calls answered with an injected throttling error. */
  throttled: number;
  /** Calls answered with an injected transaction conflict (TransactionCanceledException or TransactionConflictException). */
  conflicts: number;
  /** Read and write capacity units the answered calls consumed (on-demand: request units). */
  consumedReadUnits: number;
  consumedWriteUnits: number;
}

export interface DynamoDbTrafficProxyOptions {
  /** DynamoDB's endpoint, e.g. http://127.0.0.1:8000. */
  target: string;
  /** Share of calls (0..1) answered with a throttling error. Default 0. */
  throttleRate?: number;
  /**
   * Share (0..1) of transactions, and of single-item writes to items a transaction has written, answered
   * with a transaction conflict. Default 0.
   */
  conflictRate?: number;
  /** The table's key attributes, to tell which item a write addresses. Default: the app's table design. */
  keyAttributes?: readonly string[];
  /** For reproducible fault runs. Default Math.random. */
  random?: () => number;
}

/** The operations whose requests accept ReturnConsumedCapacity. */
const METERED_OPERATIONS = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);

/** `DynamoDB_20120810.PutItem` → `PutItem`. */
export function operationOf(targetHeader: string | undefined): string {
  return targetHeader?.split('.').pop() || 'Unknown';
}

/** The request body to forward: asks for the consumed capacity unless the caller already chose. */
export function withConsumedCapacity(operation: string, body: string): string {
  if (!METERED_OPERATIONS.has(operation)) return body;
  try {
    const input = JSON.parse(body) as Record<string, unknown>;
    if (input.ReturnConsumedCapacity && input.ReturnConsumedCapacity !== 'NONE') return body;
    return JSON.stringify({ ...input, ReturnConsumedCapacity: 'TOTAL' });
  } catch {
    return body; // let DynamoDB answer the malformed request as it would
  }
}

interface ConsumedCapacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/**
 * Read and write units of one answer. DynamoDB Local reports only `CapacityUnits` for most calls; which
 * kind they are follows from the operation (the reads: Get, Query, Scan, BatchGet, TransactGet).
 */
export function consumedUnits(operation: string, responseBody: string): { read: number; write: number } {
  let consumed: ConsumedCapacity | ConsumedCapacity[] | undefined;
  try {
    consumed = (JSON.parse(responseBody) as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
  } catch {
    return { read: 0, write: 0 };
  }
  const isRead = /^(GetItem|Query|Scan|BatchGetItem|TransactGetItems)$/.test(operation);
  let read = 0;
  let write = 0;
  for (const entry of [consumed ?? []].flat()) {
    if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined) {
      read += entry.ReadCapacityUnits ?? 0;
      write += entry.WriteCapacityUnits ?? 0;
    } else if (isRead) read += entry.CapacityUnits ?? 0;
    else write += entry.CapacityUnits ?? 0;
  }
  return { read, write };
}

/**
 * Watches the calls DynamoDB answers (the bench's documented-unit meter): called before a call is
 * forwarded, it may return what to call with DynamoDB's answer; the proxy waits for both, so an observer
 * can read the item before and after a write. Throttled and conflict answers the proxy makes up are not observed.
 */
export type DynamoDbCallObserver = (call: {
  operation: string;
  requestBody: string;
}) => Promise<((answer: { status: number; body: string }) => Promise<void>) | undefined>;

const THROTTLED_ANSWER = JSON.stringify({
  __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
  message: 'The level of configured provisioned throughput for the table was exceeded (injected by the local runtime).',
});

export class DynamoDbTrafficProxy {
  /** Share of calls answered with a throttling error; may be changed while running. */
  throttleRate: number;
  /** Share of the calls that could meet a transaction answered with a conflict; may be changed while running. */
  conflictRate: number;
  /** Set while something watches the answered calls; unset, the proxy waits for nothing. */
  observer?: DynamoDbCallObserver;
  private readonly random: () => number;
  private readonly keyAttributes: readonly string[];
  private readonly transacted = new TransactedItems();
  private readonly target: URL;
  private readonly agent = new Agent({ keepAlive: true });
  private counts = emptySnapshot();

  private constructor(
    private readonly server: Server,
    options: DynamoDbTrafficProxyOptions,
    readonly endpoint = '',
  ) {
    this.throttleRate = options.throttleRate ?? 0;
    this.conflictRate = options.conflictRate ?? 0;
    this.keyAttributes = options.keyAttributes ?? [tableDesign.partitionKey, tableDesign.sortKey];
    this.random = options.random ?? Math.random;
    this.target = new URL(options.target);
  }

  static async start(options: DynamoDbTrafficProxyOptions): Promise<DynamoDbTrafficProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const proxy = new DynamoDbTrafficProxy(server, options, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => void proxy.handle(req, res));
    return proxy;
  }

  snapshot(): DynamoDbTrafficSnapshot {
    return { ...this.counts, calls: { ...this.counts.calls } };
  }

  reset(): void {
    this.counts = emptySnapshot();
  }

  async close(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * The conflict answer for this request, when one is injected: a transaction at `conflictRate`, with
   * one of its actions (at random) in conflict; a single-item write at `conflictRate` when a
   * transaction has written its item. A transaction's items count as transacted whether or not it is
   * answered with a conflict.
   */
  private injectedConflict(operation: string, body: string): string | undefined {
    const kind = conflictKindOf(operation);
    if (!kind || (this.conflictRate <= 0 && kind === 'single-item-write')) return undefined;
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return undefined; // DynamoDB answers a malformed request
    }
    const items = itemsOfRequest(operation, input, this.keyAttributes);
    if (kind === 'transaction') {
      if (operation === 'TransactWriteItems') for (const item of items) if (item) this.transacted.add(item);
      if (items.length === 0 || !(this.conflictRate > 0 && this.random() < this.conflictRate)) return undefined;
      return transactionCanceledAnswer(items.length, Math.floor(this.random() * items.length));
    }
    const item = items[0];
    if (!item || !this.transacted.has(item) || !(this.random() < this.conflictRate)) return undefined;
    return transactionConflictAnswer();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const operation = operationOf(req.headers['x-amz-target'] as string | undefined);
    this.counts.calls[operation] = (this.counts.calls[operation] ?? 0) + 1;
    this.counts.totalCalls += 1;
    if (this.throttleRate > 0 && this.random() < this.throttleRate) {
      this.counts.throttled += 1;
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `throttled-${this.counts.totalCalls}` });
      res.end(THROTTLED_ANSWER);
      return;
    }
    const requestBody = Buffer.concat(chunks).toString('utf8');
    const conflict = this.injectedConflict(operation, requestBody);
    if (conflict) {
      this.counts.conflicts += 1;
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `conflict-${this.counts.totalCalls}` });
      res.end(conflict);
      return;
    }
    const observed = this.observer ? await this.observer({ operation, requestBody }).catch(() => undefined) : undefined;
    const body = withConsumedCapacity(operation, requestBody);
    const headers = { ...req.headers, host: this.target.host, 'content-length': String(Buffer.byteLength(body)) };
    const upstream = httpRequest(
      { host: this.target.hostname, port: this.target.port, path: req.url, method: req.method, headers, agent: this.agent },
      (answer) => {
        const answerChunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
        answer.on('end', () => {
          const answerBody = Buffer.concat(answerChunks);
          const units = consumedUnits(operation, answerBody.toString('utf8'));
          this.counts.consumedReadUnits += units.read;
          this.counts.consumedWriteUnits += units.write;
          // The body was read whole: its length is known, whatever encoding the upstream chose.
          const { 'transfer-encoding': _chunked, ...answerHeaders } = answer.headers;
          const reply = () => {
            res.writeHead(answer.statusCode ?? 502, { ...answerHeaders, 'content-length': String(answerBody.length) });
            res.end(answerBody);
          };
          if (!observed) return reply();
          observed({ status: answer.statusCode ?? 502, body: answerBody.toString('utf8') })
            .catch(() => undefined)
            .finally(reply);
        });
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`DynamoDB behind the local proxy did not answer: ${error.message}`);
    });
    upstream.end(body);
  }
}

function emptySnapshot(): DynamoDbTrafficSnapshot {
  return { calls: {}, totalCalls: 0, throttled: 0, conflicts: 0, consumedReadUnits: 0, consumedWriteUnits: 0 };
}
