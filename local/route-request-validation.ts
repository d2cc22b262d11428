import { publishedContracts } from '../functions/platform/published-contracts';
import { gatewayRequestValidation, type GatewayRequestValidation } from '../functions/shared/api-contract/gateway-request-validation';

/** The gateway's request validation of every published route, keyed `METHOD /path` (what the stack deploys). */
export function publishedRequestValidation(): Map<string, GatewayRequestValidation> {
  return new Map(publishedContracts.map((contract) => [`${contract.method} ${contract.path}`, gatewayRequestValidation(contract)]));
}
