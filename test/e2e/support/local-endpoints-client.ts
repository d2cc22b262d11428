import type { CarriedEvent, EventObserver } from './carried-event';

/** One saga execution as GET /_local/executions/{orderId} shows it. */
export interface SagaExecution {
  name: string;
  stateMachine: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  history: ({ type: string } & Record<string, unknown>)[];
}

/** One e-mail as GET /_local/mail lists it. */
export interface SentMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

/** One text message as GET /_local/sms lists it. */
export interface SentText {
  messageId: string;
  to: string;
  body: string;
  sentAt: string;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * The local runtime's own endpoints (README, the local runtime), used over HTTP only: tokens from its issuer, the
 * events its bus carried, the saga executions it ran.
 */
export class LocalEndpointsClient {
  constructor(private readonly baseUrl: string) {}

  /** True when `baseUrl` is a local runtime (it answers /_local/events), false for a deployed stack. */
  static async isLocalRuntime(baseUrl: string): Promise<boolean> {
    try {
      const response = await fetch(`${baseUrl}/_local/events?detail-type=e2e.probe`);
      return response.ok && Array.isArray(await response.json());
    } catch {
      return false;
    }
  }

  async token(sub: string, groups: string[] = []): Promise<string> {
    const response = await fetch(`${this.baseUrl}/_local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub, groups }),
    });
    if (!response.ok) throw new Error(`POST /_local/token answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  }

  events(): Promise<CarriedEvent[]> {
    return getJson(`${this.baseUrl}/_local/events`);
  }

  /** The executions of an order's sagas, oldest first; none yet is an empty list (the endpoint answers 404). */
  async executions(orderId: string): Promise<SagaExecution[]> {
    const response = await fetch(`${this.baseUrl}/_local/executions/${encodeURIComponent(orderId)}`);
    if (response.status === 404) return [];
    if (!response.ok) throw new Error(`GET /_local/executions/${orderId} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as SagaExecution[];
  }

  /** The e-mails the runtime's SES sent, oldest first. */
  mail(): Promise<SentMail[]> {
    return getJson(`${this.baseUrl}/_local/mail`);
  }

  /** The texts the runtime's SNS sent, oldest first. */
  texts(): Promise<SentText[]> {
    return getJson(`${this.baseUrl}/_local/sms`);
  }

  /** /_local/events as an observer: the runtime keeps every event, oldest first. */
  eventObserver(): EventObserver {
    return { seen: () => this.events(), close: async () => undefined };
  }
}
