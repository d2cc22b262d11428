import type { AppWiring } from '#contracts/wiring';

export interface StageWiringOptions {
  /** Keep the example queues (QueueSpec.example) and the rule targets that fill them. */
  exampleSubscriber: boolean;
}

/**
 * The wiring one stage deploys: without the example queues where the stage leaves them out, and
 * without the rule targets that fill them (a rule left with no target goes too).
 */
export function wiringForStage(wiring: AppWiring, options: StageWiringOptions): AppWiring {
  if (options.exampleSubscriber) return wiring;
  const dropped = new Set(wiring.queues.filter((queue) => queue.example).map((queue) => queue.id));
  if (dropped.size === 0) return wiring;
  const eventRules = wiring.eventRules
    .map((rule) => ({ ...rule, targets: rule.targets.filter((target) => target.kind !== 'queue' || !dropped.has(target.queueId)) }))
    .filter((rule) => rule.targets.length > 0);
  return { ...wiring, queues: wiring.queues.filter((queue) => !dropped.has(queue.id)), eventRules };
}
