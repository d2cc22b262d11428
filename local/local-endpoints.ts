import { PROBLEM_CONTENT_TYPE, problemTypeUri } from '#contracts/problem';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import * as z from 'zod';
import type { RouteSpec } from '#contracts/wiring';
import type { LocalTokenIssuer } from './identity/local-token-issuer';
import type { SentMail } from './ses/local-ses';
import type { SentText } from './sns/local-sns';
import { FAULT_KINDS, FAULT_OPERATIONS, type FaultKind, type FaultOperation } from './payments/payment-provider-simulator';
import { consoleAnswer, sendConsoleFile, type ConsoleSources } from './console/console-endpoints';
import { routePath } from '#lib/wiring';

/** What the local-only endpoints read from the running services. */
export interface LocalEndpointSources {
  issuer: LocalTokenIssuer;
  routes: RouteSpec[];
  carriedEvents(filter: { detailType?: string }): unknown[];
  executionsOf(name: string): unknown[];
  /** What the local SES sent and the local SNS texted, oldest first; none: those endpoints list nothing. */
  sentMail?(): SentMail[];
  sentTexts?(): SentText[];
  /** Where the AWS tools find this runtime's resources (GET /_local/info). */
  info?(): LocalRuntimeInfo;
  /** The simulated payment provider's fault control and ledger (local/payments/); none (yet): those endpoints answer 404. */
  paymentProvider?(): PaymentProviderControl | undefined;
  /** False while `npm start` seeds the catalog: GET /_local/ready answers 503 until then. Absent: always ready. */
  ready?(): boolean;
  /** The console page's data (local/console/); none: the console's data endpoints answer 404. */
  console?: ConsoleSources;
}

/** `GET /_local/info`: the AWS endpoint and the names and ARNs to use with it. */
export interface LocalRuntimeInfo {
  awsEndpoint: string;
  region: string;
  tableName: string;
  eventBusName: string;
  stateMachines: Record<string, string>;
}

/** What `/_local/payment-provider/*` drives (PaymentProviderSimulator). */
export interface PaymentProviderControl {
  injectFault(operation: FaultOperation, fault: FaultKind, times: number): void;
  clearFaults(): void;
  armedFaults(): unknown[];
  paymentView(paymentId: string): unknown;
}

const faultRequestSchema = z.strictObject({
  operation: z.enum(FAULT_OPERATIONS),
  fault: z.enum(FAULT_KINDS),
  times: z.number().int().min(1).max(1000),
});

const tokenRequestSchema = z.strictObject({
  sub: z.string().min(1).max(128),
  groups: z.array(z.string().min(1).max(64)).max(20).optional(),
  // As an identity provider would put them in (unchecked: the API validates what it uses).
  email: z.string().min(1).max(320).optional(),
  phone_number: z.string().min(1).max(32).optional(),
  phone_number_verified: z.boolean().optional(),
});

function send(response: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
}

function problem(response: ServerResponse, status: number, title: string, detail: string, instance: string): void {
  const type = problemTypeUri(title.toLowerCase().replace(/ /g, '-'));
  send(response, status, { type, title, status, detail, instance }, PROBLEM_CONTENT_TYPE);
}

/** Answers a problem; `true`: the request was one of ours, and is answered. */
function answeredProblem(response: ServerResponse, status: number, title: string, detail: string, instance: string): true {
  problem(response, status, title, detail, instance);
  return true;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Where the page loads the document from: the API's own route, served by its handler like any other. */
const OPENAPI_DOCUMENT_PATH = routePath('openApiDocument');

/** The files of swagger-ui-dist the page uses (an allow-list: no path from the URL reaches the file system). */
const SWAGGER_UI_ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};
const assetCache = new Map<string, Promise<Buffer>>();

function swaggerUiAsset(name: string): Promise<Buffer> {
  let asset = assetCache.get(name);
  if (!asset) {
    // Resolved at first use: the runtime starts even where the package is missing; only /docs fails.
    const { getAbsoluteFSPath } = require('swagger-ui-dist') as { getAbsoluteFSPath(): string };
    asset = readFile(join(getAbsoluteFSPath(), name));
    asset.catch(() => assetCache.delete(name));
    assetCache.set(name, asset);
  }
  return asset;
}

/**
 * Swagger UI for the API's OpenAPI document, from the installed swagger-ui-dist (no CDN: the local
 * runtime works offline). A small form above it gets a token from /_local/token and authorizes the
 * UI with it; the route table is the page's content for readers without JavaScript.
 */
