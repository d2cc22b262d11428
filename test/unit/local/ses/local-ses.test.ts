import { SES_CONFIGURATION_SET_TAG, SES_EMAIL_EVENTS, SES_EVENT_SOURCE } from '#contracts/email-events';
import { LocalSes, type ServiceEvent } from '#local/ses/local-ses';
import { LocalSns } from '#local/sns/local-sns';

/**
 * The local SES v2 and SNS as the SDK reaches them (the request bodies of SendEmail and the Publish
 * form): the three SendEmail forms, the mailbox simulator's outcomes and the events they put on the
 * default bus, and what each refuses.
 */
describe('local SES: SendEmail and the mailbox simulator', () => {
  const SET = 'ordersaga-test-email';
  const setUp = () => {
    const events: ServiceEvent[] = [];
    const ses = new LocalSes({ configurationSets: [{ name: SET, publishesEvents: true }], publish: (event) => events.push(event) });
    return { ses, events };
  };
  const simple = (to: string, extra: Record<string, unknown> = {}) => ({
    FromEmailAddress: 'no-reply@ordersaga.local',
    Destination: { ToAddresses: [to] },
    Content: { Simple: { Subject: { Data: 'Order 42 confirmed' }, Body: { Text: { Data: 'text' }, Html: { Data: '<p>html</p>' } } } },
    ConfigurationSetName: SET,
    EmailTags: [{ Name: 'ordersaga-order', Value: '42' }],
    ...extra,
  });
  const typesOf = (events: ServiceEvent[]) => events.map((event) => event.detailType);

  test.each([
    ['success@simulator.amazonses.com', [SES_EMAIL_EVENTS.SEND, SES_EMAIL_EVENTS.DELIVERY]],
    ['success+label@simulator.amazonses.com', [SES_EMAIL_EVENTS.SEND, SES_EMAIL_EVENTS.DELIVERY]],
    ['bounce@simulator.amazonses.com', [SES_EMAIL_EVENTS.SEND, SES_EMAIL_EVENTS.BOUNCE]],
    ['complaint@simulator.amazonses.com', [SES_EMAIL_EVENTS.SEND, SES_EMAIL_EVENTS.DELIVERY, SES_EMAIL_EVENTS.COMPLAINT]],
    ['suppressionlist@simulator.amazonses.com', [SES_EMAIL_EVENTS.SEND, SES_EMAIL_EVENTS.BOUNCE]],
    ['ada@example.com', [SES_EMAIL_EVENTS.SEND, SES_EMAIL_EVENTS.DELIVERY]],
  ])('%s: kept in the outbox, and the events SES publishes for it', (to, expected) => {
    const { ses, events } = setUp();
    const { MessageId } = ses.sendEmail(simple(to));
    expect(ses.sentMail()).toEqual([
      expect.objectContaining({ messageId: MessageId, to: [to], subject: 'Order 42 confirmed', text: 'text', html: '<p>html</p>' }),
    ]);
    expect(typesOf(events)).toEqual(expected);
    for (const event of events) {
      expect(event.source).toBe(SES_EVENT_SOURCE);
      expect(event.resources).toEqual([expect.stringMatching(new RegExp(`:configuration-set/${SET}$`))]);
      expect(event.detail).toMatchObject({ mail: { messageId: MessageId, tags: { 'ordersaga-order': ['42'], [SES_CONFIGURATION_SET_TAG]: [SET] } } });
    }
  });

  test('a suppressed address bounces as SES says: Permanent, Suppressed', () => {
    const { ses, events } = setUp();
    ses.sendEmail(simple('suppressionlist@simulator.amazonses.com'));
    expect(events[1]!.detail).toMatchObject({ eventType: 'Bounce', bounce: { bounceType: 'Permanent', bounceSubType: 'Suppressed' } });
  });

  test('without a configuration set nothing is published; an unknown one is a 404 NotFoundException', () => {
    const { ses, events } = setUp();
    ses.sendEmail(simple('success@simulator.amazonses.com', { ConfigurationSetName: undefined }));
    expect(events).toEqual([]);
    expect(() => ses.sendEmail(simple('success@simulator.amazonses.com', { ConfigurationSetName: 'nope' }))).toThrow(
      expect.objectContaining({ code: 'NotFoundException', httpStatus: 404 }),
    );
  });

  test('the raw form: From, To, the subject and both bodies read from the MIME message', () => {
    const { ses } = setUp();
    const raw = [
      'From: shop@ordersaga.local',
      'To: success@simulator.amazonses.com',
      'Subject: =?UTF-8?B?w5xiZXJzaWNodA==?=',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'plain body',
      '--b1',
      'Content-Type: text/html; charset=UTF-8',
      '',
      '<p>html body</p>',
      '--b1--',
      '',
    ].join('\r\n');
    ses.sendEmail({ Content: { Raw: { Data: Buffer.from(raw).toString('base64') } } });
    expect(ses.sentMail()[0]).toMatchObject({ from: 'shop@ordersaga.local', to: ['success@simulator.amazonses.com'], subject: 'Übersicht' });
    expect(ses.sentMail()[0]!.text).toContain('plain body');
    expect(ses.sentMail()[0]!.html).toContain('<p>html body</p>');
  });

  test('the template form renders Handlebars as SES does; a missing variable is a Rendering Failure event, not an error', () => {
    const { ses, events } = setUp();
    ses.createEmailTemplate({ TemplateName: 't', TemplateContent: { Subject: 'Order {{orderId}}', Text: 'Hi {{name}}', Html: '<b>{{name}}</b>' } });
    ses.sendEmail({
      ...simple('success@simulator.amazonses.com'),
      Content: { Template: { TemplateName: 't', TemplateData: JSON.stringify({ orderId: '42', name: '<Ada>' }) } },
    });
    expect(ses.sentMail()[0]).toMatchObject({ subject: 'Order 42', text: 'Hi <Ada>', html: '<b>&lt;Ada&gt;</b>' });
    events.length = 0;
    ses.sendEmail({ ...simple('success@simulator.amazonses.com'), Content: { Template: { TemplateName: 't', TemplateData: '{"orderId":"42"}' } } });
    expect(typesOf(events)).toEqual([SES_EMAIL_EVENTS.RENDERING_FAILURE]);
    expect(ses.sentMail()).toHaveLength(1);
  });

  test.each([
    ['no content form', { Content: {} }],
    ['two content forms', { Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } }, Raw: { Data: 'eA==' } } }],
    ['no recipient', { Destination: {} }],
    ['an address that is none', { Destination: { ToAddresses: ['not an address'] } }],
    ['more than 50 recipients', { Destination: { ToAddresses: Array.from({ length: 51 }, (_, i) => `r${i}@example.com`) } }],
  ])('%s is a BadRequestException', (_, change) => {
    const { ses } = setUp();
    expect(() => ses.sendEmail(simple('success@simulator.amazonses.com', change))).toThrow(expect.objectContaining({ code: 'BadRequestException' }));
  });
});

