import type { APIGatewayProxyEvent } from 'aws-lambda';
import { CUSTOMER_ID_PATTERN } from '#contracts/api/customer-id';
import { forbidden, HttpProblem } from './problem';

/** Who is calling, as the authorizer put it into the request context. */
export interface Caller {
  customerId: string;
  groups: string[];
  isAdmin: boolean;
  /** The token's contact claims the authorizer passed on: its e-mail address, and its phone number if verified. */
  contact: { email?: string; phone?: string };
}

/** As the gateway answers a missing or bad token (RFC 9110: a 401 names the scheme to use). */
const unauthorized = (detail: string) => new HttpProblem(401, 'unauthorized', 'Unauthorized', detail, { headers: { 'www-authenticate': 'Bearer' } });

export function callerOf(event: APIGatewayProxyEvent): Caller {
  const context = event.requestContext.authorizer ?? {};
  const sub = typeof context.sub === 'string' ? context.sub : '';
  // The gateway only reaches a protected handler after the authorizer allowed it; an empty sub
  // means the route was wired without one, which must not pass silently.
  if (!sub) throw unauthorized('A valid bearer token is required.');
  if (!CUSTOMER_ID_PATTERN.test(sub)) throw unauthorized("The token's subject is not 1 to 128 visible ASCII characters.");
  const groups = typeof context.groups === 'string' && context.groups ? context.groups.split(',') : [];
  const contact = {
    ...(typeof context.email === 'string' && context.email ? { email: context.email } : {}),
    ...(typeof context.phoneNumber === 'string' && context.phoneNumber ? { phone: context.phoneNumber } : {}),
  };
  return { customerId: sub, groups, isAdmin: groups.includes('admin'), contact };
}

export function requireAdmin(caller: Caller): void {
  if (!caller.isAdmin) throw forbidden('This operation requires the admin role.');
}
