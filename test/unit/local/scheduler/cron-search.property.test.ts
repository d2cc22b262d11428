import fc from 'fast-check';
import { nextFireTime } from '#local/scheduler/schedule-expression';

/**
 * The search for the next firing (carrying across hours, days, months, years) checked against the
 * dumbest possible oracle: walk minute by minute until a minute matches the plain fields.
 */

const field = (min: number, max: number) =>
  fc.oneof(
    fc.constant({ text: '*', has: (_v: number) => true }),
    fc.integer({ min, max }).map((v) => ({ text: String(v), has: (x: number) => x === v })),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min: 1, max: max - min + 1 })).map(([start, step]) => ({
      text: `${start}/${step}`,
      has: (x: number) => x >= start && (x - start) % step === 0,
    })),
    fc
      .uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 4 })
      .map((values) => ({ text: values.join(','), has: (x: number) => values.includes(x) })),
  );

const expressionArbitrary = fc.record({
  minute: field(0, 59),
  hour: field(0, 23),
  day: fc.oneof(
    field(1, 28).map((dom) => ({ text: `${dom.text} * ?`, has: (d: Date) => dom.has(d.getUTCDate()) })),
    field(1, 7).map((dow) => ({ text: `? * ${dow.text}`, has: (d: Date) => dow.has(d.getUTCDay() + 1) })),
  ),
});

describe('nextFireTime (property)', () => {
  it('returns the first matching minute strictly after the given time', () => {
    fc.assert(
      fc.property(
        expressionArbitrary,
        fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }),
        ({ minute, hour, day }, after) => {
          const expression = `cron(${minute.text} ${hour.text} ${day.text} *)`;
          const matches = (t: Date) => minute.has(t.getUTCMinutes()) && hour.has(t.getUTCHours()) && day.has(t);
          let oracle = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
          while (!matches(oracle)) oracle = new Date(oracle.getTime() + 60_000);
          expect(nextFireTime(expression, after).toISOString()).toBe(oracle.toISOString());
        },
      ),
      { numRuns: 300 },
    );
  });
});
