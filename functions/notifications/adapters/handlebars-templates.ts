import Handlebars from 'handlebars';
import cancelledHtml from '#templates/email/order-cancelled.html.hbs';
import cancelledSubject from '#templates/email/order-cancelled.subject.hbs';
import cancelledText from '#templates/email/order-cancelled.txt.hbs';
import confirmedHtml from '#templates/email/order-confirmed.html.hbs';
import confirmedSubject from '#templates/email/order-confirmed.subject.hbs';
import confirmedText from '#templates/email/order-confirmed.txt.hbs';
import deliveredHtml from '#templates/email/order-delivered.html.hbs';
import deliveredSubject from '#templates/email/order-delivered.subject.hbs';
import deliveredText from '#templates/email/order-delivered.txt.hbs';
import shippedHtml from '#templates/email/order-shipped.html.hbs';
import shippedSubject from '#templates/email/order-shipped.subject.hbs';
import shippedText from '#templates/email/order-shipped.txt.hbs';
import shippedSms from '#templates/sms/order-shipped.txt.hbs';
import type { TemplateData } from '../domain/customer-notification';
import type { TemplateName } from '../domain/notification';
import type { MessageTemplates, RenderedEmail, RenderedText } from '../domain/ports';

/** The template files of templates/, by name: an e-mail is a subject, a text and an HTML body; a text message one body. */
export const EMAIL_TEMPLATE_FILES: Record<TemplateName, { subject: string; text: string; html: string }> = {
  'order-confirmed': { subject: confirmedSubject, text: confirmedText, html: confirmedHtml },
  'order-cancelled': { subject: cancelledSubject, text: cancelledText, html: cancelledHtml },
  'order-shipped': { subject: shippedSubject, text: shippedText, html: shippedHtml },
  'order-delivered': { subject: deliveredSubject, text: deliveredText, html: deliveredHtml },
};

export const SMS_TEMPLATE_FILES: Partial<Record<TemplateName, string>> = { 'order-shipped': shippedSms };

type Render = (data: TemplateData) => string;

/**
 * Handlebars, the syntax SES templates use, in strict mode: a variable the data lacks is an error,
 * never an empty gap in a customer's e-mail. The HTML escapes what it inserts; the subject and the
 * texts are plain text and insert as is.
 */
const compile = (source: string, html: boolean): Render => {
  const template = Handlebars.compile<TemplateData>(source, { strict: true, noEscape: !html });
  return (data) => template(data).trim();
};

/** The templates, compiled once per sandbox on first use. */
export class HandlebarsTemplates implements MessageTemplates {
  private readonly compiled = new Map<string, Render>();

  email(template: TemplateName, data: TemplateData): RenderedEmail {
    const files = EMAIL_TEMPLATE_FILES[template];
    return {
      subject: this.render(`${template}.subject`, files.subject, false, data),
      text: this.render(`${template}.txt`, files.text, false, data),
      html: this.render(`${template}.html`, files.html, true, data),
    };
  }

  sms(template: TemplateName, data: TemplateData): RenderedText {
    const source = SMS_TEMPLATE_FILES[template];
    if (source === undefined) throw new Error(`no text message template ${template} (templates/sms/${template}.txt.hbs)`);
    return { text: this.render(`sms:${template}`, source, false, data) };
  }

  private render(key: string, source: string, html: boolean, data: TemplateData): string {
    let render = this.compiled.get(key);
    if (!render) {
      render = compile(source, html);
      this.compiled.set(key, render);
    }
    return render(data);
  }
}
