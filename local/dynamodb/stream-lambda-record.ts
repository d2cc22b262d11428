import type { _Record as StreamsRecord } from '@aws-sdk/client-dynamodb-streams';

/**
 * A stream record exactly as Lambda hands it to a function (the `Records[i]` of a DynamoDB stream
 * event): attribute values in DynamoDB JSON with binary as base64, ApproximateCreationDateTime in epoch
 * seconds, the stream's ARN as eventSourceARN, and userIdentity only on TTL deletions.
 */
export type LambdaAttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { M: Record<string, LambdaAttributeValue> }
  | { L: LambdaAttributeValue[] }
  | { NULL: boolean }
  | { BOOL: boolean };

export interface LambdaStreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: string;
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime?: number;
    Keys: Record<string, LambdaAttributeValue>;
    NewImage?: Record<string, LambdaAttributeValue>;
    OldImage?: Record<string, LambdaAttributeValue>;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: string;
  };
  eventSourceARN: string;
  userIdentity?: { type: 'Service'; principalId: 'dynamodb.amazonaws.com' };
}

/** What Lambda hands the function: one batch. */
export interface LambdaStreamEvent {
  Records: LambdaStreamRecord[];
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** The SDK decodes binary to Uint8Array; Lambda's JSON event carries it as base64 text. */
export function toLambdaAttributeValue(value: unknown): LambdaAttributeValue {
  const attribute = value as Record<string, unknown>;
  if (attribute.S !== undefined) return { S: attribute.S as string };
  if (attribute.N !== undefined) return { N: attribute.N as string };
  if (attribute.B !== undefined) return { B: base64(attribute.B as Uint8Array) };
  if (attribute.SS !== undefined) return { SS: [...(attribute.SS as string[])] };
  if (attribute.NS !== undefined) return { NS: [...(attribute.NS as string[])] };
  if (attribute.BS !== undefined) return { BS: (attribute.BS as Uint8Array[]).map(base64) };
  if (attribute.M !== undefined) return { M: toLambdaImage(attribute.M as Record<string, unknown>) };
  if (attribute.L !== undefined) return { L: (attribute.L as unknown[]).map(toLambdaAttributeValue) };
  if (attribute.NULL !== undefined) return { NULL: attribute.NULL as boolean };
  if (attribute.BOOL !== undefined) return { BOOL: attribute.BOOL as boolean };
  throw new Error(`Unknown attribute value type: ${JSON.stringify(Object.keys(attribute))}`);
}

export function toLambdaImage(image: Record<string, unknown>): Record<string, LambdaAttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaAttributeValue(value)]));
}

/**
 * DynamoDB Local names its region `ddblocal` in stream ARNs; Lambda's event names the table's real
 * region, so the local runtime's region goes in its place.
 */
export function lambdaEventSourceArn(streamArn: string, region: string): string {
  return streamArn.replace(/^(arn:[^:]+:dynamodb:)ddblocal:/, `$1${region}:`);
}

export function toLambdaStreamRecord(
  record: StreamsRecord,
  context: { eventSourceArn: string; awsRegion: string; isTtlDeletion?: boolean },
): LambdaStreamRecord {
  const stream = record.dynamodb ?? {};
  const created = stream.ApproximateCreationDateTime;
  const lambdaRecord: LambdaStreamRecord = {
    eventID: record.eventID ?? '',
    eventName: record.eventName as LambdaStreamRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: context.awsRegion,
    dynamodb: {
      ...(created !== undefined && { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) }),
      Keys: toLambdaImage((stream.Keys ?? {}) as Record<string, unknown>),
      ...(stream.NewImage && { NewImage: toLambdaImage(stream.NewImage as Record<string, unknown>) }),
      ...(stream.OldImage && { OldImage: toLambdaImage(stream.OldImage as Record<string, unknown>) }),
      SequenceNumber: stream.SequenceNumber ?? '',
      SizeBytes: stream.SizeBytes ?? 0,
      StreamViewType: stream.StreamViewType ?? '',
    },
    eventSourceARN: context.eventSourceArn,
  };
  if (context.isTtlDeletion) lambdaRecord.userIdentity = { type: 'Service', principalId: 'dynamodb.amazonaws.com' };
  return lambdaRecord;
}
