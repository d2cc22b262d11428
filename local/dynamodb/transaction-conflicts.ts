/**
 * Transaction conflicts as DynamoDB reports them, for the traffic proxy to inject: DynamoDB Local runs
 * every request one after the other, so it never answers one. AWS docs, "Amazon DynamoDB Transactions:
 * How it works", section "Transaction conflict handling in DynamoDB"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-conflict-handling):
 *
 * - a PutItem, UpdateItem or DeleteItem on an item an ongoing TransactWriteItems includes is rejected
 *   with `TransactionConflictException`;
 * - a TransactWriteItems or TransactGetItems that meets another transaction (or a write) on one of its
 *   items is rejected with `TransactionCanceledException`, whose `CancellationReasons` hold one entry
 *   per action, in order: `TransactionConflict` for the item in conflict, `None` for the others.
 *
 * Either way nothing is written. The SDKs do not retry either error: the application must.
 */

/** The operations that can be rejected for a conflict, and how. */
export type ConflictKind = 'transaction' | 'single-item-write';

const SINGLE_ITEM_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);
const TRANSACTIONS = new Set(['TransactWriteItems', 'TransactGetItems']);

/** `transaction` for the transactional operations, `single-item-write` for Put/Update/Delete, else undefined. */
export function conflictKindOf(operation: string): ConflictKind | undefined {
  if (TRANSACTIONS.has(operation)) return 'transaction';
  if (SINGLE_ITEM_WRITES.has(operation)) return 'single-item-write';
  return undefined;
}

type AttributeMap = Record<string, unknown>;
interface TransactAction {
  TableName?: string;
  Item?: AttributeMap;
  Key?: AttributeMap;
}

/** One item's identity: its table and key attributes, whatever else the request carries. */
function itemIdentity(tableName: string | undefined, attributes: AttributeMap | undefined, keyAttributes: readonly string[]): string | undefined {
  if (!tableName || !attributes) return undefined;
  return JSON.stringify([tableName, ...keyAttributes.map((name) => attributes[name] ?? null)]);
}

/**
 * The items a request addresses, one per action for a transaction (in the order of its actions, so that
 * a cancellation reason can point at one), or the one item of a single-item write. Undefined entries
 * stand for actions whose item cannot be read from the request (a malformed body: DynamoDB answers it).
 */
export function itemsOfRequest(operation: string, input: AttributeMap, keyAttributes: readonly string[]): (string | undefined)[] {
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    const actions = Array.isArray(input.TransactItems) ? (input.TransactItems as Record<string, TransactAction>[]) : [];
    return actions.map((action) => {
      const [inner] = Object.values(action ?? {});
      return itemIdentity(inner?.TableName, inner?.Item ?? inner?.Key, keyAttributes);
    });
  }
  if (SINGLE_ITEM_WRITES.has(operation)) {
    const tableName = typeof input.TableName === 'string' ? input.TableName : undefined;
    return [itemIdentity(tableName, (input.Item ?? input.Key) as AttributeMap | undefined, keyAttributes)];
  }
  return [];
}

/**
 * The items transactions have written to, most recent last, up to a bound: a single-item write to one
 * of them is where DynamoDB could meet an ongoing transaction.
 */
export class TransactedItems {
  private readonly items = new Map<string, true>();

  constructor(private readonly capacity = 50_000) {}

  add(identity: string): void {
    this.items.delete(identity);
    this.items.set(identity, true);
    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value!);
  }

  has(identity: string): boolean {
    return this.items.has(identity);
  }
}

const ERROR_PREFIX = 'com.amazonaws.dynamodb.v20120810#';

/** The JSON body of DynamoDB's answer to a single-item write that met a transaction (HTTP 400). */
export function transactionConflictAnswer(): string {
  return JSON.stringify({ __type: `${ERROR_PREFIX}TransactionConflictException`, message: 'Transaction is ongoing for the item' });
}

/** The JSON body of DynamoDB's answer to a transaction cancelled by a conflict on action `conflicting` of `actions` (HTTP 400). */
export function transactionCanceledAnswer(actions: number, conflicting: number): string {
  const reasons = Array.from({ length: actions }, (_, index) =>
    index === conflicting ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' },
  );
  return JSON.stringify({
    __type: `${ERROR_PREFIX}TransactionCanceledException`,
    Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((reason) => reason.Code).join(', ')}]`,
    CancellationReasons: reasons,
  });
}
