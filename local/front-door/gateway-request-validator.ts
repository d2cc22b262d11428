import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import type { GatewayRequestValidation } from '#contracts/api/gateway-request-validation';

const isBlank = (value: string): boolean => value.trim() === '';

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
    // Present and not blank (AWS docs, "Request validation for REST APIs in API Gateway",
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html:
    // "The required request parameters in the URI, query string, and headers of an incoming request
    // are included and not blank"): `Idempotency-Key:` or `?status=` with nothing after it is a 400.
    const headerValues = (name: string) => request.rawHeaders.filter(([candidate]) => candidate.toLowerCase() === name).map(([, value]) => value);
    if (route.requiredHeaders.some((name) => headerValues(name).every(isBlank))) return 'BAD_REQUEST_PARAMETERS';
    if (route.requiredQuery.some((name) => request.query.getAll(name).every(isBlank))) return 'BAD_REQUEST_PARAMETERS';
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
