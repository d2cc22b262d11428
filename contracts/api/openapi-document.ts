import type * as z from 'zod';
import type { BoundedContext, FunctionSpec, HttpMethod, RouteSpec } from '../wiring';
import type { ResponseContract, RouteContract } from './route-contract';
import { componentSchemas, type ComponentSchemaEntry, type ComponentSchemas } from './component-schemas';
import { assertContractsMatchRoutes } from './contract-coverage';
import { gatewayAnswerComponents, gatewayAnswersFor } from './gateway-answers';
import { gatewayRequestValidation } from './gateway-request-validation';
import { pascalCase } from './component-names';
import { canonicalHeaderName, HEADERS_NOT_DOCUMENTED_AS_PARAMETERS } from './header-names';
import { embeddedJsonSchema } from './inline-json-schema';
import type { OpenApiDocument, OpenApiHeader, OpenApiOperation, OpenApiParameter, OpenApiResponse } from './openapi-types';
import { PROBLEM_CONTENT_TYPE } from '../problem';
import { problemSchema } from './problem-schema';
import { HANDLER_CORS_HEADERS, headerComponent, headerRef, responseHeaderSchema } from './response-headers';

export interface OpenApiSources {
  routes: readonly RouteSpec[];
  /** The function catalogue: a route's tag is the bounded context of its function. */
  functions: readonly FunctionSpec[];
  contracts: readonly RouteContract[];
  /** info.version of the document. */
  version: string;
  /** Default: `../..`, the API root relative to where the document is served (see DEFAULT_SERVER). */
  servers?: OpenApiDocument['servers'];
}

const BEARER = 'bearerAuth';

/**
 * The document is served by a route directly below the base path (two segments under the root) and
 * the paths start with the base path, so the root is two levels up: `/dev` on an API Gateway stage
 * URL, `/` locally. OpenAPI 3.1 resolves a
 * relative server URL against the document's own URL, so one document is right everywhere.
 */
const DEFAULT_SERVER = { url: '../..', description: 'The API root, relative to this document (the stage root on API Gateway)', 'x-internal': false };
const CORRELATION_ID = 'X-Correlation-Id';

const TAGS: Record<BoundedContext, { name: string; description: string }> = {
  platform: { name: 'Platform', description: 'Health and this document (no token needed)' },
  identity: { name: 'Identity', description: 'Tokens' },
  orders: { name: 'Orders', description: 'Placing, reading, cancelling and fulfilling orders' },
  inventory: { name: 'Catalog', description: 'Products, prices and stock' },
  payments: { name: 'Payments', description: 'Payments, refunds and the provider webhook' },
  notifications: { name: 'Notifications', description: 'Customer notifications' },
};

const DESCRIPTION = [
  'The ordersaga order backend. JSON in and out; money is an integer in minor units with an ISO 4217 `currency`; times are ISO 8601 UTC.',
  '',
  "Every error is an RFC 9457 `application/problem+json` document (schema `Problem`), including the gateway's own answers (401, 403, 429, request validation).",
  'Every route but health, this document and the provider webhook needs `Authorization: Bearer <JWT>`.',
  'Every answer from a handler carries `X-Correlation-Id` (yours, if you sent a sane one, else the request id).',
  'Answers to a browser origin the stage allows carry the CORS headers (`Access-Control-Allow-Origin`…).',
].join('\n');

/** Operations of a path in the conventional order (redocly's path-http-verbs-order); paths keep route-table order. */
const METHOD_ORDER: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const isError = (status: number) => status >= 400;
const keyOf = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

/** Every schema the document names: request bodies, response bodies, and the problem schema. */
function schemaEntries(contracts: readonly RouteContract[]): ComponentSchemaEntry[] {
  const entries: ComponentSchemaEntry[] = [{ schema: problemSchema, direction: 'output', fallbackName: 'Problem', usedBy: 'the gateway responses' }];
  for (const contract of contracts) {
    const base = pascalCase(contract.operationId);
    if (contract.body) entries.push({ schema: contract.body, direction: 'input', fallbackName: `${base}Request`, usedBy: `${keyOf(contract)} request body` });
    for (const [status, response] of Object.entries(contract.responses)) {
      if (response.schema)
        entries.push({
          schema: response.schema,
          direction: 'output',
          fallbackName: `${base}${status}Response`,
          usedBy: `${keyOf(contract)} ${status} response`,
        });
    }
  }
  return entries;
}

