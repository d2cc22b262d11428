import type { AuthorizerSpec, RouteSpec } from './types';

export const API_BASE_PATH = '/api/v1';

export const authorizerSpec: AuthorizerSpec = {
  functionId: 'authorizer',
  identitySource: 'Authorization',
  resultTtlSeconds: 300,
};

/** The route table: API Gateway resources and methods in the stack, the front door's router locally. */
export const routeTable: RouteSpec[] = [
  { method: 'GET', path: `${API_BASE_PATH}/health`, functionId: 'health', auth: 'none', summary: 'Liveness probe' },
  { method: 'GET', path: `${API_BASE_PATH}/products/{sku}`, functionId: 'getProduct', auth: 'user', summary: 'Get a product' },
  { method: 'PUT', path: `${API_BASE_PATH}/products/{sku}`, functionId: 'putProduct', auth: 'admin', summary: 'Create or replace a product' },
];
