import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { MessageRefusedError, type SmsSender } from '../domain/ports';

/** SNS refuses these for this message only (a number it cannot text, a body it will not send): a retry is refused the same way. */
const REFUSALS = new Set(['InvalidParameterException', 'InvalidParameterValueException']);

/**
 * Text messages through SNS `Publish` to a phone number ("Sending an SMS message to a phone number",
 * Amazon SNS Developer Guide), marked transactional: order news, delivered at the priority SNS gives
 * one-time codes and alerts rather than at the cheaper promotional rate
 * (docs/decisions/0005-sms-through-sns.md).
 */
export class SnsSmsSender implements SmsSender {
  constructor(private readonly client: SNSClient) {}

  async send(message: { to: string; text: string }): Promise<{ messageId: string }> {
    try {
      const { MessageId } = await this.client.send(
        new PublishCommand({
          PhoneNumber: message.to,
          Message: message.text,
          MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
        }),
      );
      if (!MessageId) throw new Error('SNS answered Publish without a MessageId');
      return { messageId: MessageId };
    } catch (error) {
      if (error instanceof Error && REFUSALS.has(error.name)) throw new MessageRefusedError(`SNS refused the message: ${error.name}: ${error.message}`);
      throw error;
    }
  }
}
