import { compareCounts, parseCounts } from '#bench/baseline/counts-comparison';

const happy = { path: 'happy (tok_visa)', workflow: 'standard' as const, statesEntered: 2, dynamoDbCalls: 17, dynamoDbWriteUnits: 23 };
const counts = (documented?: number) => ({
  paths: [{ ...happy, ...(documented === undefined ? {} : { dynamoDbWriteUnitsDocumented: documented }) }],
  functions: [{ id: 'createOrder', bundleKB: 900 }],
});

describe("the baseline comparison's documented write units (bench/baseline/counts-comparison.ts)", () => {
  it("fails when a path needs more write units by AWS's documented rule", () => {
    const comparison = compareCounts(counts(16), counts(18));
    expect(comparison.passed).toBe(false);
    expect(comparison.findings).toEqual([
      expect.objectContaining({ verdict: 'regression', figure: 'dynamoDbWriteUnitsDocumented', baseline: 16, current: 18 }),
    ]);
    expect(compareCounts(counts(16), counts(15)).findings).toEqual([
      expect.objectContaining({ verdict: 'improvement', figure: 'dynamoDbWriteUnitsDocumented' }),
    ]);
  });

  it('compares the figure only where both sides have it (a baseline written before it was measured)', () => {
    expect(compareCounts(counts(), counts(16))).toMatchObject({ passed: true, findings: [] });
    expect(compareCounts(counts(16), counts())).toMatchObject({ passed: true, findings: [] });
  });

  it('reads it from a counts file and from a whole bench/results.json', () => {
    expect(parseCounts(counts(16), 'counts.json').paths[0]!.dynamoDbWriteUnitsDocumented).toBe(16);
    const results = {
      paths: [{ ...happy, dynamoDbWriteUnits: undefined, usage: { dynamoDbWriteUnits: 23, dynamoDbDocumentedWriteUnits: 16 } }],
      functions: [{ functionId: 'createOrder', bundleKB: 900 }],
    };
    expect(parseCounts(results, 'results.json').paths[0]).toMatchObject({ dynamoDbWriteUnits: 23, dynamoDbWriteUnitsDocumented: 16 });
    expect(() => parseCounts(counts(-1), 'counts.json')).toThrow('counts.json: paths[0].dynamoDbWriteUnitsDocumented must be a number ≥ 0');
  });
});
