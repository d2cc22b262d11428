import * as z from 'zod';

/**
 * The shape of one stage's settings, validated with zod so that a typo or an out-of-range value fails
 * `cdk synth` (and `npm start`) with a message naming the setting, instead of deploying something odd.
 * Objects are strict: an unknown key is an error, because it is almost always a misspelt one.
 */

export const STAGE_NAMES = ['dev', 'prod', 'localstack', 'local'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** The retention periods CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** `POST /api/v1/orders`: a method and a route path exactly as the route table writes it. */
const METHOD_ROUTE_KEY = /^(GET|POST|PUT|PATCH|DELETE) \/api\/v1(\/[A-Za-z0-9_.{}-]+)+$/;

/** A browser origin: scheme, host and optional port, nothing after. */
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

const throttleSchema = z
  .object({
    rateLimit: z.number().positive().max(10_000),
    burstLimit: z.number().int().positive().max(5_000),
  })
  .strict();

const apiSchema = z
  .object({
    /** Stage-wide default for every method. */
    throttle: throttleSchema,
    /** Stricter (or looser) limits for single methods, keyed `METHOD /api/v1/path`. */
    methodThrottles: z.record(z.string(), throttleSchema).superRefine((throttles, ctx) => {
      // Checked here rather than as a key schema, whose failure zod reports only as "Invalid key in record".
      for (const key of Object.keys(throttles).filter((candidate) => !METHOD_ROUTE_KEY.test(candidate))) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'a method throttle key is "METHOD /api/v1/path", e.g. "POST /api/v1/orders"' });
      }
    }),
    corsAllowOrigins: z
      .array(z.union([z.literal('*'), z.string().regex(ORIGIN, 'an origin is scheme://host[:port] with no path, e.g. https://shop.example.com')]))
      .min(1),
    /** Whether browsers may send cookies/credentials; the API itself uses bearer tokens, so normally false. */
    corsAllowCredentials: z.boolean(),
  })
  .strict()
  .superRefine((api, ctx) => {
    if (api.corsAllowOrigins.includes('*') && api.corsAllowOrigins.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['corsAllowOrigins'], message: '"*" allows every origin; list it alone or list origins' });
    }
    if (api.corsAllowOrigins.includes('*') && api.corsAllowCredentials) {
      ctx.addIssue({ code: 'custom', path: ['corsAllowOrigins'], message: '"*" is never allowed together with corsAllowCredentials: true' });
    }
  });

const jwksJsonSchema = z.string().superRefine((text, ctx) => {
  try {
    const parsed = JSON.parse(text) as { keys?: unknown };
    if (!Array.isArray(parsed.keys)) ctx.addIssue({ code: 'custom', message: 'a JWKS is a JSON object with a "keys" array' });
  } catch {
    ctx.addIssue({ code: 'custom', message: 'jwksJson is not valid JSON' });
  }
});

/** `arn:aws:ses:eu-west-1:123456789012:identity/shop.example.com`: a verified SES identity (domain or address). */
const SES_IDENTITY_ARN = /^arn:aws[a-z-]*:ses:([a-z0-9-]+):(\d{12}):identity\/(.+)$/;

/** The region and identity (a domain or an address) of a verified SES identity's ARN. */
export function sesIdentityOf(arn: string): { region: string; account: string; identity: string } | undefined {
  const match = SES_IDENTITY_ARN.exec(arn);
  return match ? { region: match[1]!, account: match[2]!, identity: match[3]! } : undefined;
}

/** An address belongs to an identity that is the address itself, its domain or a parent domain of it. */
const addressBelongsTo = (address: string, identity: string): boolean => {
  const lower = address.toLowerCase();
  const id = identity.toLowerCase();
  if (id.includes('@')) return lower === id;
  const domain = lower.slice(lower.lastIndexOf('@') + 1);
  return domain === id || domain.endsWith(`.${id}`);
};

/**
 * How the user pool sends its e-mail (sign-up codes, password resets). Absent: Cognito's own sender,
 * which AWS limits to 50 e-mails a day per account ("Email settings for Amazon Cognito user pools").
 */
