import { openApiDocumentHandler } from '#platform/handlers/open-api-document';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';
import { fixtureDocument } from '#test/contract/support/fixture-document';

// The handler's behaviour, independent of how far the contexts' own contracts have got.
const build = jest.fn(fixtureDocument);
const handler = openApiDocumentHandler(build);

const get = (headers: Record<string, string> = {}) => handler(apiGatewayEvent({ method: 'GET', path: '/api/v1/openapi.json', headers }), lambdaContext());

describe('GET /api/v1/openapi.json', () => {
  test('answers the OpenAPI 3.1 document as JSON, cacheable, with an ETag', async () => {
    const response = await get();
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'application/json',
      'cache-control': 'public, max-age=300',
      etag: expect.stringMatching(/^"[A-Za-z0-9_-]{43}"$/),
    });
    const document = JSON.parse(response.body);
    expect(document).toMatchObject({ openapi: '3.1.1', info: { title: 'ordersaga API' }, servers: [{ url: '../..' }] });
    expect(Object.keys(document.paths)).toContain('/api/v1/orders');
  });

  test('builds the document once per cold start', async () => {
    await get();
    await get();
    expect(build).toHaveBeenCalledTimes(1);
  });

  test('answers 304 without a body when If-None-Match names the current ETag (or *)', async () => {
    const { headers } = await get();
    const etag = String(headers!.etag);
    for (const held of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await get({ 'If-None-Match': held });
      expect({ held, status: response.statusCode, body: response.body }).toEqual({ held, status: 304, body: '' });
      expect(response.headers?.etag).toBe(etag);
    }
    expect((await get({ 'If-None-Match': '"stale"' })).statusCode).toBe(200);
  });
});
