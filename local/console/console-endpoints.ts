import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { RequestLog } from './request-log';
import type { TableBrowser } from './table-browser';

/** A state machine as deployed here: the console draws its graph from the definition. */
export interface ConsoleStateMachine {
  id: string;
  arn: string;
  type: 'STANDARD' | 'EXPRESS';
  definition: Record<string, unknown>;
}

/** What the console's endpoints read from the running runtime. */
export interface ConsoleSources {
  table: TableBrowser;
  requests: RequestLog;
  stateMachines(): ConsoleStateMachine[];
}

/** The page's own files, served from this folder (an allow-list: no path from the URL reaches the file system). */
const PAGE_FILES: Record<string, { file: string; contentType: string }> = {
  '/_local/console': { file: 'console-page.html', contentType: 'text/html; charset=utf-8' },
  '/_local/console/console-app.js': { file: 'console-app.js', contentType: 'text/javascript; charset=utf-8' },
};

type Answer = { status: 200; body: unknown; contentType?: string } | { status: 404; detail: string };

/**
 * The console page (`GET /_local/console`) and the JSON it reads, besides /_local/executions and
 * /_local/events: `GET /_local/orders` (newest first), `GET /_local/orders/{id}/items` (its DynamoDB
 * items), `GET /_local/orders/{id}/requests` (the API requests that concerned it), and
 * `GET /_local/state-machines` (the definitions as deployed). Undefined: not a console path.
 */
export async function consoleAnswer(path: string, sources: ConsoleSources | undefined): Promise<Answer | undefined> {
  const page = PAGE_FILES[path === '/_local/console/' ? '/_local/console' : path];
  if (page) return { status: 200, body: await readFile(join(__dirname, page.file), 'utf8'), contentType: page.contentType };
  const isConsolePath = path === '/_local/orders' || path.startsWith('/_local/orders/') || path === '/_local/state-machines';
  if (!isConsolePath) return undefined;
  if (!sources) return { status: 404, detail: 'This runtime keeps no console data.' };
  if (path === '/_local/orders') return { status: 200, body: await sources.table.orders() };
  if (path === '/_local/state-machines') return { status: 200, body: sources.stateMachines() };
  const order = /^\/_local\/orders\/([^/]+)\/(items|requests)$/.exec(path);
  if (!order) return { status: 404, detail: 'No such console endpoint: /_local/orders/{id}/items or /_local/orders/{id}/requests.' };
  const orderId = decodeURIComponent(order[1]!);
  return { status: 200, body: order[2] === 'items' ? await sources.table.itemsOf(orderId) : sources.requests.forOrder(orderId) };
}

/** Writes a console answer that is a page file (cacheable for no time: the page changes as you edit it). */
export function sendConsoleFile(response: ServerResponse, body: string, contentType: string): void {
  response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  response.end(body);
}
