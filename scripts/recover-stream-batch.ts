/**
 * Recovers a table-stream batch that a Lambda event source mapping gave up on. Lambda's on-failure
 * message carries only where the batch was (shard, first and last sequence number), never the records
 * (AWS docs, "Retaining discarded batches for a DynamoDB event source in Lambda"); the records stay in
 * the stream for 24 hours. This reads them back from the stream, keeps those the mapping's filter
 * lets through, and prints the event the consumer's function would have received, ready for
 * `aws lambda invoke` (docs/events.md, "When a stream batch is discarded").
 *
 *   npx tsx scripts/recover-stream-batch.ts --consumer domainEventOutbox message.json > event.json
 *
 * `message.json` is the body of one message of the mapping's on-failure queue ("-" reads it from
 * stdin). AWS_REGION and the usual credentials apply; `--stream-arn` reads another stream than the one
 * the message names (the local runtime's DynamoDB Local names its region `ddblocal`).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, TrimmedDataAccessException } from '@aws-sdk/client-dynamodb-streams';
import { appWiring } from '#lib/wiring';
import { matchesEventPattern } from '#local/eventbridge/event-pattern';
import { type LambdaStreamEvent, type LambdaStreamRecord, toLambdaStreamRecord } from '#local/dynamodb/stream-lambda-record';

/** The part of the on-failure message this needs. */
export interface DiscardedBatchMessage {
  DDBStreamBatchInfo: { shardId: string; startSequenceNumber: string; endSequenceNumber: string; batchSize: number; streamArn: string };
}

export interface RecoveryOptions {
  /** The mapping's filter patterns: records no pattern matches were never in the batch. */
  filterPatterns?: Record<string, unknown>[];
  /** The region named in the records (the table's). */
  region: string;
  /** Read this stream instead of the one the message names. */
  streamArn?: string;
  /** Reads that may come back empty before the end of the range is reached (an open shard answers some). Default 100. */
  maxEmptyReads?: number;
}

/** Thrown when the stream no longer holds the range: past 24 h, re-derive from the table instead. */
export class BatchTrimmedError extends Error {
  override name = 'BatchTrimmedError';
}

const sequence = (value: string): bigint => BigInt(value);

/** The discarded batch, read back from the stream, as the function would have received it. */
export async function recoverStreamBatch(
  client: Pick<DynamoDBStreamsClient, 'send'>,
  message: DiscardedBatchMessage,
  options: RecoveryOptions,
): Promise<LambdaStreamEvent> {
  const info = message.DDBStreamBatchInfo;
  const first = sequence(info.startSequenceNumber);
  const last = sequence(info.endSequenceNumber);
  const streamArn = options.streamArn ?? info.streamArn;
  const patterns = options.filterPatterns ?? [];
  const records: LambdaStreamRecord[] = [];
  let iterator: string | undefined;
  try {
    ({ ShardIterator: iterator } = await client.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: info.shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        SequenceNumber: info.startSequenceNumber,
      }),
    ));
    let emptyReads = 0;
    while (iterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      iterator = page.NextShardIterator;
      const read = page.Records ?? [];
      if (read.length === 0) emptyReads += 1;
      if (emptyReads > (options.maxEmptyReads ?? 100)) break;
      for (const record of read) {
        const position = sequence(record.dynamodb?.SequenceNumber ?? '0');
        if (position > last) return { Records: records };
        if (position < first) continue;
        const lambdaRecord = toLambdaStreamRecord(record, {
          eventSourceArn: info.streamArn,
          awsRegion: options.region,
          isTtlDeletion: record.userIdentity?.PrincipalId === 'dynamodb.amazonaws.com',
        });
        if (patterns.length === 0 || patterns.some((pattern) => matchesEventPattern(pattern, lambdaRecord as unknown as Record<string, unknown>))) {
          records.push(lambdaRecord);
        }
        if (position === last) return { Records: records };
      }
    }
  } catch (error) {
    if (error instanceof TrimmedDataAccessException) {
      throw new BatchTrimmedError(
        `the stream no longer holds ${info.startSequenceNumber}..${info.endSequenceNumber} of ${info.shardId} (older than 24 h): re-derive from the table`,
      );
    }
    throw error;
  }
  return { Records: records };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { consumer: { type: 'string' }, 'stream-arn': { type: 'string' }, region: { type: 'string' } },
  });
  const consumer = values.consumer === undefined ? undefined : appWiring.streamConsumers.find((candidate) => candidate.id === values.consumer);
  if (values.consumer !== undefined && !consumer) {
    throw new Error(`no stream consumer ${values.consumer}; the wiring has ${appWiring.streamConsumers.map((candidate) => candidate.id).join(', ')}`);
  }
  if (positionals.length !== 1) throw new Error('usage: recover-stream-batch.ts [--consumer ID] [--stream-arn ARN] [--region R] MESSAGE.json|-');
  const message = JSON.parse(readFileSync(positionals[0] === '-' ? 0 : positionals[0]!, 'utf8')) as DiscardedBatchMessage;
  const region = values.region ?? process.env.AWS_REGION ?? message.DDBStreamBatchInfo.streamArn.split(':')[3]!;
  const client = new DynamoDBStreamsClient({ region });
  try {
    const event = await recoverStreamBatch(client, message, { filterPatterns: consumer?.filterPatterns, region, streamArn: values['stream-arn'] });
    if (event.Records.length !== message.DDBStreamBatchInfo.batchSize) {
      process.stderr.write(`note: the message says ${message.DDBStreamBatchInfo.batchSize} record(s); the stream gave back ${event.Records.length}\n`);
    }
    process.stdout.write(`${JSON.stringify(event)}\n`);
  } finally {
    client.destroy();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`recover-stream-batch: ${error.message}\n`);
    process.exit(1);
  });
}
