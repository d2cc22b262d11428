import { ScheduleExpressionError } from './schedule-expression-error';

/**
 * EventBridge's cron dialect: `cron(minutes hours day-of-month month day-of-week year)`, always six
 * fields, in UTC. It is Quartz-like, not Unix cron: day-of-week runs 1-7 = SUN-SAT, exactly one of
 * day-of-month / day-of-week is `?`, and it has `L`, `W` and `#`. npm cron parsers (cron-parser and
 * friends) speak the Unix or a different Quartz dialect, so this one is written here.
 *
 * Field        Values            Wildcards
 * Minutes      0-59              , - * /
 * Hours        0-23              , - * /
 * Day-of-month 1-31              , - * ? / L W   (also LW: last weekday)
 * Month        1-12 or JAN-DEC   , - * /
 * Day-of-week  1-7 or SUN-SAT    , - * ? L #     (nL: last such weekday of the month)
 * Year         1970-2199         , - * /
 */

type DayOfMonthRule = { kind: 'days'; days: Set<number> } | { kind: 'last' } | { kind: 'lastWeekday' } | { kind: 'nearestWeekday'; day: number };

type DayOfWeekRule =
  | { kind: 'weekdays'; weekdays: Set<number> }
  | { kind: 'lastInMonth'; weekday: number }
  | { kind: 'nthInMonth'; weekday: number; nth: number };