function parametersOf(contract: RouteContract): OpenApiParameter[] {
  const usedBy = (where: string) => `${keyOf(contract)} ${where}`;
  const fromObject = (object: z.ZodObject | undefined, location: OpenApiParameter['in']): OpenApiParameter[] => {
    if (!object) return [];
    const whole = embeddedJsonSchema(object, { direction: 'input', usedBy: usedBy(`${location} parameters`) });
    const required = new Set((whole.required as string[] | undefined) ?? []);
    return Object.entries(object.shape)
      .filter(([name]) => location !== 'header' || !HEADERS_NOT_DOCUMENTED_AS_PARAMETERS.has(name.toLowerCase()))
      .map(([name, field]) => {
        const { description, ...schema } = embeddedJsonSchema(field as z.ZodType, { direction: 'input', usedBy: usedBy(`${location} parameter ${name}`) });
        return {
          name: location === 'header' ? canonicalHeaderName(name) : name,
          in: location,
          required: location === 'path' || required.has(name),
          ...(typeof description === 'string' ? { description } : {}),
          schema,
        };
      });
  };
  return [...fromObject(contract.pathParameters, 'path'), ...fromObject(contract.query, 'query'), ...fromObject(contract.headers, 'header')];
}

function responseOf(status: number, response: ResponseContract, components: ComponentSchemas): OpenApiResponse {
  const headers: Record<string, OpenApiHeader | { $ref: string }> = { [CORRELATION_ID]: headerRef(CORRELATION_ID) };
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    if (name.toLowerCase() === 'content-type') continue;
    const { description, required } = typeof header === 'string' ? { description: header, required: true } : header;
    headers[canonicalHeaderName(name)] = { description, required, schema: responseHeaderSchema(name) };
  }
  for (const name of HANDLER_CORS_HEADERS) headers[name] = headerRef(name);
  const schema = response.schema ?? (isError(status) ? problemSchema : undefined);
  const mediaType = isError(status) ? PROBLEM_CONTENT_TYPE : 'application/json';
  return {
    description: response.description,
    headers,
    ...(schema ? { content: { [mediaType]: { schema: { $ref: components.refOf(schema, 'output') } } } } : {}),
  };
}

function operationOf(route: RouteSpec, contract: RouteContract, tag: string, components: ComponentSchemas): OpenApiOperation {
  const validation = gatewayRequestValidation(contract);
  const validated = {
    body: validation.bodyModel !== undefined,
    parameters: Object.values(validation.requestParameters).some(Boolean),
    hasBody: contract.body !== undefined,
  };
  const responses: OpenApiOperation['responses'] = {};
  for (const [status, response] of Object.entries(contract.responses).sort(([a], [b]) => Number(a) - Number(b))) {
    responses[status] = responseOf(Number(status), response, components);
  }
  for (const answer of gatewayAnswersFor(route, validated)) {
    const declared = responses[answer.status];
    // Where the handler answers the same status, its response stays and says that the gateway may too.
    if (declared && 'description' in declared) {
      if (declared.description !== answer.description) declared.description = `${declared.description}\n\n${answer.alsoFromGateway}`;
    } else responses[answer.status] = { $ref: answer.ref };
  }

  const notes = [contract.description, route.auth === 'admin' ? 'Requires the `admin` group in the token.' : undefined].filter(Boolean);
  return {
    operationId: contract.operationId,
    summary: route.summary,
    ...(notes.length ? { description: notes.join('\n\n') } : {}),
    tags: [tag],
    security: route.auth === 'none' ? [] : [{ [BEARER]: [] }],
    parameters: [...parametersOf(contract), { $ref: `#/components/parameters/${CORRELATION_ID}` }],
    ...(contract.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: components.refOf(contract.body, 'input') } } } } }
      : {}),
    responses,
  };
}

