import { documentClient, tableName } from '#shared/aws/document-client';
import { DynamoNotificationRecords } from './notification-records';
import { DynamoOrderContacts } from './order-contacts';

/**
 * The notification records and order contacts on the stage's table. Apart from the senders and the
 * templates (notifications-adapters.ts), so that the functions that only read or update records do
 * not bundle the template engine and the SES and SNS clients.
 */
export const notificationRecords = () => new DynamoNotificationRecords({ client: documentClient, tableName });

export const orderContacts = () => new DynamoOrderContacts(documentClient, tableName);
