import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoNotificationLedger } from '#notifications/adapters/notification-ledger';

const dynamo = mockClient(DynamoDBDocumentClient);
const ledger = new DynamoNotificationLedger({ client: DynamoDBDocumentClient.from(new DynamoDBClient({})), tableName: () => 'ordersaga-test' });
const record = { eventId: 'e-1', channel: 'email', detailType: 'order.shipped', correlationId: 'corr-1', recipient: 'c-1', summary: 'Order o-1 shipped' };
const now = new Date('2026-03-14T10:00:00Z');
const nowSeconds = now.getTime() / 1000;

beforeEach(() => dynamo.reset());

describe('DynamoNotificationLedger', () => {
  test('claims with a conditional put of NOTIFICATION#<eventId>, a lease and a TTL', async () => {
    dynamo.on(PutCommand).resolves({});
    expect(await ledger.claim(record, now)).toBe('claimed');
    const input = dynamo.commandCalls(PutCommand)[0].args[0].input;
    expect(input).toEqual({
      TableName: 'ordersaga-test',
      Item: {
        pk: 'NOTIFICATION#e-1',
        sk: 'CHANNEL#email',
        entity: 'notification',
        ...record,
        deliveryStatus: 'sending',
        claimedAt: '2026-03-14T10:00:00.000Z',
        leaseExpiresAt: nowSeconds + 30,
        expiresAt: nowSeconds + 30 * 86_400,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR deliveryStatus = :failed OR (deliveryStatus = :sending AND leaseExpiresAt < :now)',
      ExpressionAttributeValues: { ':failed': 'failed', ':sending': 'sending', ':now': nowSeconds },
    });
  });

  test.each([
    ['delivered', 'alreadyDelivered'],
    ['sending', 'inProgress'],
  ])('a refused claim reads the record: %s → %s', async (status, expected) => {
    dynamo.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));
    dynamo.on(GetCommand).resolves({ Item: { deliveryStatus: status } });
    expect(await ledger.claim(record, now)).toBe(expected);
    expect(dynamo.commandCalls(GetCommand)[0].args[0].input).toMatchObject({ Key: { pk: 'NOTIFICATION#e-1', sk: 'CHANNEL#email' }, ConsistentRead: true });
  });

  test('other errors are not mistaken for a duplicate', async () => {
    dynamo.on(PutCommand).rejects(new Error('ProvisionedThroughputExceeded'));
    await expect(ledger.claim(record, now)).rejects.toThrow('ProvisionedThroughputExceeded');
  });

  test('records the outcome on the same item', async () => {
    dynamo.on(UpdateCommand).resolves({});
    await ledger.markDelivered(record, now);
    await ledger.markFailed(record, 'smtp down');
    const [delivered, failed] = dynamo.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(delivered).toMatchObject({ Key: { pk: 'NOTIFICATION#e-1', sk: 'CHANNEL#email' }, ExpressionAttributeValues: { ':delivered': 'delivered' } });
    expect(failed).toMatchObject({ ExpressionAttributeValues: { ':failed': 'failed', ':reason': 'smtp down' } });
  });
});
