import { readFileSync } from 'node:fs';
import type { DeployInputs } from './load-stage-config';

/**
 * Reads the deploy-time inputs from CDK context (`-c key=value`) or, for scripts, the environment.
 * Context wins. What prod needs is in README.md ("Deploying to AWS").
 *
 * | context | environment | |
 * |---|---|---|
 * | `jwksJson` / `jwksFile` | ORDERSAGA_JWKS_JSON / ORDERSAGA_JWKS_FILE | an external issuer's key set, inline or from a file |
 * | `alarmEmail` | ORDERSAGA_ALARM_EMAIL | addresses subscribed to the alarm topic, comma-separated |
 * | `alarmTopicArn` | ORDERSAGA_ALARM_TOPIC_ARN | existing SNS topics every alarm also notifies, comma-separated |
 * | `userPoolFromAddress` | ORDERSAGA_USER_POOL_FROM_ADDRESS | the user pool's sender address |
 * | `userPoolSesIdentityArn` | ORDERSAGA_USER_POOL_SES_IDENTITY_ARN | the verified SES identity it sends through |
 * | `notificationFromAddress` | ORDERSAGA_NOTIFICATION_FROM_ADDRESS | the sender of the customer e-mails |
 * | `notificationSesIdentityArn` | ORDERSAGA_NOTIFICATION_SES_IDENTITY_ARN | the verified SES identity they are sent through |
 * | `paymentProviderUrl` | ORDERSAGA_PAYMENT_PROVIDER_URL | a real payment provider's API origin (https) |
 * | `paymentProviderApiKeySecretArn` | ORDERSAGA_PAYMENT_PROVIDER_API_KEY_SECRET_ARN | the Secrets Manager secret holding its API key |
 * | `paymentProviderApiKeyKmsKeyArn` | ORDERSAGA_PAYMENT_PROVIDER_API_KEY_KMS_KEY_ARN | the KMS key that secret is encrypted with, if not aws/secretsmanager |
 */
export function readDeployInputs(context: (key: string) => unknown, env: NodeJS.ProcessEnv = process.env): DeployInputs {
  const read = (key: string, variable: string): string | undefined => stringOrUndefined(context(key)) ?? nonEmpty(env[variable]);
  const inputs: DeployInputs = {};

  const jwksJson = read('jwksJson', 'ORDERSAGA_JWKS_JSON');
  const jwksFile = read('jwksFile', 'ORDERSAGA_JWKS_FILE');
  if (jwksJson !== undefined) inputs.jwksJson = jwksJson;
  else if (jwksFile !== undefined) inputs.jwksJson = readFileSync(jwksFile, 'utf8');

  const alarmEmails = list(read('alarmEmail', 'ORDERSAGA_ALARM_EMAIL'));
  const alarmTopicArns = list(read('alarmTopicArn', 'ORDERSAGA_ALARM_TOPIC_ARN'));
  if (alarmEmails.length > 0) inputs.alarmEmails = alarmEmails;
  if (alarmTopicArns.length > 0) inputs.alarmTopicArns = alarmTopicArns;

  const fromAddress = read('userPoolFromAddress', 'ORDERSAGA_USER_POOL_FROM_ADDRESS');
  const sesIdentityArn = read('userPoolSesIdentityArn', 'ORDERSAGA_USER_POOL_SES_IDENTITY_ARN');
  // Half a setting is passed on as given, so that validation names the missing half.
  if (fromAddress !== undefined || sesIdentityArn !== undefined) inputs.userPoolEmail = { fromAddress, sesIdentityArn };

  const notificationFrom = read('notificationFromAddress', 'ORDERSAGA_NOTIFICATION_FROM_ADDRESS');
  const notificationIdentity = read('notificationSesIdentityArn', 'ORDERSAGA_NOTIFICATION_SES_IDENTITY_ARN');
  if (notificationFrom !== undefined || notificationIdentity !== undefined) {
    inputs.notificationEmail = { fromAddress: notificationFrom, ...(notificationIdentity === undefined ? {} : { sesIdentityArn: notificationIdentity }) };
  }

  const providerUrl = read('paymentProviderUrl', 'ORDERSAGA_PAYMENT_PROVIDER_URL');
  const providerKeyArn = read('paymentProviderApiKeySecretArn', 'ORDERSAGA_PAYMENT_PROVIDER_API_KEY_SECRET_ARN');
  const providerKeyKmsKeyArn = read('paymentProviderApiKeyKmsKeyArn', 'ORDERSAGA_PAYMENT_PROVIDER_API_KEY_KMS_KEY_ARN');
  if (providerUrl !== undefined || providerKeyArn !== undefined || providerKeyKmsKeyArn !== undefined) {
    inputs.paymentProvider = { url: providerUrl, apiKeySecretArn: providerKeyArn, apiKeyKmsKeyArn: providerKeyKmsKeyArn };
  }
  return inputs;
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

function stringOrUndefined(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  // CDK parses `-c key=value` as JSON when it can, so an inline JWKS may arrive as an object.
  return typeof value === 'string' ? value : JSON.stringify(value);
}
