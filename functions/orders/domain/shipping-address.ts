import * as z from 'zod';
import { ISO_COUNTRY_CODES } from './iso-country-codes';

const line = (max: number) => z.string().trim().min(1).max(max);

/** Where the order goes. Strict: an unknown field is a 400, not silently dropped. */
export const shippingAddressSchema = z
  .strictObject({
    name: line(100),
    line1: line(200),
    line2: line(200).optional(),
    city: line(100),
    postalCode: line(20),
    country: z.enum(ISO_COUNTRY_CODES, { error: 'an ISO 3166-1 alpha-2 country code in upper case, such as DE' }).describe('ISO 3166-1 alpha-2, upper case'),
  })
  .meta({ id: 'ShippingAddress' });

export type ShippingAddress = z.infer<typeof shippingAddressSchema>;
