import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { apiHandler, type ApiHandler } from '#shared/http/api-handler';
import { orderProblemFor } from './order-problems';

/** The shared API middy chain, with the orders context's errors translated to their problems first. */
export function ordersApiHandler(handler: ApiHandler) {
  return apiHandler(async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    try {
      return await handler(event, context);
    } catch (error) {
      throw orderProblemFor(error);
    }
  });
}
