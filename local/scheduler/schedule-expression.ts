import { nextCronTime, parseCronFields, type CronSchedule } from './cron-expression';
import { ScheduleExpressionError } from './schedule-expression-error';

export { ScheduleExpressionError } from './schedule-expression-error';

/**
 * EventBridge schedule expressions, as rules take them: `rate(value unit)` or `cron(six fields)` (UTC).
 * The cron dialect lives in cron-expression.ts.
 */
export type Schedule =
  | { kind: 'rate'; expression: string; value: number; unit: 'minute' | 'hour' | 'day'; periodMs: number }
  | { kind: 'cron'; expression: string; cron: CronSchedule };

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

function parseRate(body: string, expression: string): Schedule {
  const fail = (problem: string): never => {
    throw new ScheduleExpressionError(expression, problem);
  };
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(body);
  if (!match) return fail('rate needs a value and a unit, e.g. rate(5 minutes)');
  const [, valueText, unitText] = match as unknown as [string, string, string];
  if (!/^\d+$/.test(valueText) || Number(valueText) < 1) fail(`the rate value "${valueText}" must be a positive whole number`);
  const value = Number(valueText);
  const unitMatch = /^(minute|hour|day)(s?)$/.exec(unitText.toLowerCase());
  if (!unitMatch) {
    const hint = /^sec/i.test(unitText) ? ' (the shortest rate EventBridge allows is rate(1 minute))' : '';
    return fail(`the rate unit "${unitText}" must be minute(s), hour(s) or day(s)${hint}`);
  }
  const unit = unitMatch[1] as 'minute' | 'hour' | 'day';
  // EventBridge insists on the grammatical number: rate(1 minute) but rate(5 minutes).
  if (value === 1 && unitMatch[2]) fail(`use the singular unit when the value is 1: rate(1 ${unit})`);
  if (value > 1 && !unitMatch[2]) fail(`use the plural unit when the value is more than 1: rate(${value} ${unit}s)`);
  return { kind: 'rate', expression, value, unit, periodMs: value * UNIT_MS[unit] };
}

/** Parses and validates; throws ScheduleExpressionError with what is wrong. */
export function parseScheduleExpression(expression: string): Schedule {
  const match = /^\s*(rate|cron)\((.*)\)\s*$/s.exec(expression);
  if (!match) throw new ScheduleExpressionError(expression, 'it must be rate(value unit) or cron(minutes hours day-of-month month day-of-week year)');
  return match[1] === 'rate' ? parseRate(match[2]!, expression) : { kind: 'cron', expression, cron: parseCronFields(match[2]!, expression) };
}

/**
 * When the schedule next fires strictly after `after`. A rate fires every period counted from `after`
 * (EventBridge counts from when the rule was created; the scheduler passes its start, then each
 * firing). Throws when a cron expression never fires again (e.g. cron(0 0 30 2 ? *), or past years).
 */
export function nextFireTime(expression: string | Schedule, after: Date): Date {
  const schedule = typeof expression === 'string' ? parseScheduleExpression(expression) : expression;
  if (schedule.kind === 'rate') return new Date(after.getTime() + schedule.periodMs);
  const next = nextCronTime(schedule.cron, after);
  if (!next) throw new ScheduleExpressionError(schedule.expression, `it never fires after ${after.toISOString()}`);
  return next;
}
