/**
 * Reads the console page (GET /_local/console) in a real browser: headless Chromium from the OS
 * packages, driven by puppeteer-core (which downloads no browser). puppeteer-core is an ES module that
 * Jest's CommonJS runtime cannot load, so tests run this file as a child process (`readConsoleInBrowser`
 * in console-browser-process.ts); `npm run docs:screenshots` imports it directly.
 *
 *   tsx test/support/browser/console-browser.ts '{"url": "http://127.0.0.1:3000", "orderIds": ["01J…"]}'
 *
 * prints, as JSON, what the page shows of each order (ConsoleView).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAsBrowserScript } from './browser-script-main';
import { awaitBackgroundToolInstall } from '../background-tool-install';

/** The page's DOM, in the functions this file sends to the page (it is compiled without the DOM library). */
declare const document: any;

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here and what to do about it; undefined: Chromium is installed. */
export function chromiumMissing(): string | undefined {
  awaitBackgroundToolInstall();
  if (existsSync(CHROMIUM_PATH)) return undefined;
  return [
    `The browser tests need Chromium at ${CHROMIUM_PATH} and it is not there.`,
    'Install it: `sudo apt-get install -y chromium` (Debian, Ubuntu), `brew install --cask chromium` (macOS), or point CHROMIUM_PATH at a Chrome or Chromium.',
    'On a machine without one, ORDERSAGA_SKIP_BROWSER_TESTS=1 skips these tests (CI installs Chromium: .ci/run).',
  ].join('\n');
}

/** What the console shows of one order once its saga has settled. */
export interface ConsoleView {
  orderId: string;
  /** In the list of orders (newest first): this order's position. */
  listPosition: number;
  listedStatus: string;
  orderStatus: string;
  requests: string[];
  executions: {
    stateMachine: string;
    status: string;
    states: { name: string; entered: boolean; retries: number; current: boolean }[];
    takenEdges: string[];
  }[];
  events: string[];
  eventPayloads: unknown[];
  notifications: string[];
  items: string[];
}

export interface ReadConsoleRequest {
  url: string;
  orderIds: string[];
  /** Waits until the page shows each order in this status (the saga settles after the API answers). */
  waitForStatus?: Record<string, string>;
  /** Writes `<dir>/<name>.png` per order (`docs:screenshots`), by order id. */
  screenshots?: { dir: string; names: Record<string, string> };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function readConsole(request: ReadConsoleRequest): Promise<ConsoleView[]> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  const { default: puppeteer } = await import('puppeteer-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'ordersaga-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, `--user-data-dir=${profile}`],
    defaultViewport: { width: 1440, height: 1000 },
  });
  try {
    const page = await browser.newPage();
    // tsx (esbuild's keepNames) wraps named functions in `__name(…)`; the functions sent to the page need it there too.
    await page.evaluateOnNewDocument('globalThis.__name = (target) => target;');
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const views: ConsoleView[] = [];
    for (const orderId of request.orderIds) {
      await page.goto(`${request.url}/_local/console#order=${orderId}`, { waitUntil: 'load' });
      const status = request.waitForStatus?.[orderId];
      const shows = page.waitForFunction(
        (id, wanted) => {
          const shown = document.querySelector('[data-order-status]')?.getAttribute('data-order-status');
          const listed = document.querySelector(`#orders [data-order-id="${id}"]`);
          const settled = [...document.querySelectorAll('[data-execution] .status')].every((element) => element.textContent !== 'RUNNING');
          return Boolean(shown && listed && (wanted ? shown === wanted && settled : true) && document.querySelector('[data-execution]'));
        },
        { timeout: 20_000 },
        orderId,
        status ?? '',
      );
      await shows.catch(async (error: Error) => {
        const text = await page.evaluate(() => document.body.textContent).catch(() => '(unreadable)');
        throw new Error(
          `${error.message}: the page never showed order ${orderId}${status ? ` as ${status}` : ''}; it showed:\n${text.slice(0, 3000)}\n${errors.join('\n')}`,
        );
      });
      // One more poll, so every section has caught up with the status it shows.
      const refreshed = await page.evaluate(() => document.body.dataset.refreshed);
      await page.waitForFunction((before) => document.body.dataset.refreshed !== before, { timeout: 5_000 }, refreshed);
      const view = await page.evaluate((id): ConsoleView => {
        const texts = (selector: string) => [...document.querySelectorAll(selector)].map((element) => (element.textContent ?? '').trim());
        const listed = [...document.querySelectorAll('#orders [data-order-id]')];
        const mine = listed.findIndex((element) => element.getAttribute('data-order-id') === id);
        return {
          orderId: id,
          listPosition: mine,
          listedStatus: listed[mine]?.querySelector('.status')?.textContent ?? '',
          orderStatus: document.querySelector('[data-order-status]')?.getAttribute('data-order-status') ?? '',
          requests: [...document.querySelectorAll('[data-section="requests"] tbody tr')].map((row) =>
            [...row.querySelectorAll('td')]
              .slice(1, 3)
              .map((cell) => cell.querySelector('code')?.textContent ?? cell.textContent)
              .join(' '),
          ),
          executions: [...document.querySelectorAll('[data-execution]')].map((execution) => ({
            stateMachine: execution.getAttribute('data-execution') ?? '',
            status: execution.querySelector('h3 .status')?.textContent ?? '',
            states: [...execution.querySelectorAll('g[data-state]')].map((node) => ({
              name: node.getAttribute('data-state') ?? '',
              entered: node.getAttribute('data-entered') === 'true',
              retries: Number(node.getAttribute('data-retries')),
              current: node.getAttribute('data-current') === 'true',
            })),
            takenEdges: [...execution.querySelectorAll('path[data-taken="true"]')].map(
              (edge) => `${edge.getAttribute('data-from')}→${edge.getAttribute('data-to')}`,
            ),
          })),
          events: [...document.querySelectorAll('[data-section="events"] li')].map((item) => item.getAttribute('data-detail-type') ?? ''),
          eventPayloads: [...document.querySelectorAll('[data-section="events"] li pre')].map((pre) => JSON.parse(pre.textContent ?? 'null')),
          notifications: texts('[data-section="notifications"] tbody tr'),
          items: [...document.querySelectorAll('[data-section="items"] li')].map((item) => `${item.getAttribute('data-pk')} ${item.getAttribute('data-sk')}`),
        };
      }, orderId);
      views.push(view);
      const name = request.screenshots?.names[orderId];
      if (name) await page.screenshot({ path: path.join(request.screenshots!.dir, `${name}.png`), fullPage: true });
    }
    if (errors.length) throw new Error(`the console page threw:\n${errors.join('\n')}`);
    return views;
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (require.main === module) runAsBrowserScript(readConsole);
