/**
 * DynamoDB's request units by AWS's documented rule, computed from the items a call touches: what an
 * on-demand table bills, independently of DynamoDB Local's own `ReturnConsumedCapacity` accounting
 * (which charges transactions and their index writes differently). Pure: the bench's documented-unit
 * meter (bench/dynamodb-documented-meter.ts) reads the items before and after each write and hands them
 * here. docs/performance.md, "Two accountings of DynamoDB", states the rule and what it leaves out.
 *
 * Sources:
 * - item size: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 * - reads and writes: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
 * - index writes: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations
 * - transactions: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling
 */

/** A DynamoDB attribute value as the JSON protocol carries it. */
export interface AttributeValue {
  S?: string;
  N?: string;
  B?: string;
  BOOL?: boolean;
  NULL?: boolean;
  L?: AttributeValue[];
  M?: Record<string, AttributeValue>;
  SS?: string[];
  NS?: string[];
  BS?: string[];
}

export type Item = Record<string, AttributeValue>;

/** A write request unit covers up to 1 KB; a read request unit up to 4 KB (strongly consistent). */
export const WRITE_UNIT_BYTES = 1024;
export const READ_UNIT_BYTES = 4096;

export interface IndexDesign {
  indexName: string;
  partitionKey: string;
  sortKey?: string;
  /** What the index holds besides the keys (default `ALL`, as the stack and the local table deploy). */
  projection?: 'ALL' | 'KEYS_ONLY' | { include: string[] };
}

export interface TableKeys {
  partitionKey: string;
  sortKey?: string;
  globalSecondaryIndexes: IndexDesign[];
}

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** A number's size: 1 byte per two significant digits (leading and trailing zeros trimmed), plus 1. */
export function numberSize(value: string): number {
  const digits = value
    .replace(/^[-+]/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** The size of a value without its attribute name. */
export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8Bytes(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return Buffer.from(value.B, 'base64').length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  // A list or map: 3 bytes of overhead, and 1 byte more per element.
  if (value.L !== undefined) return 3 + value.L.reduce((sum, element) => sum + 1 + valueSize(element), 0);
  if (value.M !== undefined) return 3 + Object.entries(value.M).reduce((sum, [name, element]) => sum + 1 + utf8Bytes(name) + valueSize(element), 0);
  // A set: the sum of its elements, each sized as its scalar type.
  if (value.SS !== undefined) return value.SS.reduce((sum, element) => sum + utf8Bytes(element), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, element) => sum + numberSize(element), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, element) => sum + Buffer.from(element, 'base64').length, 0);
  return 0;
}

/** An item's size: the lengths of its attribute names and values. */
export function itemSize(item: Item | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8Bytes(name) + valueSize(value), 0);
}

/** What `index` holds of `item`, or undefined when the item lacks an index key (a sparse index leaves it out). */
export function projectedItem(item: Item | undefined, table: TableKeys, index: IndexDesign): Item | undefined {
  if (!item || item[index.partitionKey] === undefined || (index.sortKey && item[index.sortKey] === undefined)) return undefined;
  const projection = index.projection ?? 'ALL';
  if (projection === 'ALL') return item;
  const kept = [table.partitionKey, table.sortKey, index.partitionKey, index.sortKey, ...(projection === 'KEYS_ONLY' ? [] : projection.include)];
  return Object.fromEntries(Object.entries(item).filter(([name]) => kept.includes(name)));
}

const writeUnitsFor = (bytes: number): number => Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
/** A value as text that does not depend on the order of a map's entries, or on binary arriving as base64 or as bytes. */
function canonical(value: unknown): string {
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, inner]) => `${JSON.stringify(name)}:${canonical(inner)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
const sameValue = (a: AttributeValue | undefined, b: AttributeValue | undefined): boolean => canonical(a) === canonical(b);
const sameItem = (a: Item, b: Item): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([name, value]) => sameValue(value, b[name]));

export interface ItemWrite {
  /** The item before the write (undefined: there was none). */
  before?: Item;
  /** The item after the write (undefined: deleted, or the write failed). */
  after?: Item;
  /** What the request itself would have written (a put's item): it sizes a failed put. */
  requested?: Item;
  /** False when a condition failed (or the transaction it was part of was cancelled): still billed, nothing written. */
  succeeded: boolean;
  /** Part of a `TransactWriteItems`: each item is written twice (prepare and commit). */
  transactional?: boolean;
}

export interface WriteUnits {
  table: number;
  indexes: number;
  total: number;
}

/**
 * Write request units of one item's write: the table's, ceil(larger of before and after / 1 KB), twice in a
 * transaction; then each index the write touches: putting the projected item into it, ceil(size / 1 KB);
 * changing its index key, a delete and a put; the item leaving it, one delete; a changed projection, one
 * write; nothing when the index holds the item neither before nor after. A failed condition bills the
 * table write and writes no index.
 */
export function writeUnits(write: ItemWrite, table: TableKeys): WriteUnits {
  const tableBytes = Math.max(itemSize(write.before), itemSize(write.after), write.succeeded ? 0 : itemSize(write.requested));
  const tableUnits = writeUnitsFor(tableBytes) * (write.transactional ? 2 : 1);
  if (!write.succeeded) return { table: tableUnits, indexes: 0, total: tableUnits };
  let indexes = 0;
  for (const index of table.globalSecondaryIndexes) {
    const before = projectedItem(write.before, table, index);
    const after = projectedItem(write.after, table, index);
    if (!before && !after) continue;
    if (!before) indexes += writeUnitsFor(itemSize(after));
    else if (!after) indexes += writeUnitsFor(itemSize(before));
    else if (!sameValue(before[index.partitionKey], after[index.partitionKey]) || (index.sortKey && !sameValue(before[index.sortKey], after[index.sortKey])))
      indexes += writeUnitsFor(itemSize(before)) + writeUnitsFor(itemSize(after));
    else if (!sameItem(before, after)) indexes += writeUnitsFor(Math.max(itemSize(before), itemSize(after)));
  }
  return { table: tableUnits, indexes, total: tableUnits + indexes };
}

export interface ItemsRead {
  /** The full size of each item read (0 for a key that holds none). */
  sizes: number[];
  consistent: boolean;
  /** `single`: each item billed on its own (GetItem, BatchGetItem, TransactGetItems); `query`: one sum for the call (Query, Scan). */
  kind: 'single' | 'query';
  transactional?: boolean;
}

/**
 * Read request units: ceil(size / 4 KB) per item read on its own (at least 1, even when no item is
 * there), or of the sum of the items a Query or Scan returns; half of that when eventually consistent,
 * twice when transactional.
 */
export function readUnits(read: ItemsRead): number {
  const factor = read.transactional ? 2 : read.consistent ? 1 : 0.5;
  const unitsFor = (bytes: number) => Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES));
  if (read.kind === 'query') return unitsFor(read.sizes.reduce((sum, size) => sum + size, 0)) * factor;
  return read.sizes.reduce((sum, size) => sum + unitsFor(size), 0) * factor;
}
