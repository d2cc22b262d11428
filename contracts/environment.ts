/**
 * The environment variables the wiring gives a function (lib/wiring/function-environment.ts sets
 * them, from what the function may access) and the functions read: named once, here. The state
 * machines' ARN variables are in state-machines.ts, the CORS policy's in cors.ts.
 */
export const ENVIRONMENT = {
  stage: 'STAGE',
  /** The one table (functions that may read or write it). */
  tableName: 'TABLE_NAME',
  /** The domain bus (functions that may publish events). */
  eventBusName: 'EVENT_BUS_NAME',
  /** The stage's wait for an asynchronous payment authorization (functions that read the saga settings). */
  paymentAuthorizationTimeoutSeconds: 'PAYMENT_AUTHORIZATION_TIMEOUT_SECONDS',
  /** The stage's token issuer (the authorizer). */
  jwtIssuer: 'JWT_ISSUER',
  jwtAudience: 'JWT_AUDIENCE',
  jwksUrl: 'JWKS_URL',
  jwksJson: 'JWKS_JSON',
  jwtTokenUse: 'JWT_TOKEN_USE',
  /** The sender address of customer e-mail, on the stage's verified SES identity (functions that send e-mail). */
  emailFromAddress: 'NOTIFICATION_EMAIL_FROM',
  /** The SES configuration set every customer e-mail is sent with: its events update the notification records. */
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  /** `true` when the stage sends text messages (functions that send SMS). */
  smsEnabled: 'NOTIFICATION_SMS_ENABLED',
  /** The payment provider's adapter, `simulator` or `http` (functions that call the provider). */
  paymentProvider: 'PAYMENT_PROVIDER',
  /** With `http`: the provider API's origin. */
  paymentProviderUrl: 'PAYMENT_PROVIDER_URL',
} as const;

/**
 * The payment provider's API key (with `http`), read like a secret: `<NAME>_SECRET_ARN` when deployed (a
 * secret the deployer created; the stack only reads it), `<NAME>` itself in the local runtime.
 */
export const PAYMENT_PROVIDER_API_KEY = 'PAYMENT_PROVIDER_API_KEY';

/**
 * Secrets by name. A deployed function gets `<NAME>_SECRET_ARN` and fetches the value from Secrets
 * Manager; the local runtime and tests give `<NAME>`, the value itself.
 */
export const SECRET_NAMES = ['CURSOR_SIGNING_KEY', 'PAYMENT_WEBHOOK_SECRET'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export const secretArnVariable = (name: string): string => `${name}_SECRET_ARN`;
