import documented from '../../../fixtures/api-gateway/rest-v1-proxy-event.json';
import { buildProxyEvent } from '#local/front-door/proxy-event';

// The documented REST (v1) proxy event, from the API Gateway developer guide
// ("Input format of a Lambda function for proxy integration").
const request = {
  method: 'GET',
  path: '/my/path',
  rawQuery: 'parameter1=value1&parameter1=value2&parameter2=value',
  rawHeaders: [
    ['header1', 'value1'],
    ['header2', 'value1'],
    ['header2', 'value2'],
    ['User-Agent', 'user-agent'],
  ] as [string, string][],
  body: Buffer.from('Hello from Lambda!'),
  sourceIp: '203.0.113.7',
};
const context = {
  resource: '/my/path',
  pathParameters: {},
  stage: 'dev',
  requestId: 'req-1',
  requestTime: new Date('2020-03-04T19:15:17.135Z'),
};

function shape(value: unknown): unknown {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, typeof (value as Record<string, unknown>)[k]]),
    );
  return typeof value;
}

describe('REST v1 proxy event', () => {
  const event = buildProxyEvent(request, context);

  it('has every top-level field of the documented event', () => {
    expect(Object.keys(event).sort()).toEqual(Object.keys(documented).sort());
  });

  it('has every documented requestContext and identity field', () => {
    for (const key of Object.keys(documented.requestContext)) expect(event.requestContext).toHaveProperty(key);
    for (const key of Object.keys(documented.requestContext.identity)) expect(event.requestContext.identity).toHaveProperty(key);
  });

  it('keeps every value of repeated headers and query parameters, the last one in the single-value maps', () => {
    expect(event.headers).toMatchObject({ header1: 'value1', header2: 'value2' });
    expect(event.multiValueHeaders).toMatchObject(documented.multiValueHeaders);
    expect(event.queryStringParameters).toEqual(documented.queryStringParameters);
    expect(event.multiValueQueryStringParameters).toEqual(documented.multiValueQueryStringParameters);
  });

  it('fills the request context as API Gateway does', () => {
    expect(event.requestContext).toMatchObject({
      httpMethod: 'GET',
      path: '/dev/my/path',
      resourcePath: '/my/path',
      stage: 'dev',
      requestId: 'req-1',
      protocol: 'HTTP/1.1',
      requestTime: '04/Mar/2020:19:15:17 +0000',
      requestTimeEpoch: 1583349317135,
    });
    expect(event.requestContext.identity).toMatchObject({ sourceIp: '203.0.113.7', userAgent: 'user-agent' });
    expect(shape(event.requestContext.identity)).toEqual(expect.objectContaining({ sourceIp: 'string' }));
  });

  it('passes the body as a string that is not base64-encoded', () => {
    expect(event.body).toBe('Hello from Lambda!');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('uses null, not empty objects, for absent query, path parameters, stage variables and body', () => {
    const bare = buildProxyEvent({ ...request, rawQuery: '', body: Buffer.alloc(0) }, context);
    expect(bare.queryStringParameters).toBeNull();
    expect(bare.multiValueQueryStringParameters).toBeNull();
    expect(bare.pathParameters).toBeNull();
    expect(bare.stageVariables).toBeNull();
    expect(bare.body).toBeNull();
  });

  it('decodes query values and keeps header names as the client spelt them', () => {
    const encoded = buildProxyEvent({ ...request, rawQuery: 'q=a%20b%26c&empty=', rawHeaders: [['X-Mixed-Case', 'v']] }, context);
    expect(encoded.queryStringParameters).toEqual({ q: 'a b&c', empty: '' });
    expect(encoded.headers).toEqual({ 'X-Mixed-Case': 'v' });
  });

  it('takes header and parameter names that are also Object.prototype members as plain names', () => {
    const odd = buildProxyEvent(
      {
        ...request,
        rawQuery: 'constructor=1&__proto__=2&toString=3',
        rawHeaders: [
          ['constructor', 'x'],
          ['__proto__', 'y'],
        ],
      },
      context,
    );
    expect(odd.queryStringParameters).toEqual({ constructor: '1', ['__proto__']: '2', toString: '3' });
    expect(Object.keys(odd.headers)).toEqual(['constructor', '__proto__']);
    expect(odd.multiValueHeaders.constructor).toEqual(['x']);
  });

  it('hands the authorizer output to the handler', () => {
    const authorized = buildProxyEvent(request, { ...context, authorizer: { principalId: 'u1', sub: 'u1', groups: 'admin' } });
    expect(authorized.requestContext.authorizer).toEqual({ principalId: 'u1', sub: 'u1', groups: 'admin' });
  });
});
