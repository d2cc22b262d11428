import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';

/**
 * One JSON object per request (structured, queryable in Logs Insights). No request or response
 * bodies, no headers but the user agent: access logs must not collect order data or tokens.
 */
export const jsonAccessLogFormat = (): AccessLogFormat =>
  AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      extendedRequestId: '$context.extendedRequestId',
      requestTime: '$context.requestTimeEpoch',
      httpMethod: '$context.httpMethod',
      resourcePath: '$context.resourcePath',
      path: '$context.path',
      status: '$context.status',
      protocol: '$context.protocol',
      responseLength: '$context.responseLength',
      responseLatency: '$context.responseLatency',
      integrationLatency: '$context.integrationLatency',
      integrationStatus: '$context.integration.status',
      authorizerLatency: '$context.authorizer.latency',
      authorizerError: '$context.authorizer.error',
      principalId: '$context.authorizer.principalId',
      errorType: '$context.error.responseType',
      errorMessage: '$context.error.message',
      sourceIp: '$context.identity.sourceIp',
      userAgent: '$context.identity.userAgent',
      xrayTraceId: '$context.xrayTraceId',
    }),
  );
