import { SQSClient } from '@aws-sdk/client-sqs';
import { existsSync, readFileSync } from 'node:fs';
import type { E2eTarget } from './e2e-target';
import type { UrlTargetSettings } from './e2e-target-settings';
import { createJwtTokenSigner } from './jwt-token-signer';
import { SqsEventObserver } from './sqs-event-observer';

/**
 * Region, credentials and endpoint come from the environment like any SDK client's. With an endpoint
 * set (AWS_ENDPOINT_URL for LocalStack) the calls go there, not to the host in the queue URL
 * (`sqs.<region>.localhost.localstack.cloud`, which needs public DNS).
 */
function tapQueueClient(env: NodeJS.ProcessEnv = process.env): SQSClient {
  return new SQSClient(env.AWS_ENDPOINT_URL_SQS || env.AWS_ENDPOINT_URL ? { useQueueUrlAsEndpoint: false } : {});
}

/** API Gateway on AWS enforces stage and method throttles; LocalStack's free tier does not. */
const enforcesThrottlingByDefault = (apiUrl: string): boolean => new URL(apiUrl).hostname.endsWith('.amazonaws.com');

/**
 * A deployed stack (LocalStack or AWS) as a black box: tokens signed with the e2e issuer's private
 * key, events from the SQS test tap.
 */
export async function startDeployedStackTarget(settings: UrlTargetSettings): Promise<E2eTarget> {
  if (!existsSync(settings.signingKeyFile)) {
    throw new Error(
      `No signing key at ${settings.signingKeyFile}. Run npm run e2e:keys, deploy with -c jwksFile=.e2e/issuer-jwks.json, then set E2E_SIGNING_KEY_FILE if the key is elsewhere.`,
    );
  }
  if (!settings.eventsQueueUrl) {
    throw new Error(
      'E2E_EVENTS_QUEUE_URL is required for a deployed stack: the stack output EventsTestTapQueueUrl (stages with eventsTestTap: dev, localstack).',
    );
  }
  const tokenFor = await createJwtTokenSigner({
    privateJwk: JSON.parse(readFileSync(settings.signingKeyFile, 'utf8')),
    issuer: settings.issuer,
    audience: settings.audience,
  });
  const events = new SqsEventObserver({ client: tapQueueClient(), queueUrl: settings.eventsQueueUrl });
  return {
    description: `the deployed stack at ${settings.apiUrl}`,
    url: settings.apiUrl,
    tokenFor,
    events,
    webhookSecret: settings.webhookSecret,
    executionsOf: () => Promise.reject(new Error('a deployed stack has no /_local/executions: check capabilities.localEndpoints first')),
    sentMessages: {
      mail: () => Promise.reject(new Error("a deployed stack's e-mails leave for real inboxes: check capabilities.readsSentMessages first")),
      texts: () => Promise.reject(new Error("a deployed stack's texts leave for real phones: check capabilities.readsSentMessages first")),
    },
    capabilities: {
      localEndpoints: false,
      throttlesLikeStage: settings.stageThrottling ?? enforcesThrottlingByDefault(settings.apiUrl),
      simulatorSendsAsyncWebhooks: false,
      // A deployed stage's simulator never completes tok_async by itself: only its timeout does.
      asyncPaymentTimeoutSeconds: settings.asyncPaymentTimeoutSeconds,
      readsSentMessages: false,
      emailFeedback: settings.emailFeedback ?? false,
    },
    stop: () => events.close(),
  };
}
