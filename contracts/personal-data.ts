import * as z from 'zod';

/**
 * How personal data leaves the context that holds it: masked. Events, notification records and log
 * lines name whom a message went to in this form only, so a reader can tell two recipients apart and
 * see which channel was used without learning the address (docs/data-model.md, "Personal data").
 */

/** `success@simulator.amazonses.com` → `s•••@simulator.amazonses.com`: the first character of the local part, the domain kept. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${address[0]}•••${address.slice(at)}`;
}

/** `+447700900123` → `+44••••••••23`: the country code's first digits and the last two, the rest hidden. */
export function maskPhone(number: string): string {
  if (number.length < 6) return '•••';
  return `${number.slice(0, 3)}${'•'.repeat(number.length - 5)}${number.slice(-2)}`;
}

export interface Contact {
  email?: string;
  phone?: string;
}

/** A contact with each part masked; absent parts stay absent. */
export function maskContact(contact: Contact): Contact {
  return {
    ...(contact.email === undefined ? {} : { email: maskEmail(contact.email) }),
    ...(contact.phone === undefined ? {} : { phone: maskPhone(contact.phone) }),
  };
}

/** The masked contact as events carry it. */
export const maskedContactSchema = z
  .object({
    email: z.string().min(1).max(256).optional().describe('The e-mail address, masked: its first character and its domain (`s•••@example.com`).'),
    phone: z.string().min(1).max(32).optional().describe('The phone number, masked: its first three characters and last two (`+44••••••••23`).'),
  })
  .describe('Whom the customer notifications go to, masked (personal data never travels in clear on the bus).');
