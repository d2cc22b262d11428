import { type Item, itemSize, numberSize, projectedItem, readUnits, type TableKeys, valueSize, writeUnits } from '#bench/dynamodb-documented-units';

const table: TableKeys = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'keys', partitionKey: 'kpk', projection: 'KEYS_ONLY' },
  ],
};

/** An item of exactly `bytes` bytes: `pk`, `sk` and a padding string, plus `extra`. */
function itemOf(bytes: number, extra: Item = {}): Item {
  const base: Item = { pk: { S: 'A' }, sk: { S: 'B' }, ...extra };
  const padding = bytes - itemSize(base) - 'pad'.length;
  return { ...base, pad: { S: 'x'.repeat(padding) } };
}

describe('DynamoDB item size by the documented rule (bench/dynamodb-documented-units.ts)', () => {
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
  it('sizes strings as their UTF-8 bytes, binary as its raw bytes, null and Boolean as 1 byte, each with its name', () => {
    expect(itemSize({ name: { S: 'abc' } })).toBe(4 + 3);
    expect(itemSize({ city: { S: 'Zürich' } })).toBe(4 + 7);
    expect(itemSize({ b: { B: Buffer.from([1, 2, 3, 4, 5]).toString('base64') } })).toBe(1 + 5);
    expect(itemSize({ ok: { BOOL: false }, no: { NULL: true } })).toBe(2 + 1 + 2 + 1);
  });

  it('sizes a number as 1 byte per two significant digits plus 1, leading and trailing zeros trimmed', () => {
    expect(numberSize('7')).toBe(2);
    expect(numberSize('1234')).toBe(3);
    expect(numberSize('12345')).toBe(4);
    expect(numberSize('000120000')).toBe(2);
    expect(numberSize('-0.0015')).toBe(2);
    expect(numberSize('0')).toBe(2);
    expect(itemSize({ qty: { N: '1234' } })).toBe(3 + 3);
  });

  it('gives a list or map 3 bytes of overhead plus 1 byte per element, and a set the sum of its elements', () => {
    expect(valueSize({ L: [] })).toBe(3);
    expect(valueSize({ M: {} })).toBe(3);
    expect(valueSize({ L: [{ S: 'ab' }, { N: '12' }] })).toBe(3 + (1 + 2) + (1 + 2));
    expect(itemSize({ m: { M: { k: { S: 'v' }, n: { BOOL: true } } } })).toBe(1 + 3 + (1 + 1 + 1) + (1 + 1 + 1));
    expect(valueSize({ SS: ['a', 'bcd'] })).toBe(4);
    expect(valueSize({ NS: ['1', '12345'] })).toBe(2 + 4);
  });
});

