import type { RouteContract } from './route-contract';
import { pascalCase } from './component-names';
import { draft4Model } from './draft4-model';
import { canonicalHeaderName, HEADERS_NOT_DOCUMENTED_AS_PARAMETERS } from './header-names';
import { embeddedJsonSchema } from './inline-json-schema';
import type { JsonSchema } from './openapi-types';

/** What API Gateway checks before it invokes a route's function, derived from the route's contract. */
export interface GatewayRequestValidation {
  /** The JSON body's model (draft 4), named for API Gateway (alphanumeric). */
  bodyModel?: { name: string; schema: JsonSchema };
  /**
   * Method request parameters, `method.request.{path|querystring|header}.<name>` → required. Only
   * required ones are rejected when missing; the others are listed so the method documents them.
   */
  requestParameters: Record<string, boolean>;
}

/** The names an object schema requires, as zod's input conversion says (defaults and optionals are not). */
function requiredNames(schema: JsonSchema): Set<string> {
  return new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
}

/** Shared by the CDK RestApi (models, method parameters) and the document (which 400s the gateway gives). */
export function gatewayRequestValidation(contract: RouteContract): GatewayRequestValidation {
  const usedBy = `${contract.method} ${contract.path} (${contract.operationId})`;
  const requestParameters: Record<string, boolean> = {};
  for (const name of Object.keys(contract.pathParameters?.shape ?? {})) requestParameters[`method.request.path.${name}`] = true;
  if (contract.query) {
    const required = requiredNames(embeddedJsonSchema(contract.query, { direction: 'input', usedBy: `${usedBy} query` }));
    for (const name of Object.keys(contract.query.shape)) requestParameters[`method.request.querystring.${name}`] = required.has(name);
  }
  if (contract.headers) {
    const required = requiredNames(embeddedJsonSchema(contract.headers, { direction: 'input', usedBy: `${usedBy} headers` }));
    for (const name of Object.keys(contract.headers.shape)) {
      if (HEADERS_NOT_DOCUMENTED_AS_PARAMETERS.has(name.toLowerCase())) continue;
      requestParameters[`method.request.header.${canonicalHeaderName(name)}`] = required.has(name);
    }
  }
  return {
    bodyModel:
      contract.body && contract.gatewayBodyModel !== false
        ? { name: `${pascalCase(contract.operationId)}Body`, schema: draft4Model(contract.body, usedBy) }
        : undefined,
    requestParameters,
  };
}
