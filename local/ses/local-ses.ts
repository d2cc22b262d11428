/**
 * The local runtime's Amazon SES (API v2): `SendEmail` in its three forms (simple, raw, template),
 * the email templates it renders, and the mailbox simulator, so the production SES adapter runs
 * unchanged against it (AWS_ENDPOINT_URL_SESV2). What it sends it keeps, oldest first (GET /_local/mail).
 *
 * Followed from AWS:
 * - "SendEmail", Amazon SES API v2 Reference (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html):
 *   exactly one of Simple, Raw or Template; at most 50 recipients; an unknown configuration set is a 404.
 * - "Using the mailbox simulator" (https://docs.aws.amazon.com/ses/latest/dg/send-an-email-from-console.html#send-email-simulator):
 *   success@ delivers, bounce@ bounces (550 5.1.1), complaint@ delivers then complains, suppressionlist@
 *   bounces as a suppressed address, ooto@ delivers; a `+label` after the local part is allowed.
 *   Any other address is delivered (to this runtime's outbox: nothing leaves the machine).
 * - Event publishing ("Monitoring SES events using Amazon EventBridge"): each message of a configuration
 *   set with an event destination gets its Send event, then its outcome, with the event record SES
 *   documents ("Examples of event data that Amazon SES publishes to Amazon SNS") as the EventBridge
 *   event's detail. The events go where the stack's configuration set sends them: the default bus.
 *
 * Where it still differs from AWS, and why that is safe: docs/local-runtime-fidelity.md#ses.
 */
import { randomUUID } from 'node:crypto';
import Handlebars from 'handlebars';
import { SES_CONFIGURATION_SET_TAG, SES_EMAIL_EVENTS, SES_EVENT_SOURCE, type SesEmailEventType } from '#contracts/email-events';
import { LocalServiceError } from '../aws-api/service-error';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../local-identity';
import { parseRawMessage } from './raw-message';

