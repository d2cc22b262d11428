import * as z from 'zod';
import { assertContractsMatchRoutes } from '#contracts/api/contract-coverage';
import type { RouteContract } from '#contracts/api/route-contract';
import { fixtureContracts } from './support/fixture-contracts';
import { appWiring } from '#lib/wiring';

describe('every route has exactly one contract, and every contract a route', () => {
  test("the route table and the published contracts (the handlers' own) agree", () => {
    expect(() => assertContractsMatchRoutes(appWiring.routes, appWiring.contracts)).not.toThrow();
  });

  test('the fixture contracts cover the route table too', () => {
    expect(() => assertContractsMatchRoutes(appWiring.routes, fixtureContracts)).not.toThrow();
  });

  test('every mismatch is reported at once', () => {
    const [health, openapi, createOrder, ...others] = fixtureContracts as [RouteContract, RouteContract, RouteContract, ...RouteContract[]];
    const contracts: RouteContract[] = [
      health,
      { ...health, operationId: 'healthAgain' },
      { ...openapi, operationId: 'getHealth' },
      { ...createOrder, path: '/api/v1/order' },
      ...others.map((contract) =>
        contract.operationId === 'getOrder'
          ? { ...contract, pathParameters: z.strictObject({ orderId: z.string() }) }
          : contract.operationId === 'cancelOrder'
            ? { ...contract, responses: { 404: contract.responses[404]! } }
            : contract,
      ),
    ];
    let message = '';
    try {
      assertContractsMatchRoutes(appWiring.routes, contracts);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'The route table and the API contracts disagree:',
      '  - route GET /api/v1/health has 2 contracts (getHealth, healthAgain)',
      '  - route POST /api/v1/orders has no contract',
      '  - contract createOrder (POST /api/v1/order) matches no route in the route table',
      '  - operationId getHealth is used by 2 contracts',
      '  - contract getOrder declares path parameters [orderId] but its path has [id]',
      '  - contract cancelOrder declares no 2xx response',
    ]);
  });
});
