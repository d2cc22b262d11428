/**
 * Reads what the local SES needs out of a raw message (SendEmail's Raw form, RFC 5322 with MIME): the
 * From and To headers, the subject (RFC 2047 encoded words decoded) and the first text/plain and
 * text/html parts (base64 and quoted-printable decoded). Enough to show the message at /_local/mail;
 * not a general MIME library (attachments are skipped, nested multiparts followed).
 */

export interface ParsedRawMessage {
  from?: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

export function parseRawMessage(raw: string): ParsedRawMessage {
  const message = splitPart(raw.replace(/\r\n/g, '\n'));
  const bodies = { text: '', html: '' };
  collectBodies(message, bodies);
  const to = message.headers.get('to');
  return {
    from: message.headers.get('from'),
    to: to
      ? to
          .split(',')
          .map((address) => address.trim())
          .filter(Boolean)
      : [],
    subject: decodeWords(message.headers.get('subject') ?? ''),
    ...bodies,
  };
}

function splitPart(text: string): Part {
  const end = text.indexOf('\n\n');
  const head = end < 0 ? text : text.slice(0, end);
  const body = end < 0 ? '' : text.slice(end + 2);
  const headers = new Map<string, string>();
  // Folded lines continue the header above them (RFC 5322, 2.2.3).
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function collectBodies(part: Part, bodies: { text: string; html: string }): void {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const section of part.body.split(`--${boundary}`).slice(1)) {
      if (section.startsWith('--')) break;
      collectBodies(splitPart(section.replace(/^\n/, '')), bodies);
    }
    return;
  }
  if (/attachment/i.test(part.headers.get('content-disposition') ?? '')) return;
  const decoded = decodeBody(part.body, part.headers.get('content-transfer-encoding') ?? '');
  if (/^text\/html/i.test(type) && !bodies.html) bodies.html = decoded.trim();
  else if (/^text\/plain/i.test(type) && !bodies.text) bodies.text = decoded.trim();
}

function decodeBody(body: string, encoding: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) return decodeQuotedPrintable(body);
  return body;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** `=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=` (RFC 2047) → text. */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, kind: string, data: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}
