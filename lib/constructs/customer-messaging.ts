import { Annotations, ArnFormat, Stack } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, EmailSendingEvent, EventDestination, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { SES_EMAIL_EVENT_TYPES } from '#contracts/email-events';
import type { StageConfig } from '../config';
import type { FunctionEnvironmentInputs } from '../wiring';
import { acknowledgeNagRules, wildcardResource } from './nag-acknowledgements';
import type { ServiceFunction } from './service-function';

export interface CustomerMessagingProps {
  readonly config: Pick<StageConfig, 'notifications'>;
}

/** The account's default bus: SES publishes a configuration set's events to it and to no other ("EventBridgeDestination", SES API v2). */
const DEFAULT_BUS = 'default';

/**
 * What the notifications context sends through (docs/notifications.md): an SES configuration set every
 * customer e-mail goes out with, whose events (sent, delivered, bounced, complained, rejected) SES
 * puts on the default bus for the `emailStatus` rule; the sender identity of the stage config; and
 * the grants of the functions whose access says `sendsEmail` / `sendsSms`.
 */
export class CustomerMessaging extends Construct {
  readonly configurationSet: ConfigurationSet;
  /** For functionEnvironment(): what the functions are told. */
  readonly environment: NonNullable<FunctionEnvironmentInputs['notifications']>;
  private readonly config: CustomerMessagingProps['config'];

  constructor(scope: Construct, id: string, props: CustomerMessagingProps) {
    super(scope, id);
    this.config = props.config;
    this.configurationSet = new ConfigurationSet(this, 'EmailConfigurationSet', {
      reputationMetrics: true,
      // The account-level list, kept per configuration set: an address that bounced hard or complained is not mailed again.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('ToDefaultBus', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', DEFAULT_BUS)),
      events: SES_EMAIL_EVENT_TYPES.map((type) => EmailSendingEvent[type]),
    });
    const { email, sms } = props.config.notifications;
    this.environment = { configurationSetName: this.configurationSet.configurationSetName, smsEnabled: sms, emailFromAddress: email?.fromAddress };
    if (!email) {
      Annotations.of(this).addWarningV2(
        'ordersaga:noNotificationSender',
        'No sender for customer e-mail: this stage sends none. Deploy with -c notificationFromAddress=<address> (and -c notificationSesIdentityArn=<verified SES identity ARN>).',
      );
    }
  }

  /** SendEmail from the stage's identity with its configuration set (SES checks both: "Controlling access to Amazon SES"). */
  grantSendEmail(fn: ServiceFunction): void {
    const { email } = this.config.notifications;
    if (!email) return;
    const stack = Stack.of(this);
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          ...this.identityArns(email),
          stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }),
        ],
      }),
    );
  }

  /** Publish to phone numbers: a direct SMS has no topic, so no resource to name (IAM's resource is `*`). */
  grantSendSms(fn: ServiceFunction): void {
    if (!this.config.notifications.sms) return;
    fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    acknowledgeNagRules(
      fn,
      wildcardResource(
        '*',
        'SNS Publish to a phone number names no topic: IAM knows no resource for it. The action is sns:Publish only, and the role is this one function’s.',
      ),
    );
  }

  /**
   * The identity the sender address is on: the given ARN, or else the address's own identity and its
   * domain's, in the stack's account and region (SES authorizes against whichever is verified).
   */
  private identityArns(email: { fromAddress: string; sesIdentityArn?: string }): string[] {
    if (email.sesIdentityArn) return [email.sesIdentityArn];
    const stack = Stack.of(this);
    const domain = email.fromAddress.slice(email.fromAddress.lastIndexOf('@') + 1);
    return [email.fromAddress, domain].map((identity) =>
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }),
    );
  }
}
