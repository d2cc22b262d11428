import type { ContextWiring } from '#contracts/wiring';
import { functionsIn } from '#contracts/wiring-declarations';

const identityFunction = functionsIn('identity', { memorySize: 512, timeoutSeconds: 5 });

/** The identity context: the API's REQUEST authorizer, in front of every route whose auth is not `none`. */
export const identityWiring: ContextWiring = {
  functions: [
    identityFunction({
      id: 'authorizer',
      context: 'identity',
      description: 'REQUEST authorizer: verifies the bearer JWT against the stage issuer',
      access: { verifiesTokens: true },
    }),
  ],
  authorizer: {
    functionId: 'authorizer',
    identitySource: 'Authorization',
    resultTtlSeconds: 300,
  },
};
