import { z } from 'zod';

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

const authSchema = z.discriminatedUnion('kind', [
  /** The stack creates a Cognito user pool, an app client and an `admin` group; the authorizer trusts it. */
  z.object({ kind: z.literal('cognito') }).strict(),
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
    /** Where alarm notifications go (an e-mail subscription on the alarm topic); none when absent. */
    notificationEmail: z.email().optional(),
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
    logRetentionDays: z
      .number()
      .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
        message: `CloudWatch Logs accepts only ${LOG_RETENTION_DAYS.join(', ')} days`,
      }),
    /** Keep the table, the event archive and the log groups when the stack is deleted (prod). */
    retainData: z.boolean(),
    deletionProtection: z.boolean(),
    /** `aws-managed`: the aws/dynamodb KMS key. `customer-managed`: a key this stack creates, with rotation. */
    tableEncryption: z.enum(['aws-managed', 'customer-managed']),
    alarms: alarmsSchema,
    saga: z
      .object({
        /** How long the saga waits for the payment provider's webhook before compensating. */
        asyncPaymentTimeoutSeconds: z.number().int().min(60).max(86_400),
      })
      .strict(),
    /** X-Ray on API Gateway, Lambda and Step Functions (LocalStack's free tier has no X-Ray). */
    tracing: z.boolean(),
    eventArchiveRetentionDays: z.number().int().min(1).max(3650),
    /**
     * An SQS queue that receives a copy of every domain event, so that the end-to-end suite can watch
     * the bus of a deployed stack (test/e2e). Test stages only: it copies customer data out of the bus.
     */
    eventsTestTap: z.boolean().default(false),
  })
  .strict()
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
