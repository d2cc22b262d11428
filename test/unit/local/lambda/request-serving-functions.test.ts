import { appWiring } from '#lib/wiring';
import { requestServingFunctionIds } from '#local/lambda/request-serving-functions';

describe('the functions a request waits for', () => {
  it("are the authorizer and every route's handler, each once, and none of the saga's or the subscribers'", () => {
    const ids = requestServingFunctionIds(appWiring);
    expect(ids).toContain(appWiring.authorizer.functionId);
    for (const route of appWiring.routes) expect(ids).toContain(route.functionId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => ['reserveStock', 'takePayment', 'compensateOrder', 'notifyCustomer', 'publishDomainEvents'].includes(id))).toEqual([]);
  });
});