/** The entries of a components section that `within` refers to by `$ref`. */
function pickReferenced<T>(section: Record<string, T>, name: 'responses' | 'headers', within: unknown): Record<string, T> {
  const text = JSON.stringify(within);
  return Object.fromEntries(Object.entries(section).filter(([key]) => text.includes(`"#/components/${name}/${key}"`)));
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/**
 * Every integer schema states its format (`int32` when its bounds fit 32 bits, else `int64`), so a
 * generated client picks a type that holds every value: derived from the bounds the zod schemas
 * already state, in one place, so no integer can be left without one.
 */
function withIntegerFormats<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withIntegerFormats) as T;
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([key, value]) => [key, withIntegerFormats(value)] as const);
  const schema = Object.fromEntries(entries) as Record<string, unknown>;
  if (schema.type === 'integer' && schema.format === undefined) {
    const fits = typeof schema.minimum === 'number' && typeof schema.maximum === 'number' && schema.minimum >= INT32.min && schema.maximum <= INT32.max;
    schema.format = fits ? 'int32' : 'int64';
  }
  return schema as T;
}

/**
 * The OpenAPI 3.1 document of the API, generated from the route table (paths, auth, summaries) and
 * the routes' contracts (the zod schemas the handlers validate with). Fails when the two disagree.
 */
export function buildOpenApiDocument(sources: OpenApiSources): OpenApiDocument {
  assertContractsMatchRoutes(sources.routes, sources.contracts);
  const contractOf = new Map(sources.contracts.map((contract) => [keyOf(contract), contract]));
  const contextOf = new Map(sources.functions.map((fn) => [fn.id, fn.context]));
  const components = componentSchemas(schemaEntries(sources.contracts));
  const problemRef = components.refOf(problemSchema, 'output');

  const paths: OpenApiDocument['paths'] = {};
  const usedTags = new Map<string, string>();
  for (const route of sources.routes) paths[route.path] ??= {};
  for (const route of [...sources.routes].sort((a, b) => METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method))) {
    const context = contextOf.get(route.functionId);
    if (!context) throw new Error(`route ${keyOf(route)} names function "${route.functionId}", which the function catalogue does not define`);
    const tag = TAGS[context];
    usedTags.set(tag.name, tag.description);
    const method = route.method.toLowerCase() as Lowercase<HttpMethod>;
    paths[route.path]![method] = operationOf(route, contractOf.get(keyOf(route))!, tag.name, components);
  }

  // Only the gateway answers some operation refers to (a component nobody uses is noise, and lint fails it).
  const gateway = gatewayAnswerComponents(problemRef);
  const responses = pickReferenced(gateway.responses, 'responses', paths);
  const headers = pickReferenced({ ...gateway.headers, Vary: headerComponent('Vary', false) }, 'headers', [paths, responses]);
  return withIntegerFormats({
    openapi: '3.1.1',
    info: { title: 'ordersaga API', version: sources.version, description: DESCRIPTION, license: { name: 'MIT No Attribution', identifier: 'MIT-0' } },
    servers: sources.servers ?? [DEFAULT_SERVER],
    tags: [...usedTags].sort(([a], [b]) => a.localeCompare(b)).map(([name, description]) => ({ name, description })),
    security: [{ [BEARER]: [] }],
    paths,
    components: {
      securitySchemes: {
        [BEARER]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "A JWT from the stage's issuer (the Cognito user pool, or the configured OIDC issuer; `POST /_local/token` in the local runtime). `sub` is the customer id; the `admin` group grants the admin routes. " +
            'Tokens are verified as RFC8725 (JSON Web Token Best Current Practices) advises: asymmetric algorithms only (never `none` or an HMAC), signature, issuer, audience and expiry checked.',
        },
      },
      schemas: components.schemas,
      responses,
      headers: {
        [CORRELATION_ID]: headerComponent(CORRELATION_ID, false),
        ...headers,
      },
      parameters: {
        [CORRELATION_ID]: {
          name: CORRELATION_ID,
          in: 'header',
          required: false,
          description: 'Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request.',
          schema: { type: 'string', maxLength: 128, pattern: '^[A-Za-z0-9._:-]{1,128}$' },
        },
      },
    },
  });
}
