import { buildOpenApiDocument } from '#contracts/api/openapi-document';
import { fixtureContracts } from './fixture-contracts';
import { appWiring } from '#lib/wiring';

/** The document for the real route table with the fixture contracts (independent of the handlers' work). */
export const fixtureDocument = () =>
  buildOpenApiDocument({ routes: appWiring.routes, functions: appWiring.functions, contracts: fixtureContracts, version: '0.0.0-test' });
