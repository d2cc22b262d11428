import type { FunctionSpec } from './types';

/**
 * Every Lambda function of the app. The stack creates one NodejsFunction per entry; the local runtime
 * loads the same entry file in its own worker.
 */
export const functionCatalogue: FunctionSpec[] = [
  {
    id: 'health',
    context: 'platform',
    description: 'Liveness probe: GET /api/v1/health',
    entry: 'functions/platform/handlers/health.ts',
    handler: 'handler',
    memorySize: 256,
    timeoutSeconds: 3,
    access: {},
  },
  {
    id: 'authorizer',
    context: 'identity',
    description: 'REQUEST authorizer: verifies the bearer JWT against the stage issuer',
    entry: 'functions/identity/handlers/authorizer.ts',
    handler: 'handler',
    memorySize: 512,
    timeoutSeconds: 5,
    access: { verifiesTokens: true },
  },
  {
    id: 'getProduct',
    context: 'inventory',
    description: 'GET /api/v1/products/{sku}',
    entry: 'functions/inventory/handlers/get-product.ts',
    handler: 'handler',
    memorySize: 512,
    timeoutSeconds: 5,
    access: { table: 'read' },
  },
  {
    id: 'putProduct',
    context: 'inventory',
    description: 'PUT /api/v1/products/{sku} (admin): create or replace a catalog product',
    entry: 'functions/inventory/handlers/put-product.ts',
    handler: 'handler',
    memorySize: 512,
    timeoutSeconds: 5,
    access: { table: 'readWrite' },
  },
];
