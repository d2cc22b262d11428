/**
 * Renders the API's OpenAPI document to contracts/api/openapi.json, the file the document function
 * serves (functions/platform/handlers/open-api-document.ts). Rendering at build time keeps zod and
 * every context's route contracts out of that function's bundle: it serves a static asset, packaged
 * beside its bundle.
 *
 *   npm run openapi:render    writes the file; commit it with the route contract that changed it
 *
 * `npm test` fails while the committed file differs from the document the contracts build
 * (test/contract/openapi-json.test.ts).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { OPENAPI_DOCUMENT_ASSET } from '#contracts/api/openapi-document-asset';
import { apiDocument } from '#platform/application/api-document';

export const OPENAPI_JSON_FILE = path.resolve(__dirname, '..', OPENAPI_DOCUMENT_ASSET.source);

/** The file's text: the document, indented for review, with a final newline. */
export const renderOpenApiJson = (): string => `${JSON.stringify(apiDocument(), null, 2)}\n`;

if (require.main === module) {
  writeFileSync(OPENAPI_JSON_FILE, renderOpenApiJson());
  console.log(`wrote ${path.relative(process.cwd(), OPENAPI_JSON_FILE)}`);
}
