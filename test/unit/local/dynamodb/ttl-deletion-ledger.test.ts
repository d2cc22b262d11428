import { TtlDeletionLedger } from '#local/dynamodb/ttl-deletion-ledger';

const removal = (pk: string, sequenceNumber: string) => ({
  eventName: 'REMOVE',
  dynamodb: { Keys: { sk: { S: 'A' }, pk: { S: pk } }, SequenceNumber: sequenceNumber },
});

describe('TtlDeletionLedger', () => {
  it('recognises the REMOVE of an expected deletion once, whatever the key order, and answers every consumer alike', () => {
    const ledger = new TtlDeletionLedger();
    ledger.expect({ pk: { S: 'a' }, sk: { S: 'A' } });
    expect(ledger.isTtlDeletion(removal('b', '1'))).toBe(false);
    expect(ledger.isTtlDeletion(removal('a', '2'))).toBe(true);
    expect(ledger.isTtlDeletion(removal('a', '2'))).toBe(true);
    // A later deletion of the same key by someone else is not TTL.
    expect(ledger.isTtlDeletion(removal('a', '3'))).toBe(false);
  });

  it('forgets a withdrawn expectation (the conditional delete failed)', () => {
    const ledger = new TtlDeletionLedger();
    const withdraw = ledger.expect({ pk: { S: 'a' }, sk: { S: 'A' } });
    withdraw();
    withdraw();
    expect(ledger.isTtlDeletion(removal('a', '1'))).toBe(false);
  });

  it('only judges REMOVE records', () => {
    const ledger = new TtlDeletionLedger();
    ledger.expect({ pk: { S: 'a' }, sk: { S: 'A' } });
    expect(ledger.isTtlDeletion({ ...removal('a', '1'), eventName: 'MODIFY' })).toBe(false);
    expect(ledger.isTtlDeletion(removal('a', '2'))).toBe(true);
  });
});
