import { RouteMatcher } from '#local/front-door/route-matcher';
import type { RouteSpec } from '#contracts/wiring';

const route = (method: RouteSpec['method'], path: string): RouteSpec => ({ method, path, functionId: `${method} ${path}`, auth: 'user', summary: '' });
const matcher = new RouteMatcher([
  route('GET', '/api/v1/orders'),
  route('POST', '/api/v1/orders'),
  route('GET', '/api/v1/orders/{id}'),
  route('POST', '/api/v1/orders/{id}/cancel'),
  route('GET', '/api/v1/orders/mine'),
  route('GET', '/files/{path+}'),
]);

describe('route matcher', () => {
  it('matches a literal resource', () => {
    expect(matcher.match('GET', '/api/v1/orders')).toMatchObject({ kind: 'matched', route: { functionId: 'GET /api/v1/orders' }, pathParameters: {} });
  });

  it('extracts path parameters, still percent-encoded as REST APIs pass them', () => {
    expect(matcher.match('POST', '/api/v1/orders/a%20b/cancel')).toMatchObject({ kind: 'matched', pathParameters: { id: 'a%20b' } });
  });

  it('prefers a literal segment over a parameter', () => {
    expect(matcher.match('GET', '/api/v1/orders/mine')).toMatchObject({ route: { functionId: 'GET /api/v1/orders/mine' } });
  });

  it('lets a greedy parameter take the rest of the path', () => {
    expect(matcher.match('GET', '/files/a/b/c.txt')).toMatchObject({ pathParameters: { path: 'a/b/c.txt' } });
  });

  it('tells an unknown path from a known path with another method', () => {
    expect(matcher.match('GET', '/api/v1/nope')).toEqual({ kind: 'unknown-path' });
    expect(matcher.match('DELETE', '/api/v1/orders')).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'POST'] });
  });

  it('does not let a parameter span segments', () => {
    expect(matcher.match('GET', '/api/v1/orders/a/b')).toEqual({ kind: 'unknown-path' });
  });

  it("knows every resource of the tree, the routes' parents included, and nothing else (where the stack puts a preflight)", () => {
    for (const path of ['/', '/api', '/api/v1', '/api/v1/orders', '/api/v1/orders/01J', '/api/v1/orders/01J/cancel', '/files', '/files/a/b'])
      expect({ path, exists: matcher.resourceExists(path) }).toEqual({ path, exists: true });
    for (const path of ['/api/v2', '/api/v1/products', '/api/v1/orders/01J/refund', '/apix'])
      expect({ path, exists: matcher.resourceExists(path) }).toEqual({ path, exists: false });
  });
});
