/** One API request as the front door answered it (GET /_local/orders/{id}/requests). */
export interface ApiRequestRecord {
  at: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestId: string;
  correlationId?: string;
  /** The orders the request concerned: ids in its path, and `id`/`orderId` in a JSON answer (POST /orders). */
  orderIds: string[];
}

/** What the front door reports of each answered API request. */
export interface AnsweredRequest {
  at: Date;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestId: string;
  correlationId?: string;
  /** The answer's body when it is JSON text; it names the order a POST /orders created. */
  body?: string;
}

/** Order ids are ULIDs: 26 Crockford base32 characters. */
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function orderIdsOf(request: AnsweredRequest): string[] {
  const ids = new Set(request.path.split('/').filter((segment) => ULID.test(segment)));
  if (request.body?.startsWith('{')) {
    try {
      const answer = JSON.parse(request.body) as Record<string, unknown>;
      for (const key of ['id', 'orderId'] as const) if (typeof answer[key] === 'string' && ULID.test(answer[key])) ids.add(answer[key]);
    } catch {
      // Not JSON after all: the path's ids are all there is.
    }
  }
  return [...ids];
}

/**
 * The API requests the front door answered, newest kept: what the console shows of an order's
 * requests. Bounded, as a developer's session is long and the runtime never restarts for it.
 */
export class RequestLog {
  private readonly records: ApiRequestRecord[] = [];

  constructor(private readonly capacity = 5000) {}

  record(request: AnsweredRequest): void {
    const { body: _body, at, ...rest } = request;
    this.records.push({ ...rest, at: at.toISOString(), orderIds: orderIdsOf(request) });
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
  }

  /** The requests that concerned an order, oldest first. */
  forOrder(orderId: string): ApiRequestRecord[] {
    return this.records.filter((record) => record.orderIds.includes(orderId));
  }
}
