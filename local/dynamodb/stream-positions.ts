import { join } from 'node:path';
import { readJsonFile, writeJsonAtomically } from '../atomic-json-file';

type Positions = Record<string, Record<string, string>>;

/**
 * Where each event source mapping is in each shard: the sequence number of the last record it has
 * processed (delivered, discarded or filtered out). A Lambda event source mapping keeps this position
 * across anything that happens to the hosts polling it (AWS docs, "Using AWS Lambda with Amazon
 * DynamoDB", https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html); with `--persist` this file keeps it across restarts, so a restarted runtime goes
 * on after it instead of reading the stream's last 24 hours again. Without a folder: memory only.
 */
export class StreamPositions {
  private readonly positions: Positions;
  private readonly file?: string;

  constructor(persistDir?: string) {
    this.file = persistDir ? join(persistDir, 'stream-positions.json') : undefined;
    this.positions = (this.file ? readJsonFile<Positions>(this.file, 'stream positions') : undefined) ?? {};
  }

  /** The last sequence number `consumerId` processed in `shardId`, if it ever read that shard. */
  of(consumerId: string, shardId: string): string | undefined {
    return this.positions[consumerId]?.[shardId];
  }

  record(consumerId: string, shardId: string, sequenceNumber: string): void {
    const shards = this.positions[consumerId] ?? {};
    this.positions[consumerId] = shards;
    if (shards[shardId] === sequenceNumber) return;
    shards[shardId] = sequenceNumber;
    if (this.file) writeJsonAtomically(this.file, this.positions);
  }
}
