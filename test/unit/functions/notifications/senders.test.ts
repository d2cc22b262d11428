import { MessageRejected, SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { InvalidParameterException, PublishCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { SesEmailSender } from '#notifications/adapters/ses-email-sender';
import { SnsSmsSender } from '#notifications/adapters/sns-sms-sender';
import { MessageRefusedError } from '#notifications/domain/ports';

const metadata = { $metadata: {} };

describe('SesEmailSender (SES API v2 SendEmail)', () => {
  const ses = mockClient(SESv2Client);
  const sender = new SesEmailSender({ client: new SESv2Client({}), fromAddress: 'no-reply@shop.example.com', configurationSetName: 'ordersaga-dev-email' });
  const message = {
    to: 'ada@example.com',
    subject: 'Order o-1 shipped',
    text: 'Your order o-1 is on its way.',
    html: '<p>Your order o-1 is on its way.</p>',
    about: { orderId: '01JORDER0000000000000000A1', eventId: '8cc67b87-f4a6-51f9-8a51-19531cdb19f0' },
  };

  beforeEach(() => ses.reset());

  test('sends the simple form from the stage sender, with the configuration set and the tags that lead events back', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: '0100018f-abc-000000' });
    await expect(sender.send(message)).resolves.toEqual({ messageId: '0100018f-abc-000000' });
    expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input).toEqual({
      FromEmailAddress: 'no-reply@shop.example.com',
      Destination: { ToAddresses: ['ada@example.com'] },
      Content: {
        Simple: {
          Subject: { Data: 'Order o-1 shipped', Charset: 'UTF-8' },
          Body: { Text: { Data: 'Your order o-1 is on its way.', Charset: 'UTF-8' }, Html: { Data: '<p>Your order o-1 is on its way.</p>', Charset: 'UTF-8' } },
        },
      },
      ConfigurationSetName: 'ordersaga-dev-email',
      EmailTags: [
        { Name: 'ordersaga-order', Value: '01JORDER0000000000000000A1' },
        { Name: 'ordersaga-event', Value: '8cc67b87-f4a6-51f9-8a51-19531cdb19f0' },
      ],
    });
  });

  test('a message SES rejects is refused for good; throttling is passed on for a retry', async () => {
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified.', ...metadata }));
    await expect(sender.send(message)).rejects.toBeInstanceOf(MessageRefusedError);
    ses.reset();
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', ...metadata }));
    await expect(sender.send(message)).rejects.toBeInstanceOf(TooManyRequestsException);
  });
});

describe('SnsSmsSender (SNS Publish to a phone number)', () => {
  const sns = mockClient(SNSClient);
  const sender = new SnsSmsSender(new SNSClient({}));

  beforeEach(() => sns.reset());

  test('publishes the text to the number, as a transactional SMS', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'f1e2d3c4' });
    await expect(sender.send({ to: '+4915112345678', text: 'ordersaga: your order o-1 is on its way.' })).resolves.toEqual({ messageId: 'f1e2d3c4' });
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toEqual({
      PhoneNumber: '+4915112345678',
      Message: 'ordersaga: your order o-1 is on its way.',
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
  });

  test('a number SNS cannot text is refused for good; throttling is passed on for a retry', async () => {
    sns.on(PublishCommand).rejects(new InvalidParameterException({ message: 'Invalid parameter: PhoneNumber', ...metadata }));
    await expect(sender.send({ to: '+1', text: 'x' })).rejects.toBeInstanceOf(MessageRefusedError);
    sns.reset();
    sns.on(PublishCommand).rejects(new ThrottledException({ message: 'Rate exceeded', ...metadata }));
    await expect(sender.send({ to: '+4915112345678', text: 'x' })).rejects.toBeInstanceOf(ThrottledException);
  });
});