function docsPage(routes: RouteSpec[]): string {
  const rows = routes
    .map((r) => `<tr><td>${r.method}</td><td><code>${escapeHtml(r.path)}</code></td><td>${r.auth}</td><td>${escapeHtml(r.summary)}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ordersaga API (local)</title>
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<style>body{margin:0;font-family:system-ui,sans-serif}#token-help{padding:1rem 2rem;background:#f4f6f8;border-bottom:1px solid #ddd}
#token-help code{background:#fff;padding:.1rem .3rem}#token-help form{margin-top:.5rem}#token-help input[type=text]{width:10rem}
#token-output{display:block;margin-top:.5rem;word-break:break-all;font-size:.8rem}table{border-collapse:collapse;margin:1rem 2rem}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style>
</head><body>
<section id="token-help"><strong>ordersaga API — local runtime.</strong>
Get a token: <code>curl -s -XPOST localhost:PORT/_local/token -d '{"sub":"alice","groups":["admin"]}'</code>,
then send <code>Authorization: Bearer &lt;token&gt;</code> (or press <em>Authorize</em> below and paste it).
<form id="token-form">Or here: sub <input type="text" name="sub" value="alice" required maxlength="128">
<label><input type="checkbox" name="admin"> admin</label> <button type="submit">Get a token and authorize</button>
<code id="token-output"></code></form></section>
<div id="swagger-ui"><noscript><p>Swagger UI needs JavaScript. The document is at <a href="${OPENAPI_DOCUMENT_PATH}">${OPENAPI_DOCUMENT_PATH}</a>; the routes:</p>
<table><thead><tr><th>method</th><th>path</th><th>auth</th><th>summary</th></tr></thead><tbody>${rows}</tbody></table></noscript></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>
document.querySelectorAll('#token-help code')[0].textContent = document.querySelectorAll('#token-help code')[0].textContent.replace('localhost:PORT', location.host);
const ui = SwaggerUIBundle({
  url: ${JSON.stringify(OPENAPI_DOCUMENT_PATH)},
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  displayRequestDuration: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
document.getElementById('token-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const output = document.getElementById('token-output');
  const body = { sub: form.sub.value, groups: form.admin.checked ? ['admin'] : [] };
  const response = await fetch('/_local/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) { output.textContent = 'Could not get a token: ' + response.status; return; }
  const { token } = await response.json();
  ui.preauthorizeApiKey('bearerAuth', token);
  output.textContent = 'Authorized as ' + body.sub + (body.groups.length ? ' (admin)' : '') + '. Token: ' + token;
});
</script></body></html>`;
}

/** `/docs` and its assets; false for any other path under /docs. */
async function serveDocs(path: string, response: ServerResponse, routes: RouteSpec[]): Promise<boolean> {
  if (path === '/docs' || path === '/docs/') {
    send(response, 200, docsPage(routes), 'text/html; charset=utf-8');
    return true;
  }
  const name = path.slice('/docs/assets/'.length);
  const contentType = path.startsWith('/docs/assets/') ? SWAGGER_UI_ASSETS[name] : undefined;
  if (!contentType) return false;
  let asset: Buffer;
  try {
    asset = await swaggerUiAsset(name);
  } catch {
    problem(response, 500, 'Internal Server Error', 'swagger-ui-dist is not installed: run npm install.', path);
    return true;
  }
  response.writeHead(200, { 'content-type': contentType, 'content-length': asset.length, 'cache-control': 'public, max-age=3600' });
  response.end(asset);
  return true;
}

/**
 * The local-only endpoints (`/_local/*`, `/docs`); never deployed. Returns false for any
 * other path so the front door handles it.
 */
export function localEndpoints(sources: LocalEndpointSources) {
  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> => {
    const path = url.pathname;
    if ((path === '/docs' || path.startsWith('/docs/')) && request.method === 'GET') {
      if (await serveDocs(path, response, sources.routes)) return true;
      return answeredProblem(response, 404, 'Not Found', 'No such documentation file.', path);
    }
    if (!path.startsWith('/_local/')) return false;
    const consoleAnswered = request.method === 'GET' ? await consoleAnswer(path, sources.console) : undefined;
    if (consoleAnswered?.status === 404) return answeredProblem(response, 404, 'Not Found', consoleAnswered.detail, path);
    if (consoleAnswered?.contentType) sendConsoleFile(response, String(consoleAnswered.body), consoleAnswered.contentType);
    else if (consoleAnswered) send(response, 200, consoleAnswered.body);
    if (consoleAnswered) return true;

    if (path === '/_local/token') {
      if (request.method !== 'POST') return answeredProblem(response, 405, 'Method Not Allowed', 'Use POST.', path);
      let body: unknown;
      try {
        body = await readJson(request);
      } catch {
        return answeredProblem(response, 400, 'Bad Request', 'The body is not JSON.', path);
      }
      const parsed = tokenRequestSchema.safeParse(body);
      if (!parsed.success)
        return answeredProblem(
          response,
          400,
          'Bad Request',
          'Send {"sub": string, "groups"?: string[], "email"?: string, "phone_number"?: string, "phone_number_verified"?: boolean}.',
          path,
        );
      send(response, 200, { token: await sources.issuer.issue(parsed.data) });
      return true;
    }
    if (path === '/_local/ready' && request.method === 'GET') {
      // A script waits on this instead of /api/v1/health, which answers as soon as the front door listens.
      if (sources.ready && !sources.ready()) {
        response.setHeader('retry-after', '1');
        return answeredProblem(response, 503, 'Service Unavailable', 'The local runtime is still seeding the catalog.', path);
      }
      send(response, 200, { status: 'ready' });
      return true;
    }
    if (path === '/_local/events' && request.method === 'GET') {
      send(response, 200, sources.carriedEvents({ detailType: url.searchParams.get('detail-type') ?? undefined }));
      return true;
    }
    if (path === '/_local/info' && request.method === 'GET' && sources.info) {
      send(response, 200, sources.info());
      return true;
    }
    if (path === '/_local/mail' && request.method === 'GET') {
      send(response, 200, sources.sentMail?.() ?? []);
      return true;
    }
    const mail = /^\/_local\/mail\/([^/]+)$/.exec(path);
    if (mail && request.method === 'GET') {
      const found = sources.sentMail?.().find((candidate) => candidate.messageId === decodeURIComponent(mail[1]!));
      if (!found) return answeredProblem(response, 404, 'Not Found', 'No e-mail with that message id.', path);
      sendMailView(response, found);
      return true;
    }
    if (path === '/_local/sms' && request.method === 'GET') {
      send(response, 200, sources.sentTexts?.() ?? []);
      return true;
    }
    if (path.startsWith('/_local/payment-provider/')) {
      await paymentProviderEndpoint(request, response, path, sources.paymentProvider?.());
      return true;
    }
    const execution = /^\/_local\/executions\/([^/]+)$/.exec(path);
    if (execution && request.method === 'GET') {
      const runs = sources.executionsOf(decodeURIComponent(execution[1]!));
      if (!runs.length) return answeredProblem(response, 404, 'Not Found', 'No saga execution for that order.', path);
      send(response, 200, runs);
      return true;
    }
    problem(response, 404, 'Not Found', 'No such local endpoint.', path);
    return true;
  };
}

/**
 * An e-mail's HTML as its recipient would see it (its text in a <pre> when it has no HTML), under a
 * policy that lets no script run and nothing load from elsewhere: the message is shown, never executed.
 */
function sendMailView(response: ServerResponse, mail: SentMail): void {
  const page = mail.html || `<!doctype html><meta charset="utf-8"><title>${escapeHtml(mail.subject)}</title><pre>${escapeHtml(mail.text)}</pre>`;
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(page),
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  });
  response.end(page);
}

