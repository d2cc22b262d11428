import * as z from 'zod';
import { patternedString } from '#contracts/api/patterned-string';

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all (ITU-T E.164, as SNS takes it). */
const E164 = /^\+[1-9][0-9]{1,14}$/;

/**
 * HTML's "valid e-mail address" (WHATWG HTML, 4.10.5.1.5): what a checkout's `<input type=email>`
 * accepts, so a browser and the API agree. A pattern rather than a `format`: the gateway's draft-4
 * models check patterns, not formats.
 */
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export const emailAddressSchema = patternedString(EMAIL, 254, 'an e-mail address such as ada@example.com, at most 254 characters').describe(
  'Where the order e-mails go',
);

export const phoneNumberSchema = patternedString(
  E164,
  16,
  'a phone number in E.164 form: +, the country code and the number, digits only (+4915112345678)',
).describe('Where text messages about the order go (E.164)');

/**
 * Whom to tell about the order: personal data (docs/data-model.md, "Personal data"). Strict: an
 * unknown field is a 400. `{}` is valid and means "tell nobody".
 */
export const contactSchema = z
  .strictObject({ email: emailAddressSchema.optional(), phone: phoneNumberSchema.optional() })
  .meta({ id: 'Contact' })
  .describe('Whom the order e-mails and text messages go to. Absent: the e-mail address and verified phone number of your token; `{}`: nobody.');

export type Contact = z.infer<typeof contactSchema>;

/**
 * The contact an order is placed with. A checkout that asks for a contact states all of it, so a
 * given contact replaces the token's instead of being merged with it (`{}` is how a customer opts out
 * of messages); without one, the contact claims of the caller's token, if they are valid.
 */
export function orderContact(requested: Contact | undefined, fromToken: { email?: string; phone?: string }): Contact {
  if (requested) return requested;
  const email = emailAddressSchema.safeParse(fromToken.email);
  const phone = phoneNumberSchema.safeParse(fromToken.phone);
  return { ...(email.success ? { email: email.data } : {}), ...(phone.success ? { phone: phone.data } : {}) };
}
