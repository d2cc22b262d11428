import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { ENVIRONMENT } from '#contracts/environment';
import type { NotifyCustomerPorts } from '../application/notify-customer';
import { HandlebarsTemplates } from './handlebars-templates';
import { notificationRecords, orderContacts } from './notification-stores';
import { SesEmailSender } from './ses-email-sender';
import { SnsSmsSender } from './sns-sms-sender';

/**
 * The customer notifications' adapters on the stage's services. A channel the stage does not set up
 * (no sender address, SMS off: lib/config's `notifications`) is left out, and its notifications skipped.
 * The SDK clients take their endpoints from the environment (AWS_ENDPOINT_URL_SESV2 / _SNS locally).
 */
export function customerNotificationAdapters(env: NodeJS.ProcessEnv = process.env): NotifyCustomerPorts {
  const fromAddress = env[ENVIRONMENT.emailFromAddress];
  const configurationSetName = env[ENVIRONMENT.sesConfigurationSet];
  return {
    records: notificationRecords(),
    orders: orderContacts(),
    templates: new HandlebarsTemplates(),
    ...(fromAddress && configurationSetName ? { email: new SesEmailSender({ client: new SESv2Client({}), fromAddress, configurationSetName }) } : {}),
    ...(env[ENVIRONMENT.smsEnabled] === 'true' ? { sms: new SnsSmsSender(new SNSClient({})) } : {}),
  };
}
