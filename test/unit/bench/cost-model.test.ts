import { awsPrices } from '#bench/aws-prices';
import { billedGbSeconds, costPerMillionOrders, meanUsage, type OrderUsage } from '#bench/cost-model';

const none: OrderUsage = {
  apiRequests: 0,
  lambdaInvocations: 0,
  lambdaGbSeconds: 0,
  stateTransitions: 0,
  expressRequests: 0,
  expressGbSeconds: 0,
  expressLogBytes: 0,
  dynamoDbReadUnits: 0,
  dynamoDbWriteUnits: 0,
  dynamoDbDocumentedReadUnits: 0,
  dynamoDbDocumentedWriteUnits: 0,
  events: 0,
  queueMessages: 0,
};

describe('cost model (bench/cost-model.ts)', () => {
  it('bills memory in GB times the duration rounded up to the millisecond', () => {
    expect(billedGbSeconds(512, 100)).toBeCloseTo(0.05, 10);
    expect(billedGbSeconds(1024, 1.0001)).toBeCloseTo(0.002, 10);
    expect(billedGbSeconds(256, 0)).toBe(0);
  });

  it('prices each billed item per million orders with the one price table', () => {
    const cost = costPerMillionOrders({
      ...none,
      apiRequests: 1,
      lambdaInvocations: 2,
      lambdaGbSeconds: 0.1,
      stateTransitions: 3,
      dynamoDbDocumentedReadUnits: 4,
      dynamoDbDocumentedWriteUnits: 10,
      events: 5,
      queueMessages: 2,
    });
    expect(cost.apiGateway).toBeCloseTo(3.5);
    expect(cost.lambdaRequests).toBeCloseTo(0.4);
    expect(cost.lambdaDuration).toBeCloseTo(0.1 * awsPrices.lambdaArmGbSecond.usd * 1e6);
    expect(cost.stepFunctions).toBeCloseTo(75);
    expect(cost.dynamoDb).toBeCloseTo(4 * 0.125 + 10 * 0.625);
    expect(cost.eventBridge).toBeCloseTo(5);
    expect(cost.sqs).toBeCloseTo(0.8);
    const { total, ...items } = cost;
    expect(total).toBeCloseTo(Object.values(items).reduce((sum, usd) => sum + usd, 0));
  });

  it('prices an Express execution by request, duration and the logs it writes', () => {
    const cost = costPerMillionOrders({ ...none, expressRequests: 1, expressGbSeconds: 0.0625, expressLogBytes: 1024 ** 3 / 1e6 });
    expect(cost.stepFunctions).toBeCloseTo(1 + 0.0625 * awsPrices.stepFunctionsExpressGbSecond.usd * 1e6);
    expect(cost.cloudWatchLogs).toBeCloseTo(awsPrices.cloudWatchLogsIngestedGb.usd);
  });

  it("prices DynamoDB on the documented rule's units, not on DynamoDB Local's", () => {
    const documented = costPerMillionOrders({
      ...none,
      dynamoDbDocumentedWriteUnits: 18,
      dynamoDbWriteUnits: 23,
      dynamoDbDocumentedReadUnits: 4,
      dynamoDbReadUnits: 6,
    });
    expect(documented.dynamoDb).toBeCloseTo(18 * 0.625 + 4 * 0.125);
  });

  it('costs nothing for no usage', () => {
    expect(costPerMillionOrders(none).total).toBe(0);
  });

  it('averages usage field by field', () => {
    const mean = meanUsage([
      { ...none, stateTransitions: 3, events: 5 },
      { ...none, stateTransitions: 5, events: 4 },
    ]);
    expect(mean).toEqual({ ...none, stateTransitions: 4, events: 4.5 });
    expect(() => meanUsage([])).toThrow();
  });
});
