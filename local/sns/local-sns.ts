/**
 * The local runtime's Amazon SNS, for what the application uses: `Publish` to a phone number, as the
 * notifications' SMS adapter sends (AWS_ENDPOINT_URL_SNS). Every text is kept, oldest first
 * (GET /_local/sms); nothing leaves the machine.
 *
 * Followed from AWS ("Publish", Amazon SNS API Reference, https://docs.aws.amazon.com/sns/latest/api/API_Publish.html;
 * "Sending an SMS message to a phone number", https://docs.aws.amazon.com/sns/latest/dg/sms_sending-overview.html):
 * the phone number in E.164, a message of at most 1,600 characters for SMS, and exactly one of
 * PhoneNumber, TopicArn or TargetArn. Topics are not emulated: this stack publishes to none.
 *
 * Where it still differs from AWS, and why that is safe: docs/local-runtime-fidelity.md#sns.
 */
import { randomUUID } from 'node:crypto';
import { LocalServiceError } from '../aws-api/service-error';

export interface SentText {
  messageId: string;
  to: string;
  body: string;
  sentAt: string;
}

const E164 = /^\+[1-9][0-9]{1,14}$/;
const MAX_SMS_LENGTH = 1600;

const invalidParameter = (message: string) => new LocalServiceError('InvalidParameter', `Invalid parameter: ${message}`, 400);

export class LocalSns {
  private readonly outbox: SentText[] = [];

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** The texts sent, oldest first. */
  sentTexts(): SentText[] {
    return this.outbox.map((text) => ({ ...text }));
  }

  /** `Action=Publish`: its form parameters in, `PublishResult` out. */
  publish(parameters: Record<string, string>): { MessageId: string } {
    const targets = ['PhoneNumber', 'TopicArn', 'TargetArn'].filter((name) => parameters[name]);
    if (targets.length !== 1) throw invalidParameter('exactly one of PhoneNumber, TopicArn or TargetArn is required');
    if (!parameters.PhoneNumber) {
      throw new LocalServiceError('NotFound', 'Topic does not exist (the local runtime emulates SMS to phone numbers only)', 404);
    }
    const to = parameters.PhoneNumber;
    if (!E164.test(to)) throw invalidParameter(`PhoneNumber Reason: ${to} is not valid to publish to`);
    const body = parameters.Message ?? '';
    if (body === '') throw invalidParameter('Message Reason: empty message');
    if (body.length > MAX_SMS_LENGTH) throw invalidParameter(`Message Reason: an SMS message is at most ${MAX_SMS_LENGTH} characters`);
    const messageId = randomUUID();
    this.outbox.push({ messageId, to, body, sentAt: this.clock().toISOString() });
    return { MessageId: messageId };
  }
}
