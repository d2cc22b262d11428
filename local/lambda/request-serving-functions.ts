import type { AppWiring } from '#contracts/wiring';

/**
 * The functions a request waits for: the API's authorizer and the handlers of its routes. Under
 * `npm start` their sandboxes have the CPU first and load first before it says ready; the others
 * (saga steps, subscribers, the outbox relay) run in the background, as nothing waits on them.
 */
export function requestServingFunctionIds(wiring: Pick<AppWiring, 'authorizer' | 'routes'>): string[] {
  return [...new Set([wiring.authorizer.functionId, ...wiring.routes.map((route) => route.functionId)])];
}
