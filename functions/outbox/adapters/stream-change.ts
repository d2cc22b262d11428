import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue as LambdaAttributeValue, DynamoDBRecord } from 'aws-lambda';
import type { Item, StreamChange } from '../domain/stream-change';

// Lambda's JSON carries binary as base64 text where the SDK has bytes; we read no binary attributes.
const image = (value: Record<string, LambdaAttributeValue> | undefined): Item | undefined =>
  value ? unmarshall(value as Record<string, AttributeValue>) : undefined;

/** A Lambda stream record (NEW_AND_OLD_IMAGES) as a StreamChange. */
export function toStreamChange(record: DynamoDBRecord): StreamChange {
  const stream = record.dynamodb;
  if (!record.eventName || !stream?.SequenceNumber) throw new Error('not a DynamoDB stream record: no eventName or SequenceNumber');
  const seconds = stream.ApproximateCreationDateTime;
  return {
    eventName: record.eventName,
    sequenceNumber: stream.SequenceNumber,
    committedAt: seconds === undefined ? undefined : new Date(seconds * 1000).toISOString(),
    oldImage: image(stream.OldImage),
    newImage: image(stream.NewImage),
  };
}
