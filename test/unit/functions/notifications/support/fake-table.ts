import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

type Item = Record<string, unknown>;

/**
 * The document client mocked over a Map, evaluating the notification ledger's one condition
 * (free, failed, or a lapsed lease) the way DynamoDB would. Enough to prove the handlers act once.
 */
export function fakeNotificationTable() {
  const items = new Map<string, Item>();
  const keyOf = (key: Item) => `${key.pk}|${key.sk}`;
  const client = mockClient(DynamoDBDocumentClient);
  client.on(PutCommand).callsFake((input) => {
    const existing = items.get(keyOf(input.Item));
    const values = input.ExpressionAttributeValues ?? {};
    const free =
      !existing ||
      existing.deliveryStatus === values[':failed'] ||
      (existing.deliveryStatus === values[':sending'] && (existing.leaseExpiresAt as number) < values[':now']);
    if (!free) throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    items.set(keyOf(input.Item), { ...input.Item });
    return {};
  });
  client.on(GetCommand).callsFake((input) => ({ Item: items.get(keyOf(input.Key)) }));
  client.on(UpdateCommand).callsFake((input) => {
    const item = items.get(keyOf(input.Key));
    if (!item) return {};
    const values = input.ExpressionAttributeValues;
    if (values[':delivered']) Object.assign(item, { deliveryStatus: 'delivered', deliveredAt: values[':now'] });
    if (values[':failed']) Object.assign(item, { deliveryStatus: 'failed', lastError: values[':reason'] });
    delete item.leaseExpiresAt;
    return {};
  });
  return { client, items };
}
