import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { buildProxyEvent } from '#local/front-door/proxy-event';

/** A REST proxy event built by the same code as the local front door, for calling handlers directly. */
export function apiGatewayEvent(request: {
  method: string;
  path: string;
  resource?: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
  pathParameters?: Record<string, string>;
  /** As the authorizer passes the caller on: `email` and `phoneNumber` only when the token carries them. */
  caller?: { sub: string; groups?: string[]; email?: string; phoneNumber?: string };
}): APIGatewayProxyEvent {
  return buildProxyEvent(
    {
      method: request.method,
      path: request.path,
      rawQuery: request.query ?? '',
      rawHeaders: Object.entries(request.headers ?? {}),
      body: Buffer.from(request.body ?? ''),
      sourceIp: '127.0.0.1',
    },
    {
      resource: request.resource ?? request.path,
      pathParameters: request.pathParameters ?? {},
      stage: 'test',
      requestId: 'req-1',
      requestTime: new Date('2026-01-01T00:00:00Z'),
      authorizer: request.caller
        ? {
            principalId: request.caller.sub,
            sub: request.caller.sub,
            groups: (request.caller.groups ?? []).join(','),
            ...(request.caller.email ? { email: request.caller.email } : {}),
            ...(request.caller.phoneNumber ? { phoneNumber: request.caller.phoneNumber } : {}),
          }
        : undefined,
    },
  );
}

export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:test',
    memoryLimitInMB: '512',
    awsRequestId: 'aws-req-1',
    logGroupName: '/aws/lambda/test',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 3000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
