import { gatewayRequestValidation, type GatewayRequestValidation } from '#contracts/api/gateway-request-validation';
import { appWiring } from '#lib/wiring';

/** The gateway's request validation of every route of the app, keyed `METHOD /path` (what the stack deploys). */
export function publishedRequestValidation(): Map<string, GatewayRequestValidation> {
  return new Map(appWiring.contracts.map((contract) => [`${contract.method} ${contract.path}`, gatewayRequestValidation(contract)]));
}
