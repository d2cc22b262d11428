/**
 * Meters DynamoDB's request units by AWS's documented rule (bench/dynamodb-documented-units.ts) on the
 * traffic the local runtime's proxy forwards: it watches each call (the proxy's observer hook), reads the
 * items a write addresses before and after it with its own client (straight to DynamoDB, so unmetered),
 * and sizes the items a read returns. The proxy holds each call until the meter is done with it, so a
 * write's "before" is the item the write met, unless two writes to one item race (the bench places one
 * order at a time; its writes to one item follow each other).
 */
import { DynamoDBClient, GetItemCommand, type GetItemCommandOutput } from '@aws-sdk/client-dynamodb';
import type { TableDesign } from '#contracts/wiring';
import { localDynamoDbClientConfig } from '#local/dynamodb/client-config';
import type { DynamoDbCallObserver, DynamoDbTrafficProxy } from '#local/dynamodb/dynamodb-traffic-proxy';
import { type Item, type ItemWrite, itemSize, readUnits, type TableKeys, writeUnits } from './dynamodb-documented-units';

export interface DocumentedUnits {
  readUnits: number;
  writeUnits: number;
  /** Of `writeUnits`, those of index writes. */
  indexWriteUnits: number;
}

interface WriteTarget {
  table: string;
  key: Item;
  kind: 'put' | 'update' | 'delete' | 'check';
  /** A put's item. */
  item?: Item;
}

interface Request {
  TableName?: string;
  Key?: Item;
  Item?: Item;
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  AttributesToGet?: string[];
  RequestItems?: Record<string, unknown>;
  TransactItems?: Record<string, Request>[];
}

const CONDITION_FAILED = /ConditionalCheckFailedException|TransactionCanceledException/;

export function tableKeysOf(design: TableDesign): TableKeys {
  return { partitionKey: design.partitionKey, sortKey: design.sortKey, globalSecondaryIndexes: design.globalSecondaryIndexes };
}

export class DocumentedUnitsMeter {
  private readonly client: DynamoDBClient;
  private readonly keys: TableKeys;
  private units: DocumentedUnits = { readUnits: 0, writeUnits: 0, indexWriteUnits: 0 };

  constructor(
    private readonly proxy: DynamoDbTrafficProxy,
    /** DynamoDB itself, not the proxy: the meter's own reads are not the order's. */
    dynamoDbEndpoint: string,
    table: TableDesign,
  ) {
    this.client = new DynamoDBClient(localDynamoDbClientConfig(dynamoDbEndpoint));
    this.keys = tableKeysOf(table);
  }

  /** Watches the proxy's calls from now on (its own reads slow every write: on only while metering orders one at a time). */
  start(): void {
    this.proxy.observer = this.observe;
  }

  stop(): void {
    if (this.proxy.observer === this.observe) this.proxy.observer = undefined;
  }

  reset(): void {
    this.units = { readUnits: 0, writeUnits: 0, indexWriteUnits: 0 };
  }

  snapshot(): DocumentedUnits {
    return { ...this.units };
  }

  close(): void {
    this.stop();
    this.client.destroy();
  }

  private readonly observe: DynamoDbCallObserver = async ({ operation, requestBody }) => {
    let request: Request;
    try {
      request = JSON.parse(requestBody) as Request;
    } catch {
      return undefined;
    }
    const targets = this.writeTargets(operation, request);
    if (targets) {
      const before = await Promise.all(targets.map((target) => this.read(target.table, target.key)));
      return async (answer) => {
        const succeeded = answer.status === 200;
        if (!succeeded && !CONDITION_FAILED.test(answer.body)) return; // rejected before any item was read: not billed
        const transactional = operation === 'TransactWriteItems';
        for (const [index, target] of targets.entries()) {
          const after = !succeeded || target.kind === 'delete' ? undefined : target.kind === 'put' ? target.item : await this.read(target.table, target.key);
          const write: ItemWrite = { before: before[index], after, requested: target.item, succeeded, transactional };
          // A condition check writes nothing: it is billed as a write of the item it reads.
          if (target.kind === 'check') write.after = before[index];
          const units = writeUnits(write, target.kind === 'check' ? { ...this.keys, globalSecondaryIndexes: [] } : this.keys);
          this.units.writeUnits += units.total;
          this.units.indexWriteUnits += units.indexes;
        }
      };
    }
    if (!/^(GetItem|BatchGetItem|TransactGetItems|Query|Scan)$/.test(operation)) return undefined;
    return async (answer) => {
      if (answer.status !== 200) return;
      this.units.readUnits += await this.readUnitsOf(operation, request, JSON.parse(answer.body) as Record<string, unknown>);
    };
  };

