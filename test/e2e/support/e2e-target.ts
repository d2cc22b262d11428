import type { ThrottleConfig } from '#lib/config';
import type { EventObserver } from './carried-event';
import { startDeployedStackTarget } from './deployed-stack-target';
import { readE2eTargetSettings } from './e2e-target-settings';
import { startInProcessRuntimeTarget } from './in-process-runtime-target';
import { LocalEndpointsClient, type SagaExecution, type SentMail, type SentText } from './local-endpoints-client';
import { localRuntimeTarget } from './local-runtime-target';

/** What a target can do beyond the API itself; a test that needs one asserts that part only where it is true, and says so in its title. */
export interface E2eCapabilities {
  /** `/_local/token`, `/_local/events`, `/_local/executions` (a local runtime): saga execution histories are visible. */
  localEndpoints: boolean;
  /** The stage's throttles are enforced (429 + Retry-After); LocalStack does not enforce API Gateway throttling. */
  throttlesLikeStage: boolean;
  /** The payment simulator sends tok_async's webhook itself (the local runtime); elsewhere only the suite can, with `webhookSecret`. */
  simulatorSendsAsyncWebhooks: boolean;
  /**
   * The async payment timeout this target applies, when the suite knows it and no webhook will come
   * first (a provider that never completes tok_async): the timeout path can then be waited for.
   */
  asyncPaymentTimeoutSeconds?: number;
  /**
   * The messages sent can be read (`sentMessages`): a local runtime keeps what its SES and SNS sent
   * (/_local/mail, /_local/sms). A deployed stack's messages leave for real inboxes and phones.
   */
  readsSentMessages: boolean;
  /**
   * The e-mail provider reports what became of a message (SES's configuration set events reach the
   * notification records: `delivered`, `bounced`): a local runtime; a deployed stack whose stage has a
   * verified sender identity and sends to SES's mailbox simulator (E2E_EMAIL_FEEDBACK=true). LocalStack
   * publishes no SES events.
   */
  emailFeedback: boolean;
}

/** What a target's SES and SNS sent (the local runtime's /_local/mail and /_local/sms). */
export interface SentMessages {
  mail(): Promise<SentMail[]>;
  texts(): Promise<SentText[]>;
}

/** The system the e2e suites talk to: a local runtime, LocalStack or AWS. */
export interface E2eTarget {
  /** For messages: what is being tested. */
  description: string;
  /** The base the routes hang off (route paths start with /api/v1), without a trailing slash. */
  url: string;
  /** A bearer token for `sub` with these groups (`admin` grants the admin routes). */
  tokenFor(sub: string, groups?: string[]): Promise<string>;
  events: EventObserver;
  /** The payment webhook's signing secret, where the suite knows it. */
  webhookSecret?: string;
  /** The saga executions of an order; only with `capabilities.localEndpoints`. */
  executionsOf(orderId: string): Promise<SagaExecution[]>;
  /** The e-mails and texts sent; only with `capabilities.readsSentMessages`. */
  sentMessages: SentMessages;
  capabilities: E2eCapabilities;
  stop(): Promise<void>;
}

export interface E2eTargetOptions {
  /**
   * Only for a runtime the suite starts itself: method throttles instead of the local stage's (`{}`
   * lifts the POST /orders limit). The target then no longer throttles like the stage.
   */
  methodThrottles?: Record<string, ThrottleConfig>;
  /**
   * Only for a runtime the suite starts itself: the stage's async payment timeout, with a provider that
   * never sends tok_async's webhook, so the saga's timeout path runs.
   */
  asyncPaymentTimeoutSeconds?: number;
}

/**
 * Without API_URL: a local runtime started in this process, spoken to over HTTP only. With API_URL:
 * that URL, as a local runtime if it answers /_local/events (`npm start`), else as a deployed stack
 * (LocalStack or AWS). See e2e-target-settings.ts for the environment it reads.
 */
export async function startE2eTarget(options: E2eTargetOptions = {}): Promise<E2eTarget> {
  const settings = readE2eTargetSettings();
  if (settings.kind === 'in-process') return startInProcessRuntimeTarget(options);
  if (await LocalEndpointsClient.isLocalRuntime(settings.apiUrl)) {
    return localRuntimeTarget({
      url: settings.apiUrl,
      description: `the local runtime at ${settings.apiUrl}`,
      webhookSecret: settings.webhookSecret,
      throttlesLikeStage: settings.stageThrottling ?? true,
      stop: async () => undefined,
    });
  }
  return startDeployedStackTarget(settings);
}
