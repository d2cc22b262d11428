import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { ENVIRONMENT } from '#contracts/environment';
import { logger } from '#shared/powertools';
import { createTokenVerifier, type TokenVerifierSettings } from '../adapters/jose-token-verifier';
import { authorize } from '../application/authorize';
import type { TokenVerifier } from '../domain/ports';

function tokenUseOf(value: string | undefined): TokenVerifierSettings['tokenUse'] {
  if (value === undefined || value === '') return undefined;
  if (value === 'access' || value === 'id') return value;
  throw new Error(`${ENVIRONMENT.jwtTokenUse} is "${value}"; it is "access", "id" or unset`);
}

/** REQUEST authorizer. Throwing `Unauthorized` is how API Gateway is told to answer 401. */
export function authorizerHandler(verify: TokenVerifier) {
  const authorizeRequest = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
    const decision = await authorize(verify, header, event.methodArn);
    if (decision.kind === 'unauthorized') {
      if (decision.reason) logger.info('token rejected', { reason: decision.reason });
      throw new Error('Unauthorized');
    }
    return {
      principalId: decision.principalId,
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: decision.policyResource }] },
      context: decision.context,
    };
  };
  return middy(authorizeRequest).use(injectLambdaContext(logger, { resetKeys: true }));
}

export const handler = authorizerHandler(
  createTokenVerifier({
    issuer: process.env[ENVIRONMENT.jwtIssuer] ?? '',
    audience: process.env[ENVIRONMENT.jwtAudience] ?? '',
    jwksUrl: process.env[ENVIRONMENT.jwksUrl],
    jwksJson: process.env[ENVIRONMENT.jwksJson],
    tokenUse: tokenUseOf(process.env[ENVIRONMENT.jwtTokenUse]),
  }),
);
