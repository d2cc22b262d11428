import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { RouteSpec } from '../lib/wiring/types';
import type { LocalTokenIssuer } from './identity/local-token-issuer';

/** What the local-only endpoints read from the running services. */
export interface LocalEndpointSources {
  issuer: LocalTokenIssuer;
  routes: RouteSpec[];
  carriedEvents(filter: { detailType?: string }): unknown[];
  executionsOf(name: string): unknown[];
}

const tokenRequestSchema = z.strictObject({
  sub: z.string().min(1).max(128),
  groups: z.array(z.string().min(1).max(64)).max(20).optional(),
});

function send(response: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
}

function problem(response: ServerResponse, status: number, title: string, detail: string, instance: string): void {
  send(response, status, { type: `urn:ordersaga:problem:${title.toLowerCase().replace(/ /g, '-')}`, title, status, detail, instance }, 'application/problem+json');
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Until the OpenAPI document lands, /docs lists the route table it will be generated from. */
function docsPage(routes: RouteSpec[]): string {
  const rows = routes
    .map((r) => `<tr><td>${r.method}</td><td><code>${escapeHtml(r.path)}</code></td><td>${r.auth}</td><td>${escapeHtml(r.summary)}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ordersaga API (local)</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style>
</head><body><h1>ordersaga API — local runtime</h1>
<p>Get a token: <code>curl -s -XPOST localhost/_local/token -d '{"sub":"alice","groups":["admin"]}'</code>, then send <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<table><thead><tr><th>method</th><th>path</th><th>auth</th><th>summary</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

/**
 * The local-only endpoints of SPEC §7 (`/_local/*`, `/docs`); never deployed. Returns false for any
 * other path so the front door handles it.
 */
export function localEndpoints(sources: LocalEndpointSources) {
  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> => {
    const path = url.pathname;
    if (path === '/docs' && request.method === 'GET') {
      send(response, 200, docsPage(sources.routes), 'text/html; charset=utf-8');
      return true;
    }
    if (!path.startsWith('/_local/')) return false;

    if (path === '/_local/token') {
      if (request.method !== 'POST') return problem(response, 405, 'Method Not Allowed', 'Use POST.', path), true;
      let body: unknown;
      try {
        body = await readJson(request);
      } catch {
        return problem(response, 400, 'Bad Request', 'The body is not JSON.', path), true;
      }
      const parsed = tokenRequestSchema.safeParse(body);
      if (!parsed.success) return problem(response, 400, 'Bad Request', 'Send {"sub": string, "groups"?: string[]}.', path), true;
      send(response, 200, { token: await sources.issuer.issue(parsed.data) });
      return true;
    }
    if (path === '/_local/events' && request.method === 'GET') {
      send(response, 200, sources.carriedEvents({ detailType: url.searchParams.get('detail-type') ?? undefined }));
      return true;
    }
    const execution = /^\/_local\/executions\/([^/]+)$/.exec(path);
    if (execution && request.method === 'GET') {
      const runs = sources.executionsOf(decodeURIComponent(execution[1]!));
      if (!runs.length) return problem(response, 404, 'Not Found', 'No saga execution for that order.', path), true;
      send(response, 200, runs);
      return true;
    }
    problem(response, 404, 'Not Found', 'No such local endpoint.', path);
    return true;
  };
}
