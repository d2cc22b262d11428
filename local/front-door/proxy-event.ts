import type { APIGatewayProxyEvent } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from '../local-identity';

export const LOCAL_API_ID = 'local';

export interface ProxyRequest {
  method: string;
  /** Path as received, without the query string. */
  path: string;
  /** Query string without the leading `?`. */
  rawQuery: string;
  /** Header names and values in the order received, names as the client spelt them. */
  rawHeaders: [string, string][];
  body: Buffer;
  sourceIp: string;
}

export interface ProxyEventContext {
  resource: string;
  pathParameters: Record<string, string>;
  stage: string;
  requestId: string;
  requestTime: Date;
  /** What the authorizer returned (principalId and context values), if the route has one. */
  authorizer?: Record<string, string | number | boolean | null>;
}

/** A Map, not an object literal: a header or parameter may be called `constructor` or `__proto__`. */
function grouped(pairs: [string, string][]): Record<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [name, value] of pairs) groups.set(name, [...(groups.get(name) ?? []), value]);
  return Object.fromEntries(groups);
}

function lastValues(groups: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(groups).map(([name, values]) => [name, values[values.length - 1]!]));
}

function queryPairs(rawQuery: string): [string, string][] {
  if (!rawQuery) return [];
  return [...new URLSearchParams(rawQuery).entries()];
}

/** API Gateway's access-log time format: `26/Nov/2026:07:51:30 +0000`. */
function requestTimeString(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/**
 * The REST API (v1) Lambda proxy event for a request, as API Gateway builds it: single- and
 * multi-value headers and query parameters (null when absent), path parameters, a request context
 * with the authorizer's output, and the body as a UTF-8 string (no binary media types are configured,
 * so isBase64Encoded is false).
 */
export function buildProxyEvent(request: ProxyRequest, context: ProxyEventContext): APIGatewayProxyEvent {
  const headerGroups = grouped(request.rawHeaders);
  const queryGroups = grouped(queryPairs(request.rawQuery));
  const hasQuery = Object.keys(queryGroups).length > 0;
  const hasPathParameters = Object.keys(context.pathParameters).length > 0;
  const userAgent = request.rawHeaders.find(([name]) => name.toLowerCase() === 'user-agent')?.[1] ?? null;
  const host = request.rawHeaders.find(([name]) => name.toLowerCase() === 'host')?.[1] ?? 'localhost';
  return {
    resource: context.resource,
    path: request.path,
    httpMethod: request.method,
    headers: lastValues(headerGroups),
    multiValueHeaders: headerGroups,
    queryStringParameters: hasQuery ? lastValues(queryGroups) : null,
    multiValueQueryStringParameters: hasQuery ? queryGroups : null,
    pathParameters: hasPathParameters ? context.pathParameters : null,
    stageVariables: null,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      authorizer: context.authorizer ?? null,
      domainName: host,
      domainPrefix: host.split('.')[0]!,
      extendedRequestId: context.requestId,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent,
        userArn: null,
      },
      path: `/${context.stage}${request.path}`,
      protocol: 'HTTP/1.1',
      requestId: context.requestId,
      requestTime: requestTimeString(context.requestTime),
      requestTimeEpoch: context.requestTime.getTime(),
      resourceId: context.resource,
      resourcePath: context.resource,
      stage: context.stage,
    },
    body: request.body.length ? request.body.toString('utf8') : null,
    isBase64Encoded: false,
  };
}