/**
 * The simulated payment provider's controls, for people testing their own resilience:
 * - `POST /_local/payment-provider/faults` `{operation, fault, times}`: the next `times` calls of
 *   `operation` (`authorize`, `capture`, `void`, `refund`) meet `fault`: `lost-response` (the provider
 *   acts, the answer never arrives: the caller's timeout fires), `timeout` (it neither acts nor
 *   answers), `error` (500, nothing done). Answers the faults armed.
 * - `GET` the same path: the faults still armed; `DELETE`: disarms them all (204).
 * - `GET /_local/payment-provider/payments/{paymentId}`: the provider's own view of our payment,
 *   `{intentId, status, amount, amountRefunded}` (its ledger, not ours).
 */
async function paymentProviderEndpoint(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  provider: PaymentProviderControl | undefined,
): Promise<void> {
  if (!provider) return problem(response, 404, 'Not Found', 'This runtime runs no simulated payment provider.', path);
  if (path === '/_local/payment-provider/faults') {
    if (request.method === 'GET') return send(response, 200, provider.armedFaults());
    if (request.method === 'DELETE') {
      provider.clearFaults();
      response.writeHead(204).end();
      return;
    }
    if (request.method !== 'POST')
      return problem(response, 405, 'Method Not Allowed', 'Use POST to arm a fault, GET to list them, DELETE to clear them.', path);
    let body: unknown;
    try {
      body = await readJson(request);
    } catch {
      return problem(response, 400, 'Bad Request', 'The body is not JSON.', path);
    }
    const parsed = faultRequestSchema.safeParse(body);
    if (!parsed.success) {
      return problem(
        response,
        400,
        'Bad Request',
        `Send {"operation": ${FAULT_OPERATIONS.map((o) => `"${o}"`).join('|')}, "fault": ${FAULT_KINDS.map((f) => `"${f}"`).join('|')}, "times": 1..1000}: ${z.prettifyError(parsed.error)}`,
        path,
      );
    }
    provider.injectFault(parsed.data.operation, parsed.data.fault, parsed.data.times);
    return send(response, 200, provider.armedFaults());
  }
  const payment = /^\/_local\/payment-provider\/payments\/([^/]+)$/.exec(path);
  if (payment) {
    if (request.method !== 'GET') return problem(response, 405, 'Method Not Allowed', 'Use GET.', path);
    const view = provider.paymentView(decodeURIComponent(payment[1]!));
    if (!view) return problem(response, 404, 'Not Found', 'The provider has no intent for that payment id.', path);
    return send(response, 200, view);
  }
  return problem(response, 404, 'Not Found', 'No such payment provider endpoint.', path);
}
