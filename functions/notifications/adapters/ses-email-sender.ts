import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { EMAIL_TAGS } from '#contracts/email-events';
import { type EmailMessage, type EmailSender, MessageRefusedError } from '../domain/ports';

export interface SesEmailSenderSettings {
  client: SESv2Client;
  /** The sender address, on the stage's verified SES identity. */
  fromAddress: string;
  /** Every message goes out with it: its event destination reports what became of the message. */
  configurationSetName: string;
}

/**
 * SES refuses these for this message only ("SendEmail", Errors, SES API v2 reference): a retry is
 * refused the same way. Everything else (throttling, a paused account, a missing configuration set)
 * may pass later, and is retried.
 */
const REFUSALS = new Set(['MessageRejected', 'BadRequestException']);

/**
 * Customer e-mail through SES v2 `SendEmail`, in its simple form: the subject, the text and the HTML
 * are rendered here from the repository's templates, so the message is the same wherever it is sent
 * (docs/notifications.md, "Templates"). The tags lead SES's events back to the notification record.
 */
export class SesEmailSender implements EmailSender {
  constructor(private readonly settings: SesEmailSenderSettings) {}

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    try {
      const { MessageId } = await this.settings.client.send(
        new SendEmailCommand({
          FromEmailAddress: this.settings.fromAddress,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
            },
          },
          ConfigurationSetName: this.settings.configurationSetName,
          EmailTags: [
            { Name: EMAIL_TAGS.orderId, Value: message.about.orderId },
            { Name: EMAIL_TAGS.eventId, Value: message.about.eventId },
          ],
        }),
      );
      if (!MessageId) throw new Error('SES answered SendEmail without a MessageId');
      return { messageId: MessageId };
    } catch (error) {
      if (error instanceof Error && REFUSALS.has(error.name)) throw new MessageRefusedError(`SES refused the message: ${error.name}: ${error.message}`);
      throw error;
    }
  }
}
