import { RequestLog } from '#local/console/request-log';
import type { chromiumMissing } from '#test/support/browser/console-browser';

const ORDER = '01J9Z3Q8B2X7K4M5N6P7Q8R9ST';
const OTHER = '01J9Z3Q8B2X7K4M5N6P7Q8R9SV';
const answered = (method: string, path: string, status: number, body?: string) => ({
  at: new Date(),
  method,
  path,
  status,
  durationMs: 3,
  requestId: 'r',
  body,
});

describe("the console's request log", () => {
  test('files a request under the orders its path names and the order its answer created', () => {
    const log = new RequestLog();
    log.record(answered('POST', '/api/v1/orders', 201, JSON.stringify({ id: ORDER, status: 'pending' })));
    log.record(answered('GET', `/api/v1/orders/${ORDER}`, 200, '{"id":"x"}'));
    log.record(answered('GET', '/api/v1/payments/01J9Z3Q8B2X7K4M5N6P7Q8R9SW', 200, JSON.stringify({ orderId: ORDER })));
    log.record(answered('GET', `/api/v1/orders/${OTHER}`, 404, 'not json'));
    log.record(answered('GET', '/api/v1/health', 200));
    expect(log.forOrder(ORDER).map((record) => `${record.method} ${record.path} ${record.status}`)).toEqual([
      'POST /api/v1/orders 201',
      `GET /api/v1/orders/${ORDER} 200`,
      'GET /api/v1/payments/01J9Z3Q8B2X7K4M5N6P7Q8R9SW 200',
    ]);
    expect(log.forOrder(OTHER)).toHaveLength(1);
    expect(log.forOrder(ORDER)[0]).not.toHaveProperty('body');
  });

  test('keeps the newest requests only', () => {
    const log = new RequestLog(2);
    for (const status of [200, 304, 404]) log.record(answered('GET', `/api/v1/orders/${ORDER}`, status));
    expect(log.forOrder(ORDER).map((record) => record.status)).toEqual([304, 404]);
  });
});

describe('the browser tests without Chromium', () => {
  test('fail saying how to install it, and how to skip them on a machine without it', () => {
    const previous = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      jest.isolateModules(() => {
        const { chromiumMissing: missing } = require('#test/support/browser/console-browser') as { chromiumMissing: typeof chromiumMissing };
        expect(missing()).toEqual(expect.stringContaining('/nonexistent/chromium'));
        expect(missing()).toEqual(expect.stringContaining('apt-get install -y chromium'));
        expect(missing()).toEqual(expect.stringContaining('ORDERSAGA_SKIP_BROWSER_TESTS=1'));
      });
    } finally {
      if (previous === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = previous;
    }
  });
});
