import type { ColdStartRow } from '#bench/function-cold-start';
import { floorLabel } from '#bench/bare-floor';
import { functionsMarkdownTable } from '#bench/report';
import { formatMarkdownTable } from '#bench/stats';

describe("the bench's Markdown tables (pasted into docs/performance.md)", () => {
  it('right-aligns the columns of numbers and dashes, and pads every cell', () => {
    expect(
      formatMarkdownTable([
        { name: 'alpha', size: '1.5', ratio: '—' },
        { name: 'b', size: '12.25', ratio: '1.20' },
      ]),
    ).toBe(['| name  |  size | ratio |', '| ----- | ----: | ----: |', '| alpha |   1.5 |     — |', '| b     | 12.25 |  1.20 |'].join('\n'));
    expect(formatMarkdownTable([])).toBe('');
  });

  it("names a floor's SDK clients as the page does", () => {
    expect(floorLabel('none')).toBe('none');
    expect(floorLabel('DynamoDBClient+DynamoDBDocumentClient+SecretsManagerClient')).toBe('DynamoDB + document client + Secrets Manager');
    expect(floorLabel('DynamoDBClient+DynamoDBDocumentClient+SESv2Client+SNSClient')).toBe('DynamoDB + document client + SES v2 + SNS');
    expect(floorLabel('EventBridgeClient')).toBe('EventBridge');
  });

  it('gives a function without an SDK client dashes for ratios, and marks each goal', () => {
    const row = (functionId: string, floor: string, meetsGoal: boolean): ColdStartRow => ({
      functionId,
      floor,
      bundleKB: 42.25,
      floorKB: 0.5,
      bundleRatio: 84.5,
      initMs: 16.2,
      floorMs: 1.2,
      initRatio: 13.5,
      initCpuMs: 15,
      floorCpuMs: 1,
      initCpuRatio: 15,
      meetsGoal,
      contributors: [],
    });
    const table = functionsMarkdownTable([row('health', 'none', true), row('getOrder', 'DynamoDBClient+DynamoDBDocumentClient', false)]).split('\n');
    expect(table[0]).toMatch(
      /^\| function +\| bundle KB \| floor KB \| size × \| init ms \| floor ms \| init × \| CPU × \| goal \| floor \(SDK clients\) +\|$/,
    );
    expect(table[2]).toMatch(/^\| health +\| +42\.3 \| +0\.5 \| +— \| +16\.2 \| +1\.2 \| +— \| +— \| ✓ +\| none +\|$/);
    expect(table[3]).toMatch(/^\| getOrder +\| +42\.3 \| +0\.5 \| +84\.50 \| +16\.2 \| +1\.2 \| +13\.50 \| +15\.00 \| ✗ +\| DynamoDB \+ document client +\|$/);
  });
});
