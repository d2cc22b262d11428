import { buildOpenApiDocument } from '../../../functions/shared/api-contract/openapi-document';
import { functionCatalogue } from '../../../lib/wiring/functions';
import { routeTable } from '../../../lib/wiring/routes';
import { fixtureContracts } from './fixture-contracts';

/** The document for the real route table with the fixture contracts (independent of the handlers' work). */
export const fixtureDocument = () => buildOpenApiDocument({ routes: routeTable, functions: functionCatalogue, contracts: fixtureContracts, version: '0.0.0-test' });
