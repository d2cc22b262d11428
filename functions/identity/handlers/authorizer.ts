import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { logger, tracer } from '../../shared/powertools';
import { bearerToken, createTokenVerifier, InvalidTokenError, type TokenVerifierSettings } from '../domain/token-verifier';

function tokenUseOf(value: string | undefined): TokenVerifierSettings['tokenUse'] {
  if (value === undefined || value === '') return undefined;
  if (value === 'access' || value === 'id') return value;
  throw new Error(`JWT_TOKEN_USE is "${value}"; it is "access", "id" or unset`);
}

const verify = createTokenVerifier({
  issuer: process.env.JWT_ISSUER ?? '',
  audience: process.env.JWT_AUDIENCE ?? '',
  jwksUrl: process.env.JWKS_URL,
  jwksJson: process.env.JWKS_JSON,
  tokenUse: tokenUseOf(process.env.JWT_TOKEN_USE),
});

/**
 * The policy covers every method of the stage: API Gateway caches it by token and reuses it for the
 * caller's next requests to other routes. Per-route rules (admin, ownership) live in the handlers.
 */
function stageWildcard(methodArn: string): string {
  // arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}
  const [apiArn, stage] = methodArn.split('/');
  return `${apiArn}/${stage}/*/*`;
}

/** REQUEST authorizer. Throwing `Unauthorized` is how API Gateway is told to answer 401. */
async function authorize(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const token = bearerToken(header);
  if (!token) throw new Error('Unauthorized');
  try {
    const identity = await verify(token);
    return {
      principalId: identity.sub,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: stageWildcard(event.methodArn) }],
      },
      // Context values must be scalars: groups travel comma-joined.
      context: { sub: identity.sub, groups: identity.groups.join(',') },
    };
  } catch (error) {
    if (error instanceof InvalidTokenError) {
      logger.info('token rejected', { reason: error.message });
      throw new Error('Unauthorized');
    }
    throw error;
  }
}

export const handler = middy(authorize).use(captureLambdaHandler(tracer)).use(injectLambdaContext(logger, { resetKeys: true }));
