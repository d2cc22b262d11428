import type { AppWiring } from '../wiring';

/** Functions that EventBridge invokes asynchronously (rule targets and schedules): they get a DLQ. */
export function asyncInvokedFunctionIds(wiring: Pick<AppWiring, 'eventRules' | 'schedules'>): Set<string> {
  const ids = new Set<string>();
  for (const rule of wiring.eventRules) for (const target of rule.targets) if (target.kind === 'function') ids.add(target.functionId);
  for (const schedule of wiring.schedules) ids.add(schedule.functionId);
  return ids;
}
