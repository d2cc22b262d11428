import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_ENTITY } from '#contracts/table-design';
import { orderKey } from '#orders/adapters/order-keys';
import type { OrderContacts } from '../domain/ports';

/**
 * Whose order it is and whom to tell, read from the order item itself: the contact is personal data,
 * kept once, where the orders context wrote it (docs/data-model.md, "Personal data"); events carry it
 * masked only.
 */
export class DynamoOrderContacts implements OrderContacts {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: () => string,
  ) {}

  async find(orderId: string) {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName(),
        Key: orderKey(orderId),
        ProjectionExpression: 'entity, customerId, contact',
        ConsistentRead: true,
      }),
    );
    if (!Item || Item.entity !== ITEM_ENTITY.order) return undefined;
    const contact = (Item.contact ?? {}) as { email?: unknown; phone?: unknown };
    return {
      customerId: String(Item.customerId),
      contact: {
        ...(typeof contact.email === 'string' ? { email: contact.email } : {}),
        ...(typeof contact.phone === 'string' ? { phone: contact.phone } : {}),
      },
    };
  }
}
