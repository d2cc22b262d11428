import { functionCatalogue } from '../../lib/wiring/functions';
import { routeTable } from '../../lib/wiring/routes';
import { buildOpenApiDocument } from '../shared/api-contract/openapi-document';
import type { OpenApiDocument } from '../shared/api-contract/openapi-types';
import { publishedContracts } from './published-contracts';

/** info.version: bump the minor for additions, the major (and the base path) for breaking changes. */
export const API_DOCUMENT_VERSION = '1.0.0';

let built: OpenApiDocument | undefined;

/** The API's OpenAPI document, built from the route table and the published contracts on first use. */
export function apiDocument(): OpenApiDocument {
  built ??= buildOpenApiDocument({ routes: routeTable, functions: functionCatalogue, contracts: publishedContracts, version: API_DOCUMENT_VERSION });
  return built;
}
