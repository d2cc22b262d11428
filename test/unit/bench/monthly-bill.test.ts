import { awsPrices } from '#bench/aws-prices';
import { inventoryOf, monthlyBill, PATH_MIX } from '#bench/monthly-bill';

const inventory = { alarms: 10, dashboards: 1, customMetrics: 5, secrets: 2, webAcls: 1, webAclRules: 4 };
const everyPathAt = (usd: number) => Object.fromEntries(Object.keys(PATH_MIX).map((path) => [path, usd]));

describe('monthly bill (bench/monthly-bill.ts)', () => {
  it('prices the orders of a month by the path mix and adds each fixed line from the price table', () => {
    const bill = monthlyBill({
      ordersPerDay: 10_000,
      pathCostPerMillion: everyPathAt(100),
      apiRequestsPerOrder: 2,
      logBytesPerOrder: 0,
      logRetentionDays: 30,
      inventory,
    });
    expect(bill.ordersPerMonth).toBe(300_000);
    // $100 per 1M orders × 300K orders, plus 600K web ACL requests.
    expect(bill.perOrderUsd).toBeCloseTo(30 + 600_000 * awsPrices.wafRequest.usd);
    expect(bill.fixedUsd).toBeCloseTo(10 * 0.1 + 3 + 5 * 0.3 + 2 * 0.4 + 5 + 4 * 1);
    expect(bill.totalUsd).toBeCloseTo(bill.perOrderUsd + bill.fixedUsd);
    // The web ACL and its rules ($9) and the dashboard ($3) are most of the fixed $15.30.
    expect(bill.dominantFixed).toEqual(['WAF web ACLs', 'WAF rules', 'CloudWatch dashboards']);
    for (const line of [...bill.perOrder, ...bill.fixed]) expect(line.source).toMatch(/^https:\/\/|npm run bench/);
  });

  it('stores a month of ingested logs per 30 days of retention', () => {
    const bill = monthlyBill({
      ordersPerDay: 1024,
      pathCostPerMillion: everyPathAt(0),
      apiRequestsPerOrder: 0,
      logBytesPerOrder: (1024 * 1024) / 30,
      logRetentionDays: 90,
      inventory: { ...inventory, alarms: 0 },
    });
    expect(bill.perOrder.find((line) => line.item === 'function logs ingested')!.usdPerMonth).toBeCloseTo(awsPrices.cloudWatchLogsIngestedGb.usd);
    expect(bill.fixed.find((line) => line.item.startsWith('logs stored'))!.usdPerMonth).toBeCloseTo(3 * awsPrices.cloudWatchLogsStoredGbMonth.usd);
  });

  it('refuses a path mix that names a path the bench did not measure', () => {
    expect(() => monthlyBill({ ordersPerDay: 1, pathCostPerMillion: {}, apiRequestsPerOrder: 0, logBytesPerOrder: 0, logRetentionDays: 1, inventory })).toThrow(
      /did not measure/,
    );
  });

  it('counts the fixed inventory from a template', () => {
    const template = {
      Resources: {
        A1: { Type: 'AWS::CloudWatch::Alarm' },
        A2: { Type: 'AWS::CloudWatch::Alarm' },
        D: { Type: 'AWS::CloudWatch::Dashboard' },
        S: { Type: 'AWS::SecretsManager::Secret' },
        W: { Type: 'AWS::WAFv2::WebACL', Properties: { Rules: [{}, {}, {}] } },
        F: { Type: 'AWS::Lambda::Function' },
      },
    };
    expect(inventoryOf(template, 7)).toEqual({ alarms: 2, dashboards: 1, customMetrics: 7, secrets: 1, webAcls: 1, webAclRules: 3 });
  });
});
