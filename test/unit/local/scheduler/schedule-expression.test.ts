import { nextFireTime, parseScheduleExpression, ScheduleExpressionError } from '#local/scheduler/schedule-expression';

const at = (iso: string): Date => new Date(iso);
const next = (expression: string, after: string): string => nextFireTime(expression, at(after)).toISOString();

/** Successive firings, to see a whole pattern at once. */
const firings = (expression: string, after: string, count: number): string[] => {
  const times: string[] = [];
  let cursor = at(after);
  for (let i = 0; i < count; i++) {
    cursor = nextFireTime(expression, cursor);
    times.push(cursor.toISOString().replace(':00.000Z', 'Z'));
  }
  return times;
};

// 2024-03-13 is a Wednesday.
const WEDNESDAY = '2024-03-13T10:07:30Z';

describe('rate expressions', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(1 hour)', 3_600_000],
    ['rate(12 hours)', 43_200_000],
    ['rate(1 day)', 86_400_000],
    ['rate(7 days)', 604_800_000],
  ])('%s fires one period after the given time', (expression, periodMs) => {
    expect(nextFireTime(expression, at(WEDNESDAY)).getTime()).toBe(at(WEDNESDAY).getTime() + periodMs);
  });

  it.each([
    ['rate(1 minutes)', 'singular unit'],
    ['rate(5 minute)', 'plural unit'],
    ['rate(0 minutes)', 'positive whole number'],
    ['rate(-1 minutes)', 'positive whole number'],
    ['rate(1.5 hours)', 'positive whole number'],
    ['rate(30 seconds)', 'rate(1 minute)'],
    ['rate(2 weeks)', 'minute(s), hour(s) or day(s)'],
    ['rate(5)', 'a value and a unit'],
    ['every 5 minutes', 'rate(value unit) or cron('],
  ])('rejects %s', (expression, message) => {
    expect(() => parseScheduleExpression(expression)).toThrow(ScheduleExpressionError);
    expect(() => parseScheduleExpression(expression)).toThrow(message);
  });
});

describe('cron expressions: the AWS documentation examples', () => {
  it('cron(0 10 * * ? *): 10:00 UTC every day', () => {
    expect(next('cron(0 10 * * ? *)', WEDNESDAY)).toBe('2024-03-14T10:00:00.000Z');
    expect(next('cron(0 10 * * ? *)', '2024-03-13T09:59:59Z')).toBe('2024-03-13T10:00:00.000Z');
  });

  it('cron(15 12 * * ? *): 12:15 UTC every day', () => {
    expect(next('cron(15 12 * * ? *)', WEDNESDAY)).toBe('2024-03-13T12:15:00.000Z');
  });

  it('cron(0 18 ? * MON-FRI *): 18:00 on weekdays', () => {
    expect(next('cron(0 18 ? * MON-FRI *)', WEDNESDAY)).toBe('2024-03-13T18:00:00.000Z');
    expect(next('cron(0 18 ? * MON-FRI *)', '2024-03-15T19:00:00Z')).toBe('2024-03-18T18:00:00.000Z');
  });

  it('cron(0 8 1 * ? *): 08:00 on the first of the month', () => {
    expect(next('cron(0 8 1 * ? *)', WEDNESDAY)).toBe('2024-04-01T08:00:00.000Z');
    expect(firings('cron(0 8 1 * ? *)', '2024-11-15T00:00:00Z', 3)).toEqual(['2024-12-01T08:00Z', '2025-01-01T08:00Z', '2025-02-01T08:00Z']);
  });

  it('cron(0/15 * * * ? *): every 15 minutes, strictly after the given time', () => {
    expect(next('cron(0/15 * * * ? *)', WEDNESDAY)).toBe('2024-03-13T10:15:00.000Z');
    expect(next('cron(0/15 * * * ? *)', '2024-03-13T10:15:00Z')).toBe('2024-03-13T10:30:00.000Z');
    expect(next('cron(0/15 * * * ? *)', '2024-03-13T23:50:00Z')).toBe('2024-03-14T00:00:00.000Z');
  });

  it('cron(0/10 * ? * MON-FRI *): every 10 minutes on weekdays', () => {
    expect(next('cron(0/10 * ? * MON-FRI *)', WEDNESDAY)).toBe('2024-03-13T10:10:00.000Z');
    expect(next('cron(0/10 * ? * MON-FRI *)', '2024-03-15T23:55:00Z')).toBe('2024-03-18T00:00:00.000Z');
  });

  it('cron(0/5 8-17 ? * MON-FRI *): every 5 minutes from 08:00 to 17:55 on weekdays', () => {
    expect(next('cron(0/5 8-17 ? * MON-FRI *)', WEDNESDAY)).toBe('2024-03-13T10:10:00.000Z');
    expect(next('cron(0/5 8-17 ? * MON-FRI *)', '2024-03-13T17:50:00Z')).toBe('2024-03-13T17:55:00.000Z');
    expect(next('cron(0/5 8-17 ? * MON-FRI *)', '2024-03-13T17:55:00Z')).toBe('2024-03-14T08:00:00.000Z');
    expect(next('cron(0/5 8-17 ? * MON-FRI *)', '2024-03-15T17:55:00Z')).toBe('2024-03-18T08:00:00.000Z');
  });

  it('cron(0 9 ? * 2#1 *): 09:00 on the first Monday of the month', () => {
    expect(firings('cron(0 9 ? * 2#1 *)', WEDNESDAY, 3)).toEqual(['2024-04-01T09:00Z', '2024-05-06T09:00Z', '2024-06-03T09:00Z']);
  });
});