describe('DynamoDB write units by the documented rule', () => {
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html: 1 WCU per 1 KB, rounded up.
  it('bills a table write ceil(the larger of the item before and after / 1 KB)', () => {
    expect(writeUnits({ after: itemOf(500), succeeded: true }, table).table).toBe(1);
    expect(writeUnits({ after: itemOf(1024), succeeded: true }, table).table).toBe(1);
    expect(writeUnits({ after: itemOf(1025), succeeded: true }, table).table).toBe(2);
    expect(writeUnits({ before: itemOf(3500), after: itemOf(200), succeeded: true }, table).table).toBe(4);
    expect(writeUnits({ before: itemOf(1500), succeeded: true }, table).total).toBe(2);
  });

  it('bills a failed condition by the item sizes too, and writes no index', () => {
    expect(writeUnits({ before: itemOf(300, { gsi1pk: { S: 'x' }, gsi1sk: { S: 'y' } }), requested: itemOf(2100), succeeded: false }, table)).toEqual({
      table: 3,
      indexes: 0,
      total: 3,
    });
    expect(writeUnits({ succeeded: false }, table).total).toBe(1);
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling
  it('bills a transactional write twice per item', () => {
    expect(writeUnits({ after: itemOf(500), succeeded: true, transactional: true }, table).table).toBe(2);
    expect(writeUnits({ after: itemOf(1500), succeeded: true, transactional: true }, table).table).toBe(4);
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations
  describe('index writes', () => {
    const indexed = (gsi1pk: string, more: Item = {}) => itemOf(400, { gsi1pk: { S: gsi1pk }, gsi1sk: { S: 's' }, ...more });

    it('puts a new item that defines the index keys into the index: one write per KB of the projected item', () => {
      expect(writeUnits({ after: indexed('a'), succeeded: true }, table)).toEqual({ table: 1, indexes: 1, total: 2 });
      expect(writeUnits({ after: itemOf(1500, { gsi1pk: { S: 'a' }, gsi1sk: { S: 's' } }), succeeded: true }, table).indexes).toBe(2);
    });

    it('deletes and puts when an update changes an index key (two writes)', () => {
      expect(writeUnits({ before: indexed('a'), after: indexed('b'), succeeded: true }, table).indexes).toBe(2);
    });

    it('deletes once when the item leaves the index (a sparse index key removed, or the item deleted)', () => {
      expect(writeUnits({ before: indexed('a'), after: itemOf(400), succeeded: true }, table).indexes).toBe(1);
      expect(writeUnits({ before: indexed('a'), succeeded: true }, table).indexes).toBe(1);
    });

    it('writes once when only projected attributes change, and not at all when the projection is the same', () => {
      expect(
        writeUnits({ before: indexed('a', { status: { S: 'new' } }), after: indexed('a', { status: { S: 'paid' } }), succeeded: true }, table).indexes,
      ).toBe(1);
      expect(writeUnits({ before: indexed('a'), after: indexed('a'), succeeded: true }, table).indexes).toBe(0);
    });

    it("compares projections whatever the order of a map's entries or the form of binary values", () => {
      const before = indexed('a', { m: { M: { x: { S: '1' }, y: { S: '2' } } }, b: { B: Buffer.from('hi').toString('base64') } });
      const after = indexed('a', { m: { M: { y: { S: '2' }, x: { S: '1' } } }, b: { B: new Uint8Array(Buffer.from('hi')) as unknown as string } });
      expect(writeUnits({ before, after, succeeded: true }, table).indexes).toBe(0);
    });

    it('does not write an index that holds the item neither before nor after', () => {
      expect(writeUnits({ before: itemOf(100), after: itemOf(120), succeeded: true }, table).indexes).toBe(0);
    });

    it('bills an index entry by its projection: a KEYS_ONLY index ignores a change to other attributes', () => {
      const keysOnly = table.globalSecondaryIndexes[1]!;
      const item = itemOf(3000, { kpk: { S: 'k' } });
      expect(projectedItem(item, table, keysOnly)).toEqual({ pk: { S: 'A' }, sk: { S: 'B' }, kpk: { S: 'k' } });
      expect(writeUnits({ after: item, succeeded: true }, table).indexes).toBe(1);
      expect(writeUnits({ before: item, after: { ...item, pad: { S: 'changed' } }, succeeded: true }, table).indexes).toBe(0);
    });

    it('writes the index once per write even in a transaction (only the table item is written twice)', () => {
      expect(writeUnits({ after: indexed('a'), succeeded: true, transactional: true }, table)).toEqual({ table: 2, indexes: 1, total: 3 });
    });
  });
});

describe('DynamoDB read units by the documented rule', () => {
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
  it('bills a read ceil(size / 4 KB), at least 1 even when no item is there; half when eventually consistent', () => {
    expect(readUnits({ sizes: [3500], consistent: true, kind: 'single' })).toBe(1);
    expect(readUnits({ sizes: [3500], consistent: false, kind: 'single' })).toBe(0.5);
    expect(readUnits({ sizes: [10 * 1024], consistent: true, kind: 'single' })).toBe(3);
    expect(readUnits({ sizes: [0], consistent: true, kind: 'single' })).toBe(1);
  });

  it('rounds each item of a batch on its own, and a Query or Scan once on the sum of the items it returns', () => {
    expect(readUnits({ sizes: [1.5 * 1024, 6.5 * 1024], consistent: true, kind: 'single' })).toBe(3);
    expect(readUnits({ sizes: Array(10).fill(40), consistent: true, kind: 'query' })).toBe(1);
    expect(readUnits({ sizes: [], consistent: false, kind: 'query' })).toBe(0.5);
  });

  it('bills a transactional read twice', () => {
    expect(readUnits({ sizes: [4096], consistent: true, kind: 'single', transactional: true })).toBe(2);
  });
});
