import { ITEM_ENTITY } from '#contracts/table-design';
import { documentClient, tableName } from '#shared/aws/document-client';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { OrderChange } from '../domain/order-lifecycle';
import { ORDER_STATUSES, type OrderStatus } from '../domain/order-status';
import type { ChangeOutcome, OrderListing, OrderPage, OrderPlacement, OrderRepository, PlacementOutcome, StoredOrder } from '../domain/ports';
import { orderFromItem, orderItem, storedOrderFromItem } from './order-item';
import { customerOrdersIndex, orderKey, ordersAwaitingRepairIndex, ordersByStatusIndex, paymentKey, placementRequestKey } from './order-keys';

/** A placement request, the Idempotency-Key's record, is remembered 24 h. */
export const PLACEMENT_REQUEST_TTL_SECONDS = 24 * 60 * 60;
/** How many filtered Query rounds one page may take before it returns short (each reads up to 1 MB). */
const MAX_QUERY_ROUNDS = 10;

type Item = Record<string, unknown>;

/** One index listing: its key condition, and how to read a page position from an item. */
interface IndexListing {
  indexName: string;
  partitionKeyName: string;
  partitionKey: string;
  sortKeyName: string;
  statusFilter?: OrderStatus;
}

export class DynamoDbOrderRepository implements OrderRepository {
  /** The repository on the stage's table, through the sandbox's one client. */
  static ofStage(): DynamoDbOrderRepository {
    return new DynamoDbOrderRepository(documentClient, tableName);
  }

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: () => string,
  ) {}

  /**
   * Three single-item writes, each conditional, none transactional (a transaction bills every item
   * twice): the placement request claims the key, then the payment and the order are created. The
   * order is the commit point: the saga starts from its INSERT, and by then its payment exists. A
   * request found without its order is in progress until its `inProgressUntil`, and taken over by a
   * retry after it (the placement died half-way; what it wrote is left unreferenced, never charged).
   */
  async place({ order, payment, request, correlationId }: OrderPlacement): Promise<PlacementOutcome> {
    const claimed = await this.claimPlacementRequest(order, payment.id, request);
    if (claimed.kind !== 'claimed') return claimed;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.table(),
          // The order's correlation id travels on the payment too: its events carry it (docs/events.md).
          Item: { ...paymentKey(payment.id), entity: ITEM_ENTITY.payment, ...payment, correlationId, version: 1 },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      await this.client.send(
        new PutCommand({ TableName: this.table(), Item: orderItem(order, 1, correlationId), ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return { kind: 'created' };
    } catch (error) {
      await this.releasePlacementRequest(request, order.id);
      throw error;
    }
  }

  /**
   * The key's placement request, for this order: written if the key is new (or its request expired:
   * TTL deletes late), or taken over from a placement that died half-way; otherwise what the existing
   * one says.
   */
  private async claimPlacementRequest(
    order: OrderPlacement['order'],
    paymentId: string,
    request: OrderPlacement['request'],
  ): Promise<{ kind: 'claimed' } | Exclude<PlacementOutcome, { kind: 'created' }>> {
    const nowSeconds = Math.floor(Date.parse(order.createdAt) / 1000);
    const item = {
      ...placementRequestKey(request.customerId, request.idempotencyKey),
      entity: 'order_request',
      orderId: order.id,
      paymentId,
      customerId: request.customerId,
      fingerprint: request.fingerprint,
      createdAt: order.createdAt,
      inProgressUntil: request.inProgressUntil,
      expiresAt: nowSeconds + PLACEMENT_REQUEST_TTL_SECONDS,
    };
    const key = placementRequestKey(request.customerId, request.idempotencyKey);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.table(),
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return { kind: 'claimed' };
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
    const { Item: existing } = await this.client.send(new GetCommand({ TableName: this.table(), Key: key, ConsistentRead: true }));
    // Gone again (expired and swept): a race with TTL too rare to resolve here; the client retries.
    if (!existing) return { kind: 'in-progress' };
    const taken = { orderId: String(existing.orderId), fingerprint: String(existing.fingerprint) };
    if (taken.fingerprint !== request.fingerprint || (await this.find(taken.orderId))) return { kind: 'already-placed', ...taken };
    if (Number(existing.inProgressUntil ?? 0) > Date.now()) return { kind: 'in-progress' };
    try {
      // The placement that wrote it died before its order: this one takes the key over, once.
      await this.client.send(
        new PutCommand({
          TableName: this.table(),
          Item: item,
          ConditionExpression: 'orderId = :theirs',
          ExpressionAttributeValues: { ':theirs': taken.orderId },
        }),
      );
      return { kind: 'claimed' };
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      return { kind: 'in-progress' };
    }
  }

  /** After a failed placement: the key is free again (only if the request is still this placement's). */
  private async releasePlacementRequest(request: OrderPlacement['request'], orderId: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.table(),
          Key: placementRequestKey(request.customerId, request.idempotencyKey),
          ConditionExpression: 'orderId = :ours',
          ExpressionAttributeValues: { ':ours': orderId },
        }),
      );
    } catch {
      // The request stays; a retry takes it over once its `inProgressUntil` has passed.
    }
  }

  async find(orderId: string): Promise<StoredOrder | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table(), Key: orderKey(orderId), ConsistentRead: true }));
    return Item && Item.entity === ITEM_ENTITY.order ? storedOrderFromItem(Item) : undefined;
  }

  async list(listing: OrderListing): Promise<OrderPage> {
    if (listing.customerId !== undefined) {
      return this.listIndex(
        {
          indexName: customerOrdersIndex.name,
          partitionKeyName: 'gsi1pk',
          partitionKey: customerOrdersIndex.partitionKey(listing.customerId),
          sortKeyName: 'gsi1sk',
          statusFilter: listing.status,
        },
        listing,
      );
    }
    if (listing.status !== undefined) return this.listIndex(this.statusListing(listing.status), listing);
    return this.listEveryStatus(listing);
  }

  async applyChange(orderId: string, expectedVersion: number, change: OrderChange): Promise<ChangeOutcome> {
    const names: Record<string, string> = { '#status': 'status', '#version': 'version', '#updatedAt': 'updatedAt', '#gsi2pk': 'gsi2pk' };
    const values: Record<string, unknown> = {
      ':from': change.from,
      ':to': change.status,
      ':expected': expectedVersion,
      ':one': 1,
      ':updatedAt': change.updatedAt,
      ':gsi2pk': ordersByStatusIndex.partitionKey(change.status),
    };
    const sets = ['#status = :to', '#updatedAt = :updatedAt', '#gsi2pk = :gsi2pk', '#version = #version + :one'];
    if (change.cancellationReason) {
      names['#cancellationReason'] = 'cancellationReason';
      values[':cancellationReason'] = change.cancellationReason;
      sets.push('#cancellationReason = :cancellationReason');
    }
    if (change.status === 'cancelled') {
      // In the same write as the cancel: the saga's settlement sweeper finds the order even if every
      // follow-up of this change is lost; the compensation removes it once money and stock are settled.
      values[':settlementDue'] = ordersAwaitingRepairIndex.settlementDue;
      values[':settlementSk'] = ordersAwaitingRepairIndex.sortKey(change.updatedAt, orderId);
      sets.push('gsi3pk = :settlementDue', 'gsi3sk = :settlementSk');
    }
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.table(),
          Key: orderKey(orderId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          // Both the status and the version it was read at: of two concurrent changes exactly one wins.
          ConditionExpression: 'attribute_exists(pk) AND #status = :from AND #version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { kind: 'applied', order: orderFromItem(Attributes!) };
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      const current = await this.find(orderId);
      return current ? { kind: 'stale', current } : { kind: 'not-found' };
    }
  }

  private statusListing(status: OrderStatus): IndexListing {
    return { indexName: ordersByStatusIndex.name, partitionKeyName: 'gsi2pk', partitionKey: ordersByStatusIndex.partitionKey(status), sortKeyName: 'gsi2sk' };
  }

  /**
   * One index partition, newest first, from just below `after`. Asks for one item more than the page
   * to know whether another page exists. With a status filter DynamoDB filters after reading, so it
   * may take several rounds; after MAX_QUERY_ROUNDS the page is returned short, continuing where
   * the reading stopped.
   */
  private async listIndex(index: IndexListing, listing: OrderListing): Promise<OrderPage> {
    const wanted = listing.limit + 1;
    const found: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    let lastRead: string | undefined;
    for (let round = 0; round < MAX_QUERY_ROUNDS; round++) {
      const { Items = [], LastEvaluatedKey } = await this.client.send(new QueryCommand(this.pageQuery(index, listing.after, wanted - found.length, startKey)));
      found.push(...Items);
      startKey = LastEvaluatedKey;
      lastRead = LastEvaluatedKey ? String(LastEvaluatedKey[index.sortKeyName]) : undefined;
      if (found.length >= wanted || !LastEvaluatedKey) break;
    }
    if (found.length >= wanted) {
      const page = found.slice(0, listing.limit);
      return { orders: page.map(orderFromItem), nextPosition: String(page[page.length - 1]![index.sortKeyName]) };
    }
    return { orders: found.map(orderFromItem), nextPosition: startKey ? lastRead : undefined };
  }

  private pageQuery(index: IndexListing, after: string | undefined, limit: number, startKey: Record<string, unknown> | undefined): QueryCommandInput {
    // DynamoDB refuses expression names and values that the expressions do not use.
    const names: Record<string, string> = { '#pk': index.partitionKeyName };
    const values: Record<string, unknown> = { ':pk': index.partitionKey };
    let condition = '#pk = :pk';
    if (after !== undefined) {
      names['#sk'] = index.sortKeyName;
      condition += ' AND #sk < :after';
      values[':after'] = after;
    }
    let filter: string | undefined;
    if (index.statusFilter) {
      names['#status'] = 'status';
      values[':status'] = index.statusFilter;
      filter = '#status = :status';
    }
    return {
      TableName: this.table(),
      IndexName: index.indexName,
      KeyConditionExpression: condition,
      FilterExpression: filter,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
      // Filtered reads fetch more per round: most of a customer's orders may be in other statuses.
      Limit: filter ? Math.max(limit, 100) : limit,
      ExclusiveStartKey: startKey,
    };
  }

  /**
   * Every customer's orders, newest first, across statuses: the newest of each status partition,
   * merged. gsi2's sort key (`<createdAt>#<id>`) is unique and ordered the same in every partition,
   * so one position continues all of them.
   */
  private async listEveryStatus(listing: OrderListing): Promise<OrderPage> {
    const pages = await Promise.all(ORDER_STATUSES.map((status) => this.listIndex(this.statusListing(status), listing)));
    const merged = pages.flatMap((page) => page.orders.map((order) => ({ order, position: ordersByStatusIndex.sortKey(order.createdAt, order.id) })));
    merged.sort((a, b) => (a.position < b.position ? 1 : a.position > b.position ? -1 : 0));
    const anyMore = pages.some((page) => page.nextPosition !== undefined) || merged.length > listing.limit;
    const page = merged.slice(0, listing.limit);
    return {
      orders: page.map(({ order }) => order),
      nextPosition: anyMore && page.length > 0 ? page[page.length - 1]!.position : undefined,
    };
  }
}