/** One e-mail as GET /_local/mail lists it. */
export interface SentMail {
  messageId: string;
  from: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

/** An AWS service's event for EventBridge: what SES would put on the bus. */
export interface ServiceEvent {
  source: string;
  detailType: string;
  detail: unknown;
  resources: string[];
}

export interface LocalSesOptions {
  /** The configuration sets that exist, by name; `publishesEvents`: they have an EventBridge destination for every event type this runtime emits. */
  configurationSets: { name: string; publishesEvents: boolean }[];
  /** Where the events of those sets go (the default bus). */
  publish(event: ServiceEvent): void;
  clock?: () => Date;
}

type Outcome = 'delivered' | 'bounced' | 'complained' | 'suppressed';

const SIMULATOR_DOMAIN = 'simulator.amazonses.com';
const SIMULATED: Record<string, Outcome> = {
  success: 'delivered',
  ooto: 'delivered',
  bounce: 'bounced',
  complaint: 'complained',
  suppressionlist: 'suppressed',
};

const MAX_RECIPIENTS = 50;
/** Loose on purpose: SES accepts what RFC 5321 allows; this refuses only what is plainly no address. */
const ADDRESS = /^[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+$/;

const badRequest = (message: string) => new LocalServiceError('BadRequestException', message, 400);

interface Template {
  Subject?: string;
  Text?: string;
  Html?: string;
}

export class LocalSes {
  private readonly outbox: SentMail[] = [];
  private readonly templates = new Map<string, Template>();
  private readonly clock: () => Date;

  constructor(private readonly options: LocalSesOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** The e-mails sent, oldest first. */
  sentMail(): SentMail[] {
    return this.outbox.map((mail) => ({ ...mail }));
  }

  mail(messageId: string): SentMail | undefined {
    return this.outbox.find((mail) => mail.messageId === messageId);
  }

  /** `POST /v2/email/outbound-emails`. */
  sendEmail(input: Record<string, unknown>): { MessageId: string } {
    const content = (input.Content ?? {}) as Record<string, unknown>;
    const forms = ['Simple', 'Raw', 'Template'].filter((form) => content[form] !== undefined);
    if (forms.length !== 1) throw badRequest('Content must hold exactly one of Simple, Raw or Template.');
    const configurationSetName = typeof input.ConfigurationSetName === 'string' ? input.ConfigurationSetName : undefined;
    const configurationSet = configurationSetName === undefined ? undefined : this.options.configurationSets.find((set) => set.name === configurationSetName);
    if (configurationSetName !== undefined && !configurationSet) {
      throw new LocalServiceError('NotFoundException', `Configuration set <${configurationSetName}> does not exist.`, 404);
    }
    const destination = (input.Destination ?? {}) as Record<string, unknown>;
    const listed = (name: string): string[] => (Array.isArray(destination[name]) ? (destination[name] as unknown[]).map(String) : []);
    let from = typeof input.FromEmailAddress === 'string' ? input.FromEmailAddress : undefined;
    let to = listed('ToAddresses');
    const cc = listed('CcAddresses');
    const bcc = listed('BccAddresses');
    let message: { subject: string; text: string; html: string } | undefined;
    let renderingFailure: string | undefined;

    if (forms[0] === 'Simple') {
      message = simpleContent(content.Simple as Record<string, unknown>);
    } else if (forms[0] === 'Raw') {
      const raw = content.Raw as { Data?: unknown };
      if (typeof raw.Data !== 'string' || raw.Data === '') throw badRequest('Raw.Data is required (the message, base64-encoded).');
      const parsed = parseRawMessage(Buffer.from(raw.Data, 'base64').toString('utf8'));
      from ??= parsed.from;
      if (to.length + cc.length + bcc.length === 0) to = parsed.to;
      message = { subject: parsed.subject, text: parsed.text, html: parsed.html };
    } else {
      const rendered = this.renderTemplate(content.Template as Record<string, unknown>);
      if ('failure' in rendered) renderingFailure = rendered.failure;
      else message = rendered;
    }
    if (!from) throw badRequest('FromEmailAddress is required.');
    const recipients = [...to, ...cc, ...bcc];
    if (recipients.length === 0) throw badRequest('The message has no recipients: give Destination.ToAddresses, CcAddresses or BccAddresses.');
    if (recipients.length > MAX_RECIPIENTS) throw badRequest(`Recipient count exceeds ${MAX_RECIPIENTS}.`);
    for (const address of [from, ...recipients]) if (!ADDRESS.test(bareAddress(address))) throw badRequest(`Illegal address: ${address}`);

    const messageId = newMessageId(this.clock());
    const sentAt = this.clock().toISOString();
    const tags = this.tagsOf(input, configurationSetName, from);
    const publishes = configurationSet?.publishesEvents === true;
    const mail = { timestamp: sentAt, source: from, messageId, destination: recipients, tags };

    if (renderingFailure !== undefined || !message) {
      if (publishes)
        this.emit('RENDERING_FAILURE', configurationSetName!, mail, { failure: { errorMessage: renderingFailure, templateName: templateNameOf(content) } });
      return { MessageId: messageId };
    }
    this.outbox.push({ messageId, from, to, ...(cc.length ? { cc } : {}), ...(bcc.length ? { bcc } : {}), ...message, sentAt });
    if (publishes)
      this.publishOutcomes(configurationSetName!, { ...mail, commonHeaders: { from: [from], to, messageId, subject: message.subject } }, recipients);
    return { MessageId: messageId };
  }

  /** `POST /v2/email/templates`. */
  createEmailTemplate(input: Record<string, unknown>): Record<string, never> {
    const name = typeof input.TemplateName === 'string' ? input.TemplateName : '';
    if (!name) throw badRequest('TemplateName is required.');
    if (this.templates.has(name)) throw new LocalServiceError('AlreadyExistsException', `Template ${name} already exists.`, 400);
    this.templates.set(name, (input.TemplateContent ?? {}) as Template);
    return {};
  }

  /** `GET /v2/email/templates/{name}`. */
  getEmailTemplate(name: string): { TemplateName: string; TemplateContent: Template } {
    const template = this.templates.get(name);
    if (!template) throw new LocalServiceError('NotFoundException', `Template ${name} does not exist.`, 404);
    return { TemplateName: name, TemplateContent: template };
  }

  /** `DELETE /v2/email/templates/{name}`. */
  deleteEmailTemplate(name: string): Record<string, never> {
    if (!this.templates.delete(name)) throw new LocalServiceError('NotFoundException', `Template ${name} does not exist.`, 404);
    return {};
  }

  /** `GET /v2/email/configuration-sets`. */
  listConfigurationSets(): { ConfigurationSets: string[] } {
    return { ConfigurationSets: this.options.configurationSets.map((set) => set.name) };
  }

  /** A template's parts rendered with its data, as SES renders them (Handlebars); a missing variable fails the rendering, not the call. */
  private renderTemplate(template: Record<string, unknown>): { subject: string; text: string; html: string } | { failure: string } {
    const named =
      typeof template.TemplateName === 'string'
        ? template.TemplateName
        : typeof template.TemplateArn === 'string'
          ? template.TemplateArn.split('/').pop()!
          : undefined;
    const content = (template.TemplateContent as Template | undefined) ?? (named === undefined ? undefined : this.getEmailTemplate(named).TemplateContent);
    if (!content) throw badRequest('Template needs TemplateName, TemplateArn or TemplateContent.');
    let data: unknown;
    try {
      data = JSON.parse(typeof template.TemplateData === 'string' ? template.TemplateData : '{}');
    } catch {
      throw badRequest('TemplateData is not valid JSON.');
    }
    try {
      const render = (source: string | undefined, html: boolean) =>
        source === undefined ? '' : Handlebars.compile(source, { strict: true, noEscape: !html })(data);
      return { subject: render(content.Subject, false), text: render(content.Text, false), html: render(content.Html, true) };
    } catch (error) {
      return { failure: (error as Error).message };
    }
  }

  /** The tags SES adds to every event of a configuration set's message, and the sender's own. */
  private tagsOf(input: Record<string, unknown>, configurationSetName: string | undefined, from: string): Record<string, string[]> {
    const tags: Record<string, string[]> = {};
    if (configurationSetName !== undefined) tags[SES_CONFIGURATION_SET_TAG] = [configurationSetName];
    tags['ses:source-ip'] = ['127.0.0.1'];
    tags['ses:from-domain'] = [domainOf(from)];
    tags['ses:caller-identity'] = ['local'];
    for (const tag of Array.isArray(input.EmailTags) ? (input.EmailTags as { Name?: unknown; Value?: unknown }[]) : []) {
      if (typeof tag.Name === 'string' && typeof tag.Value === 'string') tags[tag.Name] = [tag.Value];
    }
    return tags;
  }

  private publishOutcomes(configurationSetName: string, mail: Record<string, unknown>, recipients: string[]): void {
    const at = () => this.clock().toISOString();
    this.emit('SEND', configurationSetName, mail, { send: {} });
    const by = (outcome: Outcome) => recipients.filter((address) => outcomeOf(address) === outcome);
    const delivered = [...by('delivered'), ...by('complained')];
    if (delivered.length) {
      this.emit('DELIVERY', configurationSetName, mail, {
        delivery: {
          timestamp: at(),
          processingTimeMillis: 1,
          recipients: delivered,
          smtpResponse: '250 2.6.0 Message received',
          reportingMTA: 'local.amazonses.com',
        },
      });
    }
    const bounced = (addresses: string[], subType: string, status: string, diagnosticCode: string) => {
      if (!addresses.length) return;
      this.emit('BOUNCE', configurationSetName, mail, {
        bounce: {
          feedbackId: randomUUID(),
          bounceType: 'Permanent',
          bounceSubType: subType,
          bouncedRecipients: addresses.map((emailAddress) => ({ emailAddress, action: 'failed', status, diagnosticCode })),
          timestamp: at(),
          reportingMTA: 'dsn; local.amazonses.com',
        },
      });
    };
    bounced(by('bounced'), 'General', '5.1.1', 'smtp; 550 5.1.1 user unknown');
    bounced(
      by('suppressed'),
      'Suppressed',
      '5.1.1',
      'Amazon SES has suppressed sending to this address because it has a recent history of bouncing as an invalid address.',
    );
    const complained = by('complained');
    if (complained.length) {
      this.emit('COMPLAINT', configurationSetName, mail, {
        complaint: {
          feedbackId: randomUUID(),
          complainedRecipients: complained.map((emailAddress) => ({ emailAddress })),
          complaintFeedbackType: 'abuse',
          userAgent: 'Amazon SES Mailbox Simulator',
          timestamp: at(),
          arrivalDate: at(),
        },
      });
    }
  }

  private emit(type: SesEmailEventType, configurationSetName: string, mail: Record<string, unknown>, body: Record<string, unknown>): void {
    const eventType = {
      SEND: 'Send',
      DELIVERY: 'Delivery',
      BOUNCE: 'Bounce',
      COMPLAINT: 'Complaint',
      REJECT: 'Reject',
      RENDERING_FAILURE: 'Rendering Failure',
    }[type];
    this.options.publish({
      source: SES_EVENT_SOURCE,
      detailType: SES_EMAIL_EVENTS[type],
      detail: { eventType, mail: { ...mail, sourceArn: identityArn(String(mail.source)), sendingAccountId: LOCAL_ACCOUNT_ID }, ...body },
      resources: [`arn:aws:ses:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:configuration-set/${configurationSetName}`],
    });
  }
}

function simpleContent(simple: Record<string, unknown>): { subject: string; text: string; html: string } {
  const data = (part: unknown): string | undefined => {
    const value = (part as { Data?: unknown } | undefined)?.Data;
    return typeof value === 'string' ? value : undefined;
  };
  const subject = data(simple.Subject);
  const body = (simple.Body ?? {}) as Record<string, unknown>;
  const text = data(body.Text);
  const html = data(body.Html);
  if (subject === undefined) throw badRequest('Simple.Subject.Data is required.');
  if (text === undefined && html === undefined) throw badRequest('Simple.Body needs Text or Html.');
  return { subject, text: text ?? '', html: html ?? '' };
}

/** `"Ada" <ada@example.com>` → `ada@example.com`. */
const bareAddress = (address: string): string => /<([^>]+)>\s*$/.exec(address)?.[1] ?? address.trim();

const domainOf = (address: string): string => bareAddress(address).split('@').pop() ?? '';

const identityArn = (from: string): string => `arn:aws:ses:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:identity/${domainOf(from)}`;

function outcomeOf(address: string): Outcome {
  const [local = '', domain = ''] = bareAddress(address).toLowerCase().split('@');
  if (domain !== SIMULATOR_DOMAIN) return 'delivered';
  return SIMULATED[local.split('+')[0]!] ?? 'delivered';
}

const templateNameOf = (content: Record<string, unknown>): string | undefined => {
  const template = content.Template as { TemplateName?: unknown } | undefined;
  return typeof template?.TemplateName === 'string' ? template.TemplateName : undefined;
};

/** SES's message id shape: `0100` + the time in hex, a UUID, `-000000`. */
const newMessageId = (now: Date): string => `0100${now.getTime().toString(16).padStart(12, '0')}-${randomUUID()}-000000`;
