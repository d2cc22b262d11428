import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import type { GatewayRequestValidation } from '#contracts/api/gateway-request-validation';

export type RequestValidationOutcome = 'valid' | 'BAD_REQUEST_PARAMETERS' | 'BAD_REQUEST_BODY';

interface CompiledRouteValidation {
  requiredHeaders: string[];
  requiredQuery: string[];
  body?: ValidateFunction;
}

export interface ValidatedRequest {
  rawHeaders: [string, string][];
  query: URLSearchParams;
  body: Buffer;
}

/**
 * The REST API's request validator, as the stack configures it from the same contracts: required
 * headers and query parameters, and the JSON body against the route's draft-4 model (API Gateway
 * models are draft 4, hence ajv-draft-04). Failures are the gateway's own 400s.
 */
export class GatewayRequestValidator {
  private readonly routes = new Map<string, CompiledRouteValidation>();

  /** `validations` is keyed `METHOD /resource/path`. */
  constructor(validations: Map<string, GatewayRequestValidation>) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    for (const [routeKey, validation] of validations) {
      const required = (kind: string) =>
        Object.entries(validation.requestParameters)
          .filter(([parameter, isRequired]) => isRequired && parameter.startsWith(`method.request.${kind}.`))
          .map(([parameter]) => parameter.slice(`method.request.${kind}.`.length));
      this.routes.set(routeKey, {
        requiredHeaders: required('header').map((name) => name.toLowerCase()),
        requiredQuery: required('querystring'),
        body: validation.bodyModel ? ajv.compile(validation.bodyModel.schema) : undefined,
      });
    }
  }

  check(routeKey: string, request: ValidatedRequest): RequestValidationOutcome {
    const route = this.routes.get(routeKey);
    if (!route) return 'valid';
    const headerNames = new Set(request.rawHeaders.map(([name]) => name.toLowerCase()));
    if (route.requiredHeaders.some((name) => !headerNames.has(name))) return 'BAD_REQUEST_PARAMETERS';
    if (route.requiredQuery.some((name) => !request.query.has(name))) return 'BAD_REQUEST_PARAMETERS';
    if (!route.body) return 'valid';
    // Models apply to JSON; a request without a Content-Type is taken as JSON, as API Gateway does.
    const contentType = request.rawHeaders.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? 'application/json';
    if (!/^application\/json\b/i.test(contentType)) return 'valid';
    let body: unknown;
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch {
      return 'BAD_REQUEST_BODY';
    }
    return route.body(body) ? 'valid' : 'BAD_REQUEST_BODY';
  }
}
