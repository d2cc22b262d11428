import { apiHandler, jsonResponse } from '../../shared/http/api-handler';
import { callerOf } from '../../shared/http/caller';
import { notFound } from '../../shared/http/problem';
import { parseParameter } from '../../shared/http/request-validation';
import { findProduct } from '../adapters/product-repository';
import { skuSchema } from '../domain/product';

/** GET /api/v1/products/{sku} */
export const handler = apiHandler(async (event) => {
  callerOf(event);
  const sku = parseParameter(skuSchema, 'sku', event.pathParameters?.sku);
  const product = await findProduct(sku);
  if (!product) throw notFound(`No product with sku ${sku}.`);
  return jsonResponse(200, product);
});
