/**
 * Calls the API from a page of another origin in a real browser (headless Chromium, driven by
 * puppeteer-core), so the browser itself enforces CORS: its preflight, the allowed origin, the headers
 * a script may read. Run as a child process (puppeteer-core is an ES module Jest's runtime cannot
 * load): `crossOriginFetchInBrowser` in cross-origin-fetch-process.ts.
 *
 *   tsx test/support/browser/cross-origin-fetch.ts '{"pageOrigin": "http://localhost:5173", "requests": [...]}'
 *
 * prints, as JSON, what the page's script saw of each request (CrossOriginAnswer).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumMissing } from './console-browser';
import { runAsBrowserScript } from './browser-script-main';

export interface CrossOriginRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface CrossOriginFetch {
  /** The origin the calling page is served from (the browser sends it as `Origin`). */
  pageOrigin: string;
  requests: CrossOriginRequest[];
}

/** What the page's script got: the answer, or the browser's refusal (`blocked`: fetch rejected, as CORS failures do). */
export type CrossOriginAnswer =
  | { blocked: false; status: number; body: unknown; exposedHeaders: Record<string, string | null> }
  | { blocked: true; error: string };

/** Response headers a page script may read only when the API exposes them (Access-Control-Expose-Headers). */
const EXPOSED = ['x-correlation-id', 'location', 'etag', 'retry-after'];

export async function crossOriginFetch(request: CrossOriginFetch): Promise<CrossOriginAnswer[]> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  const { default: puppeteer } = await import('puppeteer-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'ordersaga-chromium-'));
  // Chromium's Local Network Access checks treat the intercepted page as public and block its calls to
  // the loopback API (a deployed API is public: the checks never apply there); they are not CORS, so
  // they are switched off to leave CORS alone to decide.
  const withoutLocalNetworkChecks =
    '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults';
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, withoutLocalNetworkChecks, `--user-data-dir=${profile}`],
  });
  try {
    const page = await browser.newPage();
    // The calling page is served by the browser's own request interception (no server for it), then
    // interception is switched off so that the API calls and their preflights go out as they would.
    await page.setRequestInterception(true);
    const servePage = (intercepted: import('puppeteer-core').HTTPRequest): void => {
      if (!intercepted.isInterceptResolutionHandled())
        intercepted.respond({ status: 200, contentType: 'text/html', body: '<!doctype html><title>shop</title>' }).catch(() => undefined);
    };
    page.on('request', servePage);
    await page.goto(`${request.pageOrigin}/`);
    page.off('request', servePage);
    await page.setRequestInterception(false);
    const answers: CrossOriginAnswer[] = [];
    for (const call of request.requests) {
      answers.push(
        await page.evaluate(
          async (call: CrossOriginRequest, exposed: string[]): Promise<CrossOriginAnswer> => {
            try {
              const response = await fetch(call.url, { method: call.method, headers: call.headers, body: call.body, mode: 'cors' });
              const text = await response.text();
              return {
                blocked: false,
                status: response.status,
                body: text ? JSON.parse(text) : undefined,
                exposedHeaders: Object.fromEntries(exposed.map((name) => [name, response.headers.get(name)])),
              };
            } catch (error) {
              return { blocked: true, error: String(error) };
            }
          },
          call,
          EXPOSED,
        ),
      );
    }
    return answers;
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (require.main === module) runAsBrowserScript(crossOriginFetch);