  private writeTargets(operation: string, request: Request): WriteTarget[] | undefined {
    const keyOf = (item: Item): Item =>
      Object.fromEntries([this.keys.partitionKey, this.keys.sortKey].flatMap((name) => (name && item[name] ? [[name, item[name]]] : [])));
    const single = (kind: WriteTarget['kind'], part: Request): WriteTarget => ({
      table: part.TableName ?? '',
      key: part.Key ?? keyOf(part.Item ?? {}),
      kind,
      item: part.Item,
    });
    switch (operation) {
      case 'PutItem':
        return [single('put', request)];
      case 'UpdateItem':
        return [single('update', request)];
      case 'DeleteItem':
        return [single('delete', request)];
      case 'TransactWriteItems':
        return (request.TransactItems ?? []).flatMap((action) => {
          if (action.Put) return [single('put', action.Put)];
          if (action.Update) return [single('update', action.Update)];
          if (action.Delete) return [single('delete', action.Delete)];
          if (action.ConditionCheck) return [single('check', action.ConditionCheck)];
          return [];
        });
      case 'BatchWriteItem':
        return Object.entries((request.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]>).flatMap(
          ([table, writes]) =>
            writes.map((write) =>
              write.PutRequest
                ? { table, key: keyOf(write.PutRequest.Item), kind: 'put' as const, item: write.PutRequest.Item }
                : { table, key: write.DeleteRequest?.Key ?? {}, kind: 'delete' as const },
            ),
        );
      default:
        return undefined;
    }
  }

  private async readUnitsOf(operation: string, request: Request, answer: Record<string, unknown>): Promise<number> {
    // A projection returns less than is billed: the full item is read for its size.
    const projected = (part: Request) => Boolean(part.ProjectionExpression || part.AttributesToGet);
    const fullSize = async (table: string, key: Item) => itemSize(await this.read(table, key));
    switch (operation) {
      case 'GetItem': {
        const size = projected(request) ? await fullSize(request.TableName ?? '', request.Key ?? {}) : itemSize(answer.Item as Item | undefined);
        return readUnits({ sizes: [size], consistent: request.ConsistentRead === true, kind: 'single' });
      }
      case 'BatchGetItem': {
        let units = 0;
        for (const [table, part] of Object.entries((request.RequestItems ?? {}) as Record<string, Request & { Keys: Item[] }>)) {
          const sizes = await Promise.all(part.Keys.map((key) => fullSize(table, key)));
          units += readUnits({ sizes, consistent: part.ConsistentRead === true, kind: 'single' });
        }
        return units;
      }
      case 'TransactGetItems': {
        const gets = (request.TransactItems ?? []).flatMap((action) => (action.Get ? [action.Get] : []));
        const sizes = await Promise.all(gets.map((get) => fullSize(get.TableName ?? '', get.Key ?? {})));
        return readUnits({ sizes, consistent: true, kind: 'single', transactional: true });
      }
      default: {
        // Query and Scan: the items returned (a filter's discarded items and projections are not added back).
        const items = (answer.Items as Item[] | undefined) ?? [];
        return readUnits({ sizes: items.map(itemSize), consistent: request.ConsistentRead === true, kind: 'query' });
      }
    }
  }

  private async read(table: string, key: Item): Promise<Item | undefined> {
    const answer: GetItemCommandOutput = await this.client.send(new GetItemCommand({ TableName: table, Key: key as never, ConsistentRead: true }));
    return answer.Item as Item | undefined;
  }
}