const userPoolEmailSchema = z
  .object({
    /** The sender address; it must belong to the SES identity. */
    fromAddress: z.email(),
    /** The verified SES identity (in this account) Cognito sends through. */
    sesIdentityArn: z.string().regex(SES_IDENTITY_ARN, 'an SES identity ARN is arn:aws:ses:<region>:<account>:identity/<domain or address>'),
  })
  .strict()
  .refine((email) => addressBelongsTo(email.fromAddress, sesIdentityOf(email.sesIdentityArn)?.identity ?? ''), {
    message: 'fromAddress must be the SES identity itself or an address on its domain',
    path: ['fromAddress'],
  });

/**
 * What the stage tells customers through (functions/notifications, docs/notifications.md). E-mail goes
 * through SES from `fromAddress`, which must be on a verified SES identity of the deploying account
 * and region: `sesIdentityArn` names it (absent: the address itself, or its domain, in the stack's own
 * account and region). Without `email` the stage sends no e-mail (and says so at synth). SMS goes through
 * SNS to the order's phone number.
 */
const notificationsSchema = z
  .object({
    email: z
      .object({
        fromAddress: z.email(),
        sesIdentityArn: z.string().regex(SES_IDENTITY_ARN, 'an SES identity ARN is arn:aws:ses:<region>:<account>:identity/<domain or address>').optional(),
      })
      .strict()
      .refine((email) => email.sesIdentityArn === undefined || addressBelongsTo(email.fromAddress, sesIdentityOf(email.sesIdentityArn)?.identity ?? ''), {
        message: 'fromAddress must be the SES identity itself or an address on its domain',
        path: ['fromAddress'],
      })
      .optional(),
    /** Text messages when an order ships (SNS Publish to the order's phone number). */
    sms: z.boolean(),
  })
  .strict();

/** `arn:aws:secretsmanager:eu-west-1:123456789012:secret:ordersaga/payment-provider-Ab12Cd`: a secret's complete ARN. */
const SECRET_COMPLETE_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/;

/** `arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`: a KMS key by its ARN (not an alias). */
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

/**
 * The payment provider the saga's steps and the refund route call (docs/saga.md, "Payment provider").
 * `simulator`: the in-sandbox simulator: the card test tokens decide, no money moves, and its state is
 * per sandbox. `http`: a PaymentIntents-style provider at `url`, authenticated with the API
 * key held in the Secrets Manager secret `apiKeySecretArn`, which the deployer creates with the key the
 * provider issued (the value never passes through the stack or the repository; the stack grants read
 * access to it, to those functions only).
 */
const paymentsSchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('simulator') }).strict(),
  z
    .object({
      provider: z.literal('http'),
      url: z.url({ protocol: /^https$/, error: 'the payment provider is called over HTTPS: https://host[:port]' }),
      apiKeySecretArn: z
        .string()
        .regex(
          SECRET_COMPLETE_ARN,
          "a secret's complete ARN, with the 6-character suffix Secrets Manager adds (aws secretsmanager describe-secret --secret-id <name> --query ARN)",
        ),
      /**
       * The KMS key the secret is encrypted with, when it is not the account's `aws/secretsmanager`:
       * the functions may then decrypt with it, through Secrets Manager only. Its key policy must allow
       * the account's IAM policies to grant that (a key's default policy does).
       */
      apiKeyKmsKeyArn: z.string().regex(KMS_KEY_ARN, "a KMS key's ARN, arn:aws:kms:<region>:<account>:key/<key id> (not an alias)").optional(),
    })
    .strict(),
]);

const authSchema = z.discriminatedUnion('kind', [
  /** The stack creates a Cognito user pool, an app client and an `admin` group; the authorizer trusts it. */
  z
    .object({
      kind: z.literal('cognito'),
      /** Shoppers may create their own accounts (sign-up sends them a verification e-mail). */
      selfSignUp: z.boolean(),
      email: userPoolEmailSchema.optional(),
    })
    .strict(),
  /** Any OIDC issuer; its key set by URL, or inline (LocalStack has no Cognito, the local runtime mints its own). */
  z
    .object({
      kind: z.literal('external'),
      issuer: z.url(),
      audience: z.string().min(1),
      jwksUrl: z.url({ protocol: /^https$/ }).optional(),
      jwksJson: jwksJsonSchema.optional(),
    })
    .strict()
    .refine((auth) => (auth.jwksUrl === undefined) !== (auth.jwksJson === undefined), {
      message: 'an external issuer needs exactly one of jwksUrl or jwksJson',
    }),
]);

