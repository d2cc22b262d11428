import { apiHandler, jsonResponse } from '#shared/http/api-handler';

/** getHealth: answers while the function can run; no dependencies, no auth. */
export const handler = apiHandler(async () => jsonResponse(200, { status: 'ok' }));
