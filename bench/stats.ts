/** Percentile of already-sorted numbers (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/**
 * Runs `task` up to `total` times with at most `concurrency` in flight; returns each call's latency
 * (ms, sorted) and how many ran. With `stopAfterMs`, no task starts after that long (a time box).
 */
export async function runConcurrently(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
  options: { stopAfterMs?: number } = {},
): Promise<{ latencies: number[]; elapsedMs: number; completed: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const deadline = started + (options.stopAfterMs ?? Infinity);
  const worker = async () => {
    while (next < total && performance.now() < deadline) {
      const index = next++;
      const t0 = performance.now();
      await task(index);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies: latencies.sort((a, b) => a - b), elapsedMs: performance.now() - started, completed: latencies.length };
}

export function formatTable(rows: Record<string, string | number>[]): string {
  if (!rows.length) return '';
  const columns = Object.keys(rows[0]!);
  const cell = (value: string | number) => (typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(1)) : value);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c] ?? '').length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c] ?? ''))))].join('\n');
}

/**
 * The same rows as a Markdown table, for docs/performance.md: columns whose every cell is a number (or a
 * dash) are right-aligned. Cells are padded so the source reads as a table too.
 */
export function formatMarkdownTable(rows: Record<string, string>[]): string {
  if (!rows.length) return '';
  const columns = Object.keys(rows[0]!);
  const numeric = columns.map((c) => rows.every((r) => /^(-?[\d.,]+|—)$/.test(r[c] ?? '')));
  const widths = columns.map((c) => Math.max(c.length, 3, ...rows.map((r) => (r[c] ?? '').length)));
  const pad = (value: string, i: number) => (numeric[i] ? value.padStart(widths[i]!) : value.padEnd(widths[i]!));
  const line = (values: string[]) => `| ${values.join(' | ')} |`;
  const rule = widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  return [line(columns.map(pad)), line(rule), ...rows.map((r) => line(columns.map((c, i) => pad(r[c] ?? '', i))))].join('\n');
}
