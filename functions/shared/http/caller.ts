import type { APIGatewayProxyEvent } from 'aws-lambda';
import { forbidden, HttpProblem } from './problem';

/** Who is calling, as the authorizer put it into the request context. */
export interface Caller {
  customerId: string;
  groups: string[];
  isAdmin: boolean;
}

export function callerOf(event: APIGatewayProxyEvent): Caller {
  const context = event.requestContext.authorizer ?? {};
  const sub = typeof context.sub === 'string' ? context.sub : '';
  // The gateway only reaches a protected handler after the authorizer allowed it; an empty sub
  // means the route was wired without one, which must not pass silently.
  if (!sub) throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'A valid bearer token is required.');
  const groups = typeof context.groups === 'string' && context.groups ? context.groups.split(',') : [];
  return { customerId: sub, groups, isAdmin: groups.includes('admin') };
}

export function requireAdmin(caller: Caller): void {
  if (!caller.isAdmin) throw forbidden('This operation requires the admin role.');
}
