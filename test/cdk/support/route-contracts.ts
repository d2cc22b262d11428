import * as z from 'zod';
import type { RouteContract } from '#contracts/api/route-contract';
import type { RouteSpec } from '#contracts/wiring';
import { fixtureContracts } from '#test/contract/support/fixture-contracts';

/**
 * Contracts for a test wiring: the fixture contract of each route of the API, and a minimal one for
 * any other route (tests that add a route to provoke a wiring mistake should meet that mistake, not
 * a missing contract).
 */
export function contractsForRoutes(routes: readonly RouteSpec[]): RouteContract[] {
  return routes.map((route, index) => {
    const known = fixtureContracts.find((contract) => contract.method === route.method && contract.path === route.path);
    if (known) return known;
    const parameters = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
    return {
      method: route.method,
      path: route.path,
      operationId: `testRoute${index}`,
      ...(parameters.length ? { pathParameters: z.strictObject(Object.fromEntries(parameters.map((name) => [name, z.string()]))) } : {}),
      responses: { 200: { description: 'OK' } },
    };
  });
}
