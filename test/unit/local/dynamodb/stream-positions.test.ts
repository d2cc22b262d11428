import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StreamPositions } from '#local/dynamodb/stream-positions';

describe('stream positions (where each event source mapping is, across restarts)', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'stream-positions-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps the last sequence number processed per consumer and shard, written whole at each move, and reads it back', () => {
    const positions = new StreamPositions(folder);
    expect(positions.of('saga', 'shard-1')).toBeUndefined();
    positions.record('saga', 'shard-1', '100');
    positions.record('saga', 'shard-1', '200');
    positions.record('outbox', 'shard-1', '150');
    expect(readdirSync(folder)).toEqual(['stream-positions.json']);
    expect(JSON.parse(readFileSync(path.join(folder, 'stream-positions.json'), 'utf8'))).toEqual({ saga: { 'shard-1': '200' }, outbox: { 'shard-1': '150' } });

    const restarted = new StreamPositions(folder);
    expect(restarted.of('saga', 'shard-1')).toBe('200');
    expect(restarted.of('outbox', 'shard-1')).toBe('150');
    expect(restarted.of('outbox', 'shard-2')).toBeUndefined();
  });

  it('keeps positions in memory only without a folder', () => {
    const positions = new StreamPositions();
    positions.record('saga', 'shard-1', '100');
    expect(positions.of('saga', 'shard-1')).toBe('100');
  });
});
