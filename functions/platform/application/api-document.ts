import { buildOpenApiDocument } from '#contracts/api/openapi-document';
import type { OpenApiDocument } from '#contracts/api/openapi-types';
import { inventoryApi } from '#inventory/api-contract';
import { notificationsApi } from '#notifications/api-contract';
import { ordersApi } from '#orders/api-contract';
import { paymentsApi } from '#payments/api-contract';
import { platformApi } from '../api-contract';

/** info.version: bump the minor for additions, the major (and the base path) for breaking changes. */
export const API_DOCUMENT_VERSION = '1.1.0';

/**
 * The routes of every context with an API, in the app's order. Only their api-contract.ts files
 * (schemas, no adapters): the document's function bundles neither the rest of the wiring nor a client.
 */
export const publishedApis = [platformApi, ordersApi, inventoryApi, paymentsApi, notificationsApi];

let built: OpenApiDocument | undefined;

/** The API's OpenAPI document, built from the published routes on first use. */
export function apiDocument(): OpenApiDocument {
  built ??= buildOpenApiDocument({
    routes: publishedApis.flatMap((api) => api.routes),
    functions: publishedApis.flatMap((api) => api.functions),
    contracts: publishedApis.flatMap((api) => api.contracts),
    version: API_DOCUMENT_VERSION,
  });
  return built;
}