const alarmsSchema = z
  .object({
    /** Percentage of API requests answered 5xx over 5 minutes. */
    api5xxRatePercent: z.number().positive().max(100),
    /** The latency objective: p99 of API requests, in milliseconds. */
    apiP99LatencyMs: z.number().int().positive(),
    /** Lambda errors per function in 5 minutes. */
    lambdaErrors: z.number().int().positive(),
    /** Lambda throttles per function in 5 minutes. */
    lambdaThrottles: z.number().int().positive(),
    /** Failed, timed-out or aborted saga executions in 5 minutes. */
    failedSagaExecutions: z.number().int().positive(),
    /** Messages waiting in any dead-letter queue. */
    dlqDepth: z.number().int().positive(),
    /**
     * Who hears the alarms: e-mail addresses subscribed to the stage's alarm topic, and existing SNS
     * topics (an on-call tool's) that every alarm notifies as well. Deploy inputs (lib/config/deploy-inputs.ts).
     */
    notify: z
      .object({
        emails: z.array(z.email()).default([]),
        // CloudWatch takes at most 5 actions per alarm state; the stage's own topic is one of them.
        topicArns: z
          .array(z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, 'an SNS topic ARN is arn:aws:sns:<region>:<account>:<name>'))
          .max(4)
          .default([]),
      })
      .strict()
      .default({ emails: [], topicArns: [] }),
  })
  .strict();

/**
 * The web ACL on the REST API stage (lib/constructs/api-firewall.ts): AWS's common rule set and
 * rate-based rules whose limits (requests per WAF evaluation window) come from the capacity model.
 */
const firewallSchema = z
  .object({
    enabled: z.boolean(),
    /** Per bearer token (the Authorization header), all routes. */
    requestsPerToken: z.number().int().min(10),
    /** Per source address, on the open routes that are not provider callbacks (health, the OpenAPI document). */
    openRouteRequestsPerAddress: z.number().int().min(10),
    /** Per source address, on the payment provider's webhook. */
    webhookRequestsPerAddress: z.number().int().min(10),
  })
  .strict();

/** Limits derived from the capacity model (lib/config/capacity-model.ts) that are not the API's. */
const capacitySchema = z
  .object({
    /** Concurrent batches per stream shard, by stream consumer id (Lambda's ParallelizationFactor). */
    streamParallelization: z.record(z.string(), z.number().int().min(1).max(10)),
    /** DynamoDB warm throughput in write units per second, where bursts need more than a new table serves. */
    tableWarmWriteUnitsPerSecond: z.number().int().min(1).optional(),
  })
  .strict();