describe('cron expressions: L, W and #', () => {
  it('L in day-of-month: the last day of the month, leap years included', () => {
    expect(firings('cron(0 0 L * ? *)', '2024-01-15T00:00:00Z', 3)).toEqual(['2024-01-31T00:00Z', '2024-02-29T00:00Z', '2024-03-31T00:00Z']);
    expect(next('cron(0 0 L 2 ? *)', '2023-01-01T00:00:00Z')).toBe('2023-02-28T00:00:00.000Z');
  });

  it('LW: the last weekday of the month', () => {
    // 2024-03-31 is a Sunday, 2024-08-31 a Saturday, 2024-04-30 a Tuesday.
    expect(next('cron(0 0 LW * ? *)', '2024-03-01T00:00:00Z')).toBe('2024-03-29T00:00:00.000Z');
    expect(next('cron(0 0 LW * ? *)', '2024-04-01T00:00:00Z')).toBe('2024-04-30T00:00:00.000Z');
    expect(next('cron(0 0 LW * ? *)', '2024-08-01T00:00:00Z')).toBe('2024-08-30T00:00:00.000Z');
  });

  it('nW: the weekday nearest to day n, without leaving the month', () => {
    // 2024-06-15 is a Saturday → Friday 14th; 2024-09-15 a Sunday → Monday 16th; 2024-05-15 a Wednesday.
    expect(next('cron(0 12 15W * ? *)', '2024-06-01T00:00:00Z')).toBe('2024-06-14T12:00:00.000Z');
    expect(next('cron(0 12 15W * ? *)', '2024-09-01T00:00:00Z')).toBe('2024-09-16T12:00:00.000Z');
    expect(next('cron(0 12 15W * ? *)', '2024-05-01T00:00:00Z')).toBe('2024-05-15T12:00:00.000Z');
    // 2024-06-01 is a Saturday: the nearest weekday in June is Monday the 3rd, not Friday May 31st.
    expect(next('cron(0 0 1W * ? *)', '2024-05-31T12:00:00Z')).toBe('2024-06-03T00:00:00.000Z');
    // 2024-06-30 is a Sunday and the last day: Friday the 28th.
    expect(next('cron(0 0 30W 6 ? *)', '2024-06-01T00:00:00Z')).toBe('2024-06-28T00:00:00.000Z');
    // No 31st in April: the next firing is May 31st (a Friday).
    expect(next('cron(0 0 31W * ? *)', '2024-04-01T00:00:00Z')).toBe('2024-05-31T00:00:00.000Z');
  });

  it('L alone in day-of-week is Saturday; nL is the last such weekday of the month', () => {
    expect(next('cron(0 0 ? * L *)', WEDNESDAY)).toBe('2024-03-16T00:00:00.000Z');
    expect(next('cron(0 0 ? * 6L *)', WEDNESDAY)).toBe('2024-03-29T00:00:00.000Z');
    expect(next('cron(0 0 ? * FRIL *)', WEDNESDAY)).toBe('2024-03-29T00:00:00.000Z');
    expect(next('cron(0 0 ? * 6L *)', '2024-03-29T00:00:00Z')).toBe('2024-04-26T00:00:00.000Z');
  });

  it('# picks the nth weekday, skipping months that have none', () => {
    // Thursdays: March and April 2024 have four, May has five (the 30th is the fifth).
    expect(next('cron(0 0 ? * 5#5 *)', WEDNESDAY)).toBe('2024-05-30T00:00:00.000Z');
    expect(next('cron(0 0 ? * THU#3 *)', WEDNESDAY)).toBe('2024-03-21T00:00:00.000Z');
  });
});

