import type { RouteSpec } from '../wiring';
import type { RouteContract } from './route-contract';

const keyOf = (route: { method: string; path: string }): string => `${route.method} ${route.path}`;
const placeholdersOf = (path: string): string[] => [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!).sort();

/**
 * Fails, listing every mismatch at once, unless the route table and the contracts describe the same
 * API: each route exactly one contract and each contract exactly one route, unique operation ids,
 * path parameter schemas named as the path's placeholders, and at least one 2xx answer per route.
 */
export function assertContractsMatchRoutes(routes: readonly RouteSpec[], contracts: readonly RouteContract[]): void {
  const problems: string[] = [];
  const routeKeys = new Set(routes.map(keyOf));
  const contractsByKey = new Map<string, RouteContract[]>();
  for (const contract of contracts) contractsByKey.set(keyOf(contract), [...(contractsByKey.get(keyOf(contract)) ?? []), contract]);

  for (const route of routes) {
    const found = contractsByKey.get(keyOf(route)) ?? [];
    if (found.length === 0) problems.push(`route ${keyOf(route)} has no contract`);
    if (found.length > 1) problems.push(`route ${keyOf(route)} has ${found.length} contracts (${found.map((c) => c.operationId).join(', ')})`);
  }
  for (const [key, found] of contractsByKey) {
    if (!routeKeys.has(key)) problems.push(`contract ${found.map((c) => c.operationId).join(', ')} (${key}) matches no route in the route table`);
  }

  const operationIds = new Map<string, number>();
  for (const contract of contracts) operationIds.set(contract.operationId, (operationIds.get(contract.operationId) ?? 0) + 1);
  for (const [operationId, count] of operationIds) if (count > 1) problems.push(`operationId ${operationId} is used by ${count} contracts`);

  for (const contract of contracts) {
    const declared = Object.keys(contract.pathParameters?.shape ?? {}).sort();
    const expected = placeholdersOf(contract.path);
    if (declared.join() !== expected.join()) {
      problems.push(`contract ${contract.operationId} declares path parameters [${declared.join(', ')}] but its path has [${expected.join(', ')}]`);
    }
    if (!Object.keys(contract.responses).some((status) => Number(status) >= 200 && Number(status) < 300)) {
      problems.push(`contract ${contract.operationId} declares no 2xx response`);
    }
  }

  if (problems.length > 0) throw new Error(`The route table and the API contracts disagree:\n  - ${problems.join('\n  - ')}`);
}
