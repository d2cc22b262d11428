import { ITEM_ENTITY } from '#contracts/table-design';
import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { stockChange } from '#inventory/adapters/product-repository';
import { documentClient, tableName } from '#shared/aws/document-client';
import type { ReservationLine, StockReservation } from '../domain/stock-reservation';
import type { ReleaseOutcome, ReservationWrite, ReserveOutcome, StockReservations } from '../domain/ports';

/**
 * Stock reservations (`RESERVATION#<orderId>` / `RESERVATION`) and the stock they hold, changed
 * together in single transactions: all of an order's lines or none, never below zero, and released
 * exactly once. The reservation item is the idempotency record of both moves.
 */
export const reservationKey = (orderId: string) => ({ pk: `RESERVATION#${orderId}`, sk: 'RESERVATION' });

type CancellationReasons = TransactionCanceledException['CancellationReasons'];

export async function findReservation(orderId: string): Promise<StockReservation | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: reservationKey(orderId), ConsistentRead: true }));
  if (!Item) return undefined;
  const { items, status } = Item as unknown as StockReservation;
  return { orderId, items, status };
}

/** The stock change of one line, stamped with the order's correlation id (the low-stock event carries it). */
function lineChange(line: ReservationLine, delta: number, write: ReservationWrite) {
  const change = stockChange(line.sku, delta, write.now);
  return {
    ...change,
    UpdateExpression: `${change.UpdateExpression}, correlationId = :correlationId`,
    ExpressionAttributeValues: { ...change.ExpressionAttributeValues, ':correlationId': write.correlationId },
  };
}

/**
 * One transaction: the reservation must not exist yet, and every product must hold the quantity. The
 * order is not checked here (a condition check is billed as a transactional write): the step read it
 * pending just before, a cancel that commits in between is seen by the next step, which compensates,
 * and a compensation that ran first left a released reservation behind (closeUnreserved), on which
 * this transaction fails.
 */
export async function reserveStock(write: ReservationWrite): Promise<ReserveOutcome> {
  const at = write.now.toISOString();
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...reservationKey(write.orderId),
                entity: ITEM_ENTITY.reservation,
                orderId: write.orderId,
                items: write.lines,
                status: 'reserved',
                correlationId: write.correlationId,
                version: 1,
                createdAt: at,
                updatedAt: at,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...write.lines.map((line) => ({ Update: lineChange(line, -line.quantity, write) })),
        ],
      }),
    );
    return { kind: 'reserved' };
  } catch (error) {
    const reasons = cancellationReasonsOf(error);
    if (!reasons) throw error;
    const failed = (index: number) => reasons[index]?.Code === 'ConditionalCheckFailed';
    if (failed(0)) return { kind: 'already-reserved' };
    const skus = write.lines.filter((_, index) => failed(index + 1)).map((line) => line.sku);
    if (skus.length > 0) return { kind: 'out-of-stock', skus };
    throw error;
  }
}

/** One transaction: reserved → released, and every line's stock given back. */
export async function releaseStock(write: ReservationWrite): Promise<ReleaseOutcome> {
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: reservationKey(write.orderId),
              UpdateExpression: 'SET #status = :released, updatedAt = :now, correlationId = :correlationId ADD version :one',
              ConditionExpression: '#status = :reserved',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':released': 'released',
                ':reserved': 'reserved',
                ':now': write.now.toISOString(),
                ':correlationId': write.correlationId,
                ':one': 1,
              },
            },
          },
          ...write.lines.map((line) => ({ Update: lineChange(line, line.quantity, write) })),
        ],
      }),
    );
    return { kind: 'released' };
  } catch (error) {
    const reasons = cancellationReasonsOf(error);
    if (!reasons) throw error;
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return { kind: 'not-reserved' };
    return { kind: 'blocked', skus: write.lines.filter((_, index) => reasons[index + 1]?.Code === 'ConditionalCheckFailed').map((line) => line.sku) };
  }
}

/**
 * After a compensation found no reservation: a released one with no lines, so that a reservation still
 * on its way for this order (another run of its saga) fails on `attribute_not_exists(pk)`. `reserved`
 * when that reservation got there first: it is what there is to release.
 */
export async function closeUnreserved(write: Omit<ReservationWrite, 'lines'>): Promise<'closed' | 'reserved'> {
  const at = write.now.toISOString();
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...reservationKey(write.orderId),
          entity: ITEM_ENTITY.reservation,
          orderId: write.orderId,
          items: [],
          status: 'released',
          correlationId: write.correlationId,
          version: 1,
          createdAt: at,
          updatedAt: at,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return 'closed';
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    return (await findReservation(write.orderId))?.status === 'reserved' ? 'reserved' : 'closed';
  }
}

function cancellationReasonsOf(error: unknown): NonNullable<CancellationReasons> | undefined {
  if ((error as Error).name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as TransactionCanceledException).CancellationReasons;
  // Contention or throttling, with no condition failed: the caller's StoreBusy mapping retries it.
  if (!reasons?.some((reason) => reason.Code === 'ConditionalCheckFailed')) return undefined;
  return reasons;
}

/** Stock reservations on the stage's table. */
export const dynamoDbStockReservations: StockReservations = { find: findReservation, reserve: reserveStock, release: releaseStock, closeUnreserved };