describe('local SNS: Publish to a phone number', () => {
  test('keeps each text, oldest first', () => {
    const sns = new LocalSns();
    const first = sns.publish({ Action: 'Publish', PhoneNumber: '+447700900123', Message: 'one' });
    const second = sns.publish({ Action: 'Publish', PhoneNumber: '+14155550100', Message: 'two' });
    expect(sns.sentTexts()).toEqual([
      expect.objectContaining({ messageId: first.MessageId, to: '+447700900123', body: 'one' }),
      expect.objectContaining({ messageId: second.MessageId, to: '+14155550100', body: 'two' }),
    ]);
  });

  test.each([
    ['a number that is not E.164', { PhoneNumber: '07700 900123', Message: 'x' }, 'InvalidParameter'],
    ['an empty message', { PhoneNumber: '+447700900123', Message: '' }, 'InvalidParameter'],
    ['a message over 1600 characters', { PhoneNumber: '+447700900123', Message: 'x'.repeat(1601) }, 'InvalidParameter'],
    ['a phone number and a topic', { PhoneNumber: '+447700900123', TopicArn: 'arn:aws:sns:us-east-1:1:t', Message: 'x' }, 'InvalidParameter'],
    ['a topic (not emulated)', { TopicArn: 'arn:aws:sns:us-east-1:1:t', Message: 'x' }, 'NotFound'],
  ])('%s is refused (%#)', (_, parameters, code) => {
    expect(() => new LocalSns().publish(parameters as Record<string, string>)).toThrow(expect.objectContaining({ code }));
  });
});