describe('cron expressions: fields, names, ranges, lists, steps', () => {
  it('takes names in any case', () => {
    expect(next('cron(0 18 ? * mon-fri *)', '2024-03-15T19:00:00Z')).toBe('2024-03-18T18:00:00.000Z');
    expect(next('cron(0 0 1 JAN,jul ? *)', WEDNESDAY)).toBe('2024-07-01T00:00:00.000Z');
  });

  it('day-of-week numbers run 1-7 = SUN-SAT', () => {
    expect(next('cron(0 0 ? * 1 *)', WEDNESDAY)).toBe('2024-03-17T00:00:00.000Z');
    expect(next('cron(0 0 ? * 7 *)', WEDNESDAY)).toBe('2024-03-16T00:00:00.000Z');
    expect(next('cron(0 0 ? * 4 *)', WEDNESDAY)).toBe('2024-03-20T00:00:00.000Z');
  });

  it('lists, stepped ranges and a/step', () => {
    expect(firings('cron(0,30 9 * * ? *)', WEDNESDAY, 3)).toEqual(['2024-03-14T09:00Z', '2024-03-14T09:30Z', '2024-03-15T09:00Z']);
    expect(firings('cron(10-30/10 10 * * ? *)', '2024-03-13T10:00:00Z', 4)).toEqual([
      '2024-03-13T10:10Z',
      '2024-03-13T10:20Z',
      '2024-03-13T10:30Z',
      '2024-03-14T10:10Z',
    ]);
    expect(firings('cron(5/20 * * * ? *)', '2024-03-13T10:00:00Z', 4)).toEqual([
      '2024-03-13T10:05Z',
      '2024-03-13T10:25Z',
      '2024-03-13T10:45Z',
      '2024-03-13T11:05Z',
    ]);
    expect(next('cron(*/20 * * * ? *)', WEDNESDAY)).toBe('2024-03-13T10:20:00.000Z');
  });

  it('a range whose start is after its end wraps around', () => {
    expect(firings('cron(0 22-1 * * ? *)', WEDNESDAY, 4)).toEqual(['2024-03-13T22:00Z', '2024-03-13T23:00Z', '2024-03-14T00:00Z', '2024-03-14T01:00Z']);
    expect(firings('cron(0 0 ? * FRI-MON *)', WEDNESDAY, 4)).toEqual(['2024-03-15T00:00Z', '2024-03-16T00:00Z', '2024-03-17T00:00Z', '2024-03-18T00:00Z']);
  });

  it('honours the year field', () => {
    expect(next('cron(0 0 1 1 ? 2030)', WEDNESDAY)).toBe('2030-01-01T00:00:00.000Z');
    expect(next('cron(0 12 ? * MON 2025-2026)', WEDNESDAY)).toBe('2025-01-06T12:00:00.000Z');
  });

  it('says so when an expression never fires again', () => {
    expect(() => nextFireTime('cron(0 0 1 1 ? 2020)', at(WEDNESDAY))).toThrow('never fires after');
    expect(() => nextFireTime('cron(0 0 30 2 ? *)', at(WEDNESDAY))).toThrow('never fires after');
  });
});

describe('invalid cron expressions', () => {
  it.each([
    ['cron(0 10 * * * *)', 'one of day-of-month and day-of-week must be ?'],
    ['cron(0 18 1 * MON *)', 'one of day-of-month and day-of-week must be ?'],
    ['cron(0 10 ? * ? *)', 'cannot both be ?'],
    ['cron(0 10 * * ?)', 'cron needs 6 fields'],
    ['cron(0 10 * * ? * *)', 'cron needs 6 fields'],
    ['cron(60 * * * ? *)', 'minutes value 60 is out of range 0-59'],
    ['cron(0 24 * * ? *)', 'hours value 24 is out of range 0-23'],
    ['cron(0 0 32 * ? *)', 'day-of-month value 32 is out of range 1-31'],
    ['cron(0 0 0 * ? *)', 'day-of-month value 0 is out of range 1-31'],
    ['cron(0 0 * 13 ? *)', 'month value 13 is out of range 1-12'],
    ['cron(0 0 * FOO ? *)', 'month value "FOO" is not valid'],
    ['cron(0 0 ? * 8 *)', 'day-of-week value 8 is out of range 1-7'],
    ['cron(0 0 ? * 0 *)', 'day-of-week value 0 is out of range 1-7'],
    ['cron(0 0 ? * 2#6 *)', 'must be 1-5'],
    ['cron(0 0 ? * 2#1,3 *)', 'stand alone'],
    ['cron(0 0 * * ? 1969)', 'year value 1969 is out of range 1970-2199'],
    ['cron(0 0 L,15 * ? *)', 'stand alone'],
    ['cron(0 0 ? * 6L,2 *)', 'stand alone'],
    ['cron(0/0 * * * ? *)', 'positive whole number'],
    ['cron(? 0 * * ? *)', '? is only allowed in day-of-month or day-of-week'],
    ['cron(0 0 1-* * ? *)', 'day-of-month value "*" is not valid'],
    ['cron(0 L * * ? *)', 'hours value "L" is not valid'],
    ['cron(0 0 1,,2 * ? *)', 'empty item'],
  ])('rejects %s', (expression, message) => {
    expect(() => parseScheduleExpression(expression)).toThrow(ScheduleExpressionError);
    expect(() => parseScheduleExpression(expression)).toThrow(message);
  });

  it('names the expression in the message', () => {
    expect(() => parseScheduleExpression('cron(0 10 * * * *)')).toThrow('Invalid schedule expression "cron(0 10 * * * *)": ');
  });
});
