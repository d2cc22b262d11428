import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import { gatewayRequestValidation } from '#contracts/api/gateway-request-validation';
import type { RouteContract } from '#contracts/api/route-contract';

/**
 * What the gateway checks before invoking a route's function, from the route's contract (the schemas
 * its handler validates with): the JSON body against a draft-4 model, and the required path, query
 * and header parameters. Invalid requests are answered 400 problem+json without a Lambda invocation.
 */
export function methodRequestValidation(api: apigw.RestApi, contract: RouteContract): Pick<apigw.MethodOptions, 'requestModels' | 'requestParameters'> {
  const validation = gatewayRequestValidation(contract);
  const model =
    validation.bodyModel &&
    api.addModel(validation.bodyModel.name, {
      modelName: validation.bodyModel.name,
      contentType: 'application/json',
      description: `Body of ${contract.method} ${contract.path}`,
      // Draft 4 already (`$schema` included): JsonSchema's mapper passes the keys through unchanged.
      schema: validation.bodyModel.schema as apigw.JsonSchema,
    });
  return {
    ...(model ? { requestModels: { 'application/json': model } } : {}),
    ...(Object.keys(validation.requestParameters).length > 0 ? { requestParameters: validation.requestParameters } : {}),
  };
}
