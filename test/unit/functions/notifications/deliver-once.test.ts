import { DeliveryInProgressError, deliverOnce } from '#notifications/application/deliver-once';
import type { ClaimResult, DeliveryKey, DeliveryRecord, NotificationLedger } from '#notifications/domain/ports';

/** The ledger's contract in memory: one claim per event and channel, re-claimable after a failure. */
class InMemoryLedger implements NotificationLedger {
  readonly records = new Map<string, { status: 'sending' | 'delivered' | 'failed' }>();
  private key = (record: DeliveryKey) => `${record.eventId}/${record.channel}`;
  async claim(record: DeliveryRecord): Promise<ClaimResult> {
    const existing = this.records.get(this.key(record));
    if (existing?.status === 'delivered') return 'alreadyDelivered';
    if (existing?.status === 'sending') return 'inProgress';
    this.records.set(this.key(record), { status: 'sending' });
    return 'claimed';
  }
  async markDelivered(record: DeliveryKey) {
    this.records.set(this.key(record), { status: 'delivered' });
  }
  async markFailed(record: DeliveryKey) {
    this.records.set(this.key(record), { status: 'failed' });
  }
}

const record = (eventId = 'e-1', channel = 'email'): DeliveryRecord => ({
  eventId,
  channel,
  detailType: 'order.shipped',
  correlationId: 'corr-1',
  recipient: 'c-1',
  summary: 's',
});

describe('deliverOnce', () => {
  test('the same event twice is delivered once', async () => {
    const ledger = new InMemoryLedger();
    const deliver = jest.fn(async () => undefined);
    expect(await deliverOnce({ ledger, record: record(), deliver })).toBe('delivered');
    expect(await deliverOnce({ ledger, record: record(), deliver })).toBe('duplicate');
    expect(deliver).toHaveBeenCalledTimes(1);
  });

  test('another event, or the same event on another channel, is delivered', async () => {
    const ledger = new InMemoryLedger();
    const deliver = jest.fn(async () => undefined);
    await deliverOnce({ ledger, record: record('e-1'), deliver });
    await deliverOnce({ ledger, record: record('e-2'), deliver });
    await deliverOnce({ ledger, record: record('e-1', 'sms'), deliver });
    expect(deliver).toHaveBeenCalledTimes(3);
  });

  test('a failed delivery is recorded, rethrown, and delivered by the retry', async () => {
    const ledger = new InMemoryLedger();
    const deliver = jest.fn().mockRejectedValueOnce(new Error('smtp down')).mockResolvedValue(undefined);
    await expect(deliverOnce({ ledger, record: record(), deliver })).rejects.toThrow('smtp down');
    expect(ledger.records.get('e-1/email')).toEqual({ status: 'failed' });
    expect(await deliverOnce({ ledger, record: record(), deliver })).toBe('delivered');
    expect(deliver).toHaveBeenCalledTimes(2);
  });

  test('while another invocation holds the claim, this one fails so that Lambda retries it later', async () => {
    const ledger = new InMemoryLedger();
    await ledger.claim(record());
    const deliver = jest.fn();
    await expect(deliverOnce({ ledger, record: record(), deliver })).rejects.toThrow(DeliveryInProgressError);
    expect(deliver).not.toHaveBeenCalled();
  });
});
