import { apiHandler, jsonResponse } from '../../shared/http/api-handler';
import { callerOf, requireAdmin } from '../../shared/http/caller';
import { parseJsonBody, parseParameter } from '../../shared/http/request-validation';
import { saveProduct } from '../adapters/product-repository';
import { productFrom, productInputSchema, skuSchema } from '../domain/product';

/** PUT /api/v1/products/{sku} (admin): 201 when created, 200 when replaced. */
export const handler = apiHandler(async (event) => {
  requireAdmin(callerOf(event));
  const sku = parseParameter(skuSchema, 'sku', event.pathParameters?.sku);
  const input = parseJsonBody(productInputSchema, event.body, event.isBase64Encoded);
  const product = productFrom(sku, input, new Date());
  const { created } = await saveProduct(product);
  return jsonResponse(created ? 201 : 200, product);
});
