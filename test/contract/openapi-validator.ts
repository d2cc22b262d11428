import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { apiDocument } from '#platform/application/api-document';
import type { JsonSchema, OpenApiDocument, OpenApiHeader, OpenApiOperation, OpenApiRef, OpenApiResponse } from '#contracts/api/openapi-types';

/**
 * Checks an HTTP response against the OpenAPI document: the status is documented for the operation,
 * every required header is present and every documented header matches its schema, the content type
 * is one the response lists, and the body validates (JSON Schema 2020-12, ajv, with formats).
 *
 *   expect(validateResponse('POST', '/api/v1/orders', 201, response.headers, response.body)).toEqual([]);
 *
 * Returns the problems found (empty when the response conforms), so a failing test prints them all.
 */
export type HeaderBag = Record<string, string | string[] | number | boolean | undefined | null> | Headers | Map<string, string>;
export type ResponseValidator = (method: string, path: string, status: number, headers: HeaderBag, body: unknown) => string[];

const DOCUMENT_ID = 'urn:ordersaga:openapi';
const COMPONENT_SCHEMA = '#/components/schemas/';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** zod emits its own string formats (ulid, cuid, e164…) together with a `pattern` that does the checking. */
function registerUnknownFormats(ajv: Ajv2020, schema: unknown): void {
  if (Array.isArray(schema)) {
    for (const item of schema) registerUnknownFormats(ajv, item);
    return;
  }
  if (!schema || typeof schema !== 'object') return;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'format' && typeof value === 'string' && !ajv.formats[value]) ajv.addFormat(value, true);
    else registerUnknownFormats(ajv, value);
  }
}

/** Document-relative `#/components/schemas/X` refs, made absolute under the id the components are registered with. */
function withAbsoluteRefs<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(withAbsoluteRefs) as T;
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_SCHEMA)
        ? `${DOCUMENT_ID}#/$defs/${value.slice(COMPONENT_SCHEMA.length)}`
        : withAbsoluteRefs(value),
    ]),
  ) as T;
}

function headerValues(headers: HeaderBag): Map<string, string> {
  const values = new Map<string, string>();
  const entries: Iterable<[string, unknown]> = headers instanceof Headers || headers instanceof Map ? headers.entries() : Object.entries(headers ?? {});
  for (const [name, value] of entries) {
    if (value === undefined || value === null) continue;
    values.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
  }
  return values;
}

/** A path template as a regular expression: `{id}` matches one segment. */
const templatePattern = (template: string): RegExp => new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);

export function createResponseValidator(document: OpenApiDocument): ResponseValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  registerUnknownFormats(ajv, document.components);
  ajv.addSchema({ $id: DOCUMENT_ID, $defs: withAbsoluteRefs(document.components.schemas) });
  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: JsonSchema) => {
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(withAbsoluteRefs(schema));
      compiled.set(key, validate);
    }
    return validate;
  };
  const errorsOf = (validate: ValidateFunction, where: string) =>
    (validate.errors ?? []).map(
      (error) =>
        `${where}${error.instancePath || ''} ${error.message ?? 'is invalid'}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`,
    );

  const deref = <T>(item: T | OpenApiRef, section: 'responses' | 'headers'): T => {
    if (item && typeof item === 'object' && '$ref' in item) {
      const name = item.$ref.replace(`#/components/${section}/`, '');
      const found = (document.components[section] as Record<string, unknown>)[name];
      if (!found) throw new Error(`the document refers to ${item.$ref}, which it does not define`);
      return found as T;
    }
    return item as T;
  };

  const templates = Object.keys(document.paths).map((template) => ({ template, pattern: templatePattern(template), literal: !template.includes('{') }));
  const templateOf = (path: string): string | undefined => {
    const bare = path.split('?')[0]!.replace(/^https?:\/\/[^/]+/, '');
    const exact =
      templates.find((t) => t.template === bare) ?? templates.find((t) => t.literal && t.pattern.test(bare)) ?? templates.find((t) => t.pattern.test(bare));
    if (exact) return exact.template;
    // A deployed URL carries the stage in front (`/dev/api/v1/...`).
    const stageless = bare.replace(/^\/[^/]+/, '');
    return templates.find((t) => t.literal && t.pattern.test(stageless))?.template ?? templates.find((t) => t.pattern.test(stageless))?.template;
  };

  return (method, path, status, headers, body) => {
    const template = templateOf(path);
    const label = `${method.toUpperCase()} ${template ?? path} ${status}`;
    if (!template) return [`${label}: no path of the document matches ${path}`];
    const verb = method.toLowerCase() as (typeof METHODS)[number];
    const operation: OpenApiOperation | undefined = METHODS.includes(verb) ? document.paths[template]![verb] : undefined;
    if (!operation) return [`${label}: the document has no ${method.toUpperCase()} operation on ${template}`];

    const key = String(status);
    const declared =
      operation.responses[key] ?? operation.responses[`${key[0]}XX`] ?? (operation.responses as Record<string, OpenApiResponse | OpenApiRef>).default;
    if (!declared) return [`${label}: status ${status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})`];
    const response = deref<OpenApiResponse>(declared, 'responses');
    const problems: string[] = [];
    const values = headerValues(headers);

    for (const [name, entry] of Object.entries(response.headers ?? {})) {
      const header = deref<OpenApiHeader>(entry, 'headers');
      const value = values.get(name.toLowerCase());
      if (value === undefined) {
        if (header.required) problems.push(`${label}: required header ${name} is missing`);
        continue;
      }
      const validate = compile(`header ${label} ${name}`, header.schema);
      if (!validate(value)) problems.push(...errorsOf(validate, `${label}: header ${name}`));
    }

    const contentType = values.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    const isEmpty = body === undefined || body === null || body === '';
    if (!response.content) {
      if (!isEmpty) problems.push(`${label}: the document says this response has no body, but it has one`);
      return problems;
    }
    const media = contentType ? response.content[contentType] : undefined;
    if (!media) {
      problems.push(`${label}: content-type ${contentType ?? '(none)'} is not one of ${Object.keys(response.content).join(', ')}`);
      return problems;
    }
    let json = body;
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
      try {
        json = JSON.parse(body.toString());
      } catch {
        problems.push(`${label}: the body is not JSON`);
        return problems;
      }
    }
    const validate = compile(`body ${label} ${contentType}`, media.schema);
    if (!validate(json)) problems.push(...errorsOf(validate, `${label}: body`));
    return problems;
  };
}

let defaultValidator: ResponseValidator | undefined;

/** Checks a response against the API's own document (functions/platform/api-document.ts). */
export const validateResponse: ResponseValidator = (method, path, status, headers, body) => {
  defaultValidator ??= createResponseValidator(apiDocument());
  return defaultValidator(method, path, status, headers, body);
};

/** validateResponse, throwing with every problem listed: for tests that check many responses in a loop. */
export function assertValidResponse(...args: Parameters<ResponseValidator>): void {
  const problems = validateResponse(...args);
  if (problems.length > 0) throw new Error(`The response does not match the OpenAPI document:\n  - ${problems.join('\n  - ')}`);
}
