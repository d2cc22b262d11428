export { assertContractsMatchRoutes } from './contract-coverage';
export { componentSchemas, type ComponentSchemaEntry, type ComponentSchemas, type SchemaDirection } from './component-schemas';
export { draft4Model } from './draft4-model';
export { gatewayRequestValidation, type GatewayRequestValidation } from './gateway-request-validation';
export { canonicalHeaderName } from './header-names';
export { buildOpenApiDocument, type OpenApiSources } from './openapi-document';
export type * from './openapi-types';
export { fieldErrorSchema, PROBLEM_CONTENT_TYPE, problemSchema, type ProblemBody } from './problem-schema';
