import { readdirSync } from 'node:fs';
import path from 'node:path';
import { allEventContracts } from '#contracts/events/event-catalogue';
import { exampleDetailsOf, exampleEvents } from '#contracts/events/example-events';
import { parseDomainEvent } from '#contracts/events/received-domain-event';
import { EMAIL_TEMPLATE_FILES, HandlebarsTemplates, SMS_TEMPLATE_FILES } from '#notifications/adapters/handlebars-templates';
import { customerNoticeFor, type TemplateData } from '#notifications/domain/customer-notification';
import { TEMPLATE_NAMES } from '#notifications/domain/notification';
import { CUSTOMER_NOTIFICATION_EVENTS } from '#notifications/domain/notified-events';

const templates = new HandlebarsTemplates();
const templatesDir = path.resolve(__dirname, '../../../../templates');

/** Every example of every version of every notified event, as a subscriber receives it. */
const notices = CUSTOMER_NOTIFICATION_EVENTS.flatMap((name) => {
  const contract = allEventContracts().find((candidate) => candidate.name === name)!;
  const [shape] = exampleEvents(name);
  return contract.versions.flatMap((version) =>
    exampleDetailsOf(name, version).map((detail, index) => {
      const notice = customerNoticeFor(parseDomainEvent({ ...shape!, detail }, CUSTOMER_NOTIFICATION_EVENTS));
      return [`${name} v${version.version} example ${index + 1}`, notice] as const;
    }),
  );
});

/** Nothing of the template's syntax left in what a customer reads. */
const unresolved = /\{\{|\}\}/;

describe('message templates (templates/)', () => {
  test('each template name has its three e-mail files, and the files on disk are exactly those and the texts', () => {
    const files = [
      ...readdirSync(path.join(templatesDir, 'email')).map((file) => `email/${file}`),
      ...readdirSync(path.join(templatesDir, 'sms')).map((file) => `sms/${file}`),
    ];
    const expected = [
      ...TEMPLATE_NAMES.flatMap((name) => ['subject', 'txt', 'html'].map((part) => `email/${name}.${part}.hbs`)),
      ...Object.keys(SMS_TEMPLATE_FILES).map((name) => `sms/${name}.txt.hbs`),
    ];
    expect(files.sort()).toEqual(expected.sort());
    expect(Object.keys(EMAIL_TEMPLATE_FILES).sort()).toEqual([...TEMPLATE_NAMES].sort());
  });

  test.each(notices)('%s: the e-mail renders with every variable resolved, and names the order', (_, notice) => {
    const email = templates.email(notice.template, notice.data);
    for (const part of [email.subject, email.text, email.html]) {
      expect(part).not.toMatch(unresolved);
      expect(part.trim()).not.toBe('');
    }
    expect(email.subject).toContain(notice.orderId);
    expect(email.text).toContain(notice.orderId);
    expect(email.html).toContain(notice.orderId);
    expect(email.subject).not.toContain('\n');
  });

  test.each(notices.filter(([, notice]) => notice.channels.includes('sms')))(
    '%s: the text message renders with every variable resolved, short enough for one SMS',
    (_, notice) => {
      const { text } = templates.sms(notice.template, notice.data);
      expect(text).not.toMatch(unresolved);
      expect(text).toContain(notice.orderId);
      expect(text.length).toBeLessThanOrEqual(160);
    },
  );

  test('the wording carries the facts: the amount paid, the cancellation reason in words, what happens to the money', () => {
    const byTemplate = (name: string) => notices.filter(([, notice]) => notice.template === name).map(([, notice]) => notice);
    const [confirmed] = byTemplate('order-confirmed');
    expect(templates.email('order-confirmed', confirmed!.data).text).toContain('€50.48');
    for (const cancelled of byTemplate('order-cancelled')) {
      const email = templates.email('order-cancelled', cancelled.data);
      expect(email.text).toContain(`because ${cancelled.data.reason}.`);
      expect(email.html).toContain(cancelled.data.reason);
      expect(email.text).toContain(cancelled.data.refunded ? 'refunded' : 'No money was taken');
    }
  });

  test('a variable the data lacks fails the rendering instead of leaving a gap (strict mode)', () => {
    const data = { orderId: 'o-1', total: '€1.00', reason: '', refunded: false } as TemplateData;
    const { orderId: _omitted, ...withoutOrderId } = data;
    expect(() => new HandlebarsTemplates().email('order-shipped', withoutOrderId as TemplateData)).toThrow(/orderId/);
  });

  test('the HTML escapes what it inserts; the plain texts insert as is', () => {
    const data: TemplateData = { orderId: 'o-1', total: '', reason: 'of <b>"this" & that</b>', refunded: false };
    const email = templates.email('order-cancelled', data);
    expect(email.html).toContain('of &lt;b&gt;&quot;this&quot; &amp; that&lt;/b&gt;');
    expect(email.text).toContain('of <b>"this" & that</b>');
  });
});