export const stageConfigSchema = z
  .object({
    stage: z.enum(STAGE_NAMES),
    api: apiSchema,
    auth: authSchema,
    logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']),
    /**
     * Share of invocations logged at DEBUG whatever logLevel says (Powertools debug sampling), 0 to 1.
     * Above 0, Powertools does the level filtering: Lambda's log-level controls (which would always win
     * over the sampled DEBUG level) are left off for that stage.
     */
    logDebugSampleRate: z.number().min(0).max(1).default(0),
    logRetentionDays: z.number().refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
      message: `CloudWatch Logs accepts only ${LOG_RETENTION_DAYS.join(', ')} days`,
    }),
    /**
     * `customer-managed`: every log group of the stack is encrypted with a KMS key the stack creates
     * (with rotation). `cloudwatch-managed`: CloudWatch Logs' own encryption at rest.
     */
    logEncryption: z.enum(['cloudwatch-managed', 'customer-managed']),
    /** Keep the table and the log groups when the stack is deleted (prod). */
    retainData: z.boolean(),
    deletionProtection: z.boolean(),
    /** `aws-managed`: the aws/dynamodb KMS key. `customer-managed`: a key this stack creates, with rotation. */
    tableEncryption: z.enum(['aws-managed', 'customer-managed']),
    alarms: alarmsSchema,
    saga: z
      .object({
        /** How long the saga waits for the payment provider's webhook before compensating. */
        asyncPaymentTimeoutSeconds: z.number().int().min(60).max(86_400),
        /**
         * The order saga's workflow type (docs/saga.md, "Standard or Express"): `standard` keeps every
         * execution's history in Step Functions for 90 days and bills per state transition; `express`
         * bills per request and duration (a happy order for a fraction of the price) and keeps its
         * history only in CloudWatch Logs. What waits is always Standard.
         */
        workflowType: z.enum(['standard', 'express']).default('standard'),
        /**
         * What an Express saga logs to CloudWatch Logs, its only record of an execution (`ALL`: every
         * event; `ERROR`: the failures; `FATAL`: failed executions only; `OFF`). Logs are billed per GB
         * ingested, so ALL costs more than the executions themselves. Standard machines log ALL.
         */
        expressLogLevel: z.enum(['ALL', 'ERROR', 'FATAL', 'OFF']).default('ERROR'),
      })
      .strict(),
    notifications: notificationsSchema,
    payments: paymentsSchema.default({ provider: 'simulator' }),
    /** X-Ray on API Gateway, Lambda and Step Functions (LocalStack's free tier has no X-Ray). */
    tracing: z.boolean(),
    eventArchiveRetentionDays: z.number().int().min(1).max(3650),
    /**
     * An SQS queue that receives a copy of every domain event, so that the end-to-end suite can watch
     * the bus of a deployed stack (test/e2e). Test stages only: it copies customer data out of the bus.
     */
    eventsTestTap: z.boolean().default(false),
    /** Deploy the example of another team's subscription (a rule and the queue it fills). */
    exampleSubscriber: z.boolean().default(false),
    firewall: firewallSchema,
    capacity: capacitySchema,
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.stage !== 'prod') return;
    const { emails, topicArns } = config.alarms.notify;
    if (emails.length + topicArns.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['alarms', 'notify'],
        message:
          'prod alarms must reach someone: deploy with -c alarmEmail=<address>[,<address>…] and/or -c alarmTopicArn=<SNS topic ARN> (or ORDERSAGA_ALARM_EMAIL / ORDERSAGA_ALARM_TOPIC_ARN)',
      });
    }
    if (config.auth.kind === 'cognito' && config.auth.selfSignUp && config.auth.email === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['auth', 'email'],
        message:
          "prod lets shoppers sign up and Cognito's own sender stops after 50 e-mails a day: deploy with -c userPoolFromAddress=<address> -c userPoolSesIdentityArn=<verified SES identity ARN> (or ORDERSAGA_USER_POOL_FROM_ADDRESS / ORDERSAGA_USER_POOL_SES_IDENTITY_ARN), or turn selfSignUp off",
      });
    }
    if (config.notifications.email?.sesIdentityArn === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['notifications', 'email'],
        message:
          'prod e-mails its customers: deploy with -c notificationFromAddress=<address> -c notificationSesIdentityArn=<verified SES identity ARN> (or ORDERSAGA_NOTIFICATION_FROM_ADDRESS / ORDERSAGA_NOTIFICATION_SES_IDENTITY_ARN)',
      });
    }
    if (!config.firewall.enabled) {
      ctx.addIssue({ code: 'custom', path: ['firewall', 'enabled'], message: 'prod faces the internet: its API stage always has the web ACL' });
    }
    if (config.payments.provider !== 'http') {
      ctx.addIssue({
        code: 'custom',
        path: ['payments'],
        message:
          'prod takes real payments, never the simulator (its test tokens would confirm orders nobody paid for): deploy with -c paymentProviderUrl=<https origin> -c paymentProviderApiKeySecretArn=<secret ARN> (or ORDERSAGA_PAYMENT_PROVIDER_URL / ORDERSAGA_PAYMENT_PROVIDER_API_KEY_SECRET_ARN)',
      });
    }
  })
  .superRefine((config, ctx) => {
    if (config.stage === 'prod' && config.eventsTestTap) {
      ctx.addIssue({
        code: 'custom',
        path: ['eventsTestTap'],
        message: 'the events test tap copies every domain event (customer data included) into a queue for the e2e suite; it is never deployed to prod',
      });
    }
  });

/** A stage's settings as written in `stages/*.ts` (before defaults and validation). */
export type StageConfigInput = z.input<typeof stageConfigSchema>;
/** A stage's validated settings. */
export type StageConfig = z.output<typeof stageConfigSchema>;
export type ThrottleConfig = z.output<typeof throttleSchema>;
export type AuthConfig = StageConfig['auth'];
export type AlarmThresholds = StageConfig['alarms'];
export type FirewallConfig = StageConfig['firewall'];
export type UserPoolEmailConfig = z.output<typeof userPoolEmailSchema>;
export type NotificationsConfig = StageConfig['notifications'];
