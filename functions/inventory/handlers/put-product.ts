import type { APIGatewayProxyEvent } from 'aws-lambda';
import { apiHandler, jsonResponse } from '#shared/http/api-handler';
import { callerOf, requireAdmin } from '#shared/http/caller';
import { entityTagCondition, preconditionFailed, preconditionRequired, strongOpaques } from '#shared/http/conditional-requests';
import { badRequest } from '#shared/http/problem';
import { parseJsonBody, parseParameter } from '#shared/http/request-validation';
import { inventoryAdapters } from '../adapters/inventory-adapters';
import { saveProduct } from '../application/catalog';
import type { InventoryPorts } from '../domain/ports';
import { productEntityTag, productInputSchema, skuSchema, versionOfEntityTag, type ProductWritePrecondition } from '../domain/product';

/**
 * The write a PUT asks for, from its precondition: `If-None-Match: *` creates, `If-Match` replaces
 * the version it names (or, with `*`, whatever is there). Without either, a stale save could put back
 * stock that orders have taken since it was read, so there is no unconditional PUT (428).
 */
function preconditionOf(event: APIGatewayProxyEvent): ProductWritePrecondition {
  const ifMatch = entityTagCondition(event, 'if-match');
  const ifNoneMatch = entityTagCondition(event, 'if-none-match');
  if (ifMatch && ifNoneMatch)
    throw badRequest('Send either If-Match (to replace) or If-None-Match: * (to create), not both.', [
      { path: 'If-None-Match', message: 'not together with If-Match' },
    ]);
  if (ifNoneMatch) {
    if (!ifNoneMatch.any)
      throw badRequest('On PUT, If-None-Match may only be * (create the product if it does not exist).', [
        { path: 'If-None-Match', message: 'only * is allowed' },
      ]);
    return { kind: 'create' };
  }
  if (ifMatch) {
    if (ifMatch.any) return { kind: 'replace-any' };
    // A tag we never issued names no version: the precondition cannot hold (412).
    return { kind: 'replace', versions: strongOpaques(ifMatch).flatMap((opaque) => versionOfEntityTag(opaque) ?? []) };
  }
  throw preconditionRequired('Send If-Match with the ETag of the product you read (to replace it), or If-None-Match: * (to create it).');
}

/** putProduct (admin): 201 when created, 200 when replaced, with the new ETag; 412 when the precondition fails. */
export function putProductHandler(ports: InventoryPorts) {
  return apiHandler(async (event) => {
    requireAdmin(callerOf(event));
    const sku = parseParameter(skuSchema, 'sku', event.pathParameters?.sku);
    const precondition = preconditionOf(event);
    const input = parseJsonBody(productInputSchema, event.body, event.isBase64Encoded);
    const outcome = await saveProduct(ports, sku, input, precondition);
    if (outcome.kind === 'precondition-failed') {
      throw preconditionFailed(
        precondition.kind === 'create'
          ? `Product ${sku} exists already: replace it with If-Match and its ETag.`
          : `Product ${sku} has changed since the ETag you sent (or does not exist): read it again and retry with its current ETag.`,
      );
    }
    return jsonResponse(precondition.kind === 'create' ? 201 : 200, outcome.stored.product, { etag: productEntityTag(outcome.stored.version) });
  });
}

export const handler = putProductHandler(inventoryAdapters());
