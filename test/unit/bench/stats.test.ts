import { median, percentile, runConcurrently } from '#bench/stats';

describe('bench statistics (bench/stats.ts)', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it('takes the nearest-rank percentile of sorted values', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('sorts before taking the median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2);
  });

  it('runs every task with bounded concurrency', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    const { completed, latencies } = await runConcurrently(20, 4, async (index) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      seen.push(index);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
    });
    expect(completed).toBe(20);
    expect(latencies).toHaveLength(20);
    expect(most).toBe(4);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });

  it('starts no task after the time box', async () => {
    const { completed } = await runConcurrently(1000, 2, () => new Promise((resolve) => setTimeout(resolve, 20)), { stopAfterMs: 50 });
    expect(completed).toBeGreaterThan(0);
    expect(completed).toBeLessThan(20);
  });
});