export interface CronSchedule {
  minutes: number[];
  hours: number[];
  months: Set<number>;
  years: Set<number>;
  /** Exactly one of the two day fields constrains the day; the other was `?`. */
  day: { field: 'dayOfMonth'; rule: DayOfMonthRule } | { field: 'dayOfWeek'; rule: DayOfWeekRule };
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const nameTable = (names: string[]): Record<string, number> => Object.fromEntries(names.map((name, index) => [name, index + 1]));

const MINUTES: FieldSpec = { name: 'minutes', min: 0, max: 59 };
const HOURS: FieldSpec = { name: 'hours', min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldSpec = { name: 'month', min: 1, max: 12, names: nameTable(MONTH_NAMES) };
const DAY_OF_WEEK: FieldSpec = { name: 'day-of-week', min: 1, max: 7, names: nameTable(WEEKDAY_NAMES) };
const YEAR: FieldSpec = { name: 'year', min: 1970, max: 2199 };

export const CRON_FIELD_ORDER = 'minutes hours day-of-month month day-of-week year';

/** Parses the six fields inside `cron(...)`. */
export function parseCronFields(body: string, expression: string): CronSchedule {
  const fail = (problem: string): never => {
    throw new ScheduleExpressionError(expression, problem);
  };
  const fields = body.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 6) {
    fail(`cron needs 6 fields (${CRON_FIELD_ORDER}), got ${fields.length}; EventBridge requires the year, e.g. cron(0 10 * * ? *)`);
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
  for (const [text, spec] of [
    [minutes, MINUTES],
    [hours, HOURS],
    [month, MONTH],
    [year, YEAR],
  ] as const) {
    if (text === '?') fail(`? is only allowed in day-of-month or day-of-week, not in ${spec.name}`);
  }
  if (dayOfMonth === '?' && dayOfWeek === '?') fail('day-of-month and day-of-week cannot both be ?: one of them must say which days');
  if (dayOfMonth !== '?' && dayOfWeek !== '?') {
    fail(`one of day-of-month and day-of-week must be ? (EventBridge cannot combine them), e.g. cron(${minutes} ${hours} ${dayOfMonth} ${month} ? ${year})`);
  }
  return {
    minutes: [...parseValues(minutes, MINUTES, fail)].sort((a, b) => a - b),
    hours: [...parseValues(hours, HOURS, fail)].sort((a, b) => a - b),
    months: parseValues(month, MONTH, fail),
    years: parseValues(year, YEAR, fail),
    day: dayOfWeek === '?' ? { field: 'dayOfMonth', rule: parseDayOfMonth(dayOfMonth, fail) } : { field: 'dayOfWeek', rule: parseDayOfWeek(dayOfWeek, fail) },
  };
}

function parseDayOfMonth(text: string, fail: (problem: string) => never): DayOfMonthRule {
  const upper = text.toUpperCase();
  if (upper === 'L') return { kind: 'last' };
  if (upper === 'LW') return { kind: 'lastWeekday' };
  const weekday = /^(\d+)W$/.exec(upper);
  if (weekday) return { kind: 'nearestWeekday', day: parseValue(weekday[1]!, DAY_OF_MONTH, fail) };
  if (/[LW#]/.test(upper)) fail(`day-of-month "${text}" is not valid: L, LW and nW (e.g. 15W) stand alone, not in lists or ranges`);
  return { kind: 'days', days: parseValues(text, DAY_OF_MONTH, fail) };
}

function parseDayOfWeek(text: string, fail: (problem: string) => never): DayOfWeekRule {
  const upper = text.toUpperCase();
  // Alone, L is the last day of the week: Saturday.
  if (upper === 'L') return { kind: 'weekdays', weekdays: new Set([7]) };
  const last = /^(\w+?)L$/.exec(upper);
  if (last) return { kind: 'lastInMonth', weekday: parseValue(last[1]!, DAY_OF_WEEK, fail) };
  const nth = /^(\w+)#(\w+)$/.exec(upper);
  if (nth) {
    const ordinal = Number(nth[2]);
    if (!/^\d+$/.test(nth[2]!) || ordinal < 1 || ordinal > 5) fail(`day-of-week "${text}": the number after # must be 1-5 (the nth such weekday of the month)`);
    return { kind: 'nthInMonth', weekday: parseValue(nth[1]!, DAY_OF_WEEK, fail), nth: ordinal };
  }
  // No weekday name ends in L, so an item ending in L (or holding #) is a misplaced special form.
  if (upper.split(/[,/-]/).some((item) => item.includes('#') || item.endsWith('L'))) {
    fail(`day-of-week "${text}" is not valid: L, nL and n#k (e.g. 6L, 2#1) stand alone, not in lists or ranges`);
  }
  return { kind: 'weekdays', weekdays: parseValues(text, DAY_OF_WEEK, fail) };
}

/** One value: a number, or a name where the field has names (case-insensitive). */
function parseValue(text: string, spec: FieldSpec, fail: (problem: string) => never): number {
  const upper = text.toUpperCase();
  const value = spec.names?.[upper] ?? (/^\d+$/.test(text) ? Number(text) : undefined);
  if (value === undefined) {
    const names = spec.names ? ` or ${Object.keys(spec.names)[0]}-${Object.keys(spec.names).at(-1)}` : '';
    return fail(`${spec.name} value "${text}" is not valid: use ${spec.min}-${spec.max}${names}`);
  }
  if (value < spec.min || value > spec.max) return fail(`${spec.name} value ${value} is out of range ${spec.min}-${spec.max}`);
  return value;
}

/** `*`, `a`, `a-b`, with an optional `/step`, comma-separated. A range a-b with a > b wraps around. */
function parseValues(text: string, spec: FieldSpec, fail: (problem: string) => never): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const match = /^([^/]+)(?:\/(.*))?$/.exec(item);
    if (!match) fail(`${spec.name} "${text}" is not valid: empty item in a list`);
    const [, range, stepText] = match as RegExpExecArray;
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) fail(`${spec.name} "${item}": the step after / must be a positive whole number`);
      step = Number(stepText);
    }
    let first: number;
    let last: number;
    if (range === '*') {
      first = spec.min;
      last = spec.max;
    } else if (range!.includes('-')) {
      const bounds = range!.split('-');
      if (bounds.length !== 2 || !bounds[0] || !bounds[1]) fail(`${spec.name} range "${range}" is not valid: use a-b`);
      first = parseValue(bounds[0]!, spec, fail);
      last = parseValue(bounds[1]!, spec, fail);
    } else {
      first = parseValue(range!, spec, fail);
      // a/step means "from a to the end of the field, every step".
      last = stepText !== undefined ? spec.max : first;
    }
    const span = last >= first ? last - first : last - first + (spec.max - spec.min + 1);
    for (let offset = 0; offset <= span; offset += step) {
      values.add(((first - spec.min + offset) % (spec.max - spec.min + 1)) + spec.min);
    }
  }
  return values;
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** 1 = Sunday … 7 = Saturday, EventBridge's numbering. */
const weekdayOf = (year: number, month: number, day: number): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;

/** The weekday (Mon-Fri) nearest to `day`, never leaving the month (Quartz's nW). */
function nearestWeekday(year: number, month: number, day: number): number {
  const weekday = weekdayOf(year, month, day);
  const length = daysInMonth(year, month);
  if (weekday === 7) return day === 1 ? day + 2 : day - 1;
  if (weekday === 1) return day === length ? day - 2 : day + 1;
  return day;
}

function dayMatches(schedule: CronSchedule, year: number, month: number, day: number): boolean {
  const length = daysInMonth(year, month);
  if (schedule.day.field === 'dayOfMonth') {
    const rule = schedule.day.rule;
    switch (rule.kind) {
      case 'days':
        return rule.days.has(day);
      case 'last':
        return day === length;
      case 'lastWeekday':
        return day === nearestWeekday(year, month, length);
      case 'nearestWeekday':
        return rule.day <= length && day === nearestWeekday(year, month, rule.day);
    }
  }
  const rule = schedule.day.rule;
  const weekday = weekdayOf(year, month, day);
  switch (rule.kind) {
    case 'weekdays':
      return rule.weekdays.has(weekday);
    case 'lastInMonth':
      return weekday === rule.weekday && day + 7 > length;
    case 'nthInMonth':
      return weekday === rule.weekday && Math.ceil(day / 7) === rule.nth;
  }
}

/** The first minute strictly after `after` that the schedule names, or undefined when none is left (before 2200). */
export function nextCronTime(schedule: CronSchedule, after: Date): Date | undefined {
  const start = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
  const [startYear, startMonth, startDay, startHour, startMinute] = [
    start.getUTCFullYear(),
    start.getUTCMonth() + 1,
    start.getUTCDate(),
    start.getUTCHours(),
    start.getUTCMinutes(),
  ];
  for (let year = startYear; year <= YEAR.max; year++) {
    if (!schedule.years.has(year)) continue;
    for (let month = year === startYear ? startMonth : 1; month <= 12; month++) {
      if (!schedule.months.has(month)) continue;
      const sameMonth = year === startYear && month === startMonth;
      for (let day = sameMonth ? startDay : 1; day <= daysInMonth(year, month); day++) {
        if (!dayMatches(schedule, year, month, day)) continue;
        const sameDay = sameMonth && day === startDay;
        for (const hour of schedule.hours) {
          if (sameDay && hour < startHour) continue;
          const sameHour = sameDay && hour === startHour;
          const minute = schedule.minutes.find((candidate) => !sameHour || candidate >= startMinute);
          if (minute !== undefined) return new Date(Date.UTC(year, month - 1, day, hour, minute));
        }
      }
    }
  }
  return undefined;
}
