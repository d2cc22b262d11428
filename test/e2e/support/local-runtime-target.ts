import type { E2eTarget } from './e2e-target';
import { LocalEndpointsClient } from './local-endpoints-client';

export interface LocalRuntimeTargetSettings {
  url: string;
  description: string;
  webhookSecret?: string;
  throttlesLikeStage: boolean;
  /** Set when the runtime's provider never sends tok_async's webhook and this is the stage's timeout. */
  asyncPaymentTimeoutSeconds?: number;
  stop(): Promise<void>;
}

/** A local runtime as a target: everything over HTTP, tokens, events and executions from its /_local endpoints. */
export function localRuntimeTarget(settings: LocalRuntimeTargetSettings): E2eTarget {
  const local = new LocalEndpointsClient(settings.url);
  return {
    description: settings.description,
    url: settings.url,
    tokenFor: (sub, groups) => local.token(sub, groups),
    events: local.eventObserver(),
    webhookSecret: settings.webhookSecret,
    executionsOf: (orderId) => local.executions(orderId),
    sentMessages: { mail: () => local.mail(), texts: () => local.texts() },
    capabilities: {
      localEndpoints: true,
      throttlesLikeStage: settings.throttlesLikeStage,
      simulatorSendsAsyncWebhooks: settings.asyncPaymentTimeoutSeconds === undefined,
      asyncPaymentTimeoutSeconds: settings.asyncPaymentTimeoutSeconds,
      readsSentMessages: true,
      emailFeedback: true,
    },
    stop: settings.stop,
  };
}
