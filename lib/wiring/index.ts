import { tableDesign } from '#contracts/table-design';
import type { AppWiring, ContextWiring, RouteSpec } from '#contracts/wiring';
import { pathOf } from '#contracts/wiring-declarations';
import { identityWiring } from '#identity/wiring';
import { inventoryWiring } from '#inventory/wiring';
import { notificationsWiring } from '#notifications/wiring';
import { ordersWiring } from '#orders/wiring';
import { outboxWiring } from '#outbox/wiring';
import { paymentsWiring } from '#payments/wiring';
import { platformWiring } from '#platform/wiring';
import { sagaWiring } from '#saga/wiring';

export type * from '#contracts/wiring';
export * from './function-environment';
export * from './stage-wiring';

/**
 * Every folder of functions/ that declares part of the app, in the order its parts are listed (the
 * order of routes in the API and its document, of functions within a context's construct).
 */
const parts: ContextWiring[] = [platformWiring, identityWiring, ordersWiring, inventoryWiring, paymentsWiring, sagaWiring, notificationsWiring, outboxWiring];

const all = <T>(list: (part: ContextWiring) => T[] | undefined): T[] => parts.flatMap((part) => list(part) ?? []);

function theAuthorizer(): AppWiring['authorizer'] {
  const [authorizer, ...others] = parts.flatMap((part) => (part.authorizer ? [part.authorizer] : []));
  if (!authorizer || others.length > 0) throw new Error('exactly one part of the wiring declares the API authorizer');
  return authorizer;
}

/** The whole app as data: what the CDK stack deploys and what `npm start` runs. */
export const appWiring: AppWiring = {
  functions: all((part) => part.functions),
  authorizer: theAuthorizer(),
  routes: all((part) => part.routes),
  contracts: all((part) => part.contracts),
  eventRules: all((part) => part.eventRules),
  schedules: all((part) => part.schedules),
  streamConsumers: all((part) => part.streamConsumers),
  stateMachines: all((part) => part.stateMachines),
  queues: all((part) => part.queues),
  table: tableDesign,
};

/** The route a function serves: how the local runtime's own tools and the bench find the API's paths. */
export function routeOf(functionId: string): RouteSpec {
  const route = appWiring.routes.find((candidate) => candidate.functionId === functionId);
  if (!route) throw new Error(`no route is served by function ${functionId}`);
  return route;
}

/** That route's path with its placeholders filled in. */
export const routePath = (functionId: string, parameters: Record<string, string> = {}): string => pathOf(routeOf(functionId), parameters);
