import { ORDER_SAGA_ID, type SagaWorkflowType } from '#contracts/state-machines';
import type { AppWiring } from '#contracts/wiring';

export interface StageWiringOptions {
  /** Keep the example queues (QueueSpec.example) and the rule targets that fill them. */
  exampleSubscriber: boolean;
  /** The order saga's workflow type (default `standard`); the machines it hands over to stay Standard. */
  sagaWorkflowType?: SagaWorkflowType;
}

/**
 * The wiring one stage deploys: without the example queues where the stage leaves them out (and
 * without the rule targets that fill them: a rule left with no target goes too), and with the order
 * saga as the workflow type the stage asks for.
 */
export function wiringForStage(wiring: AppWiring, options: StageWiringOptions): AppWiring {
  return withSagaWorkflowType(withoutExampleQueues(wiring, options.exampleSubscriber), options.sagaWorkflowType ?? 'standard');
}

/** The order saga as a Standard or an Express workflow; nothing else changes (docs/saga.md, "Standard or Express"). */
export function withSagaWorkflowType(wiring: AppWiring, workflowType: SagaWorkflowType): AppWiring {
  const type = workflowType === 'express' ? 'EXPRESS' : 'STANDARD';
  if (!wiring.stateMachines.some((machine) => machine.id === ORDER_SAGA_ID && machine.type !== type)) return wiring;
  return { ...wiring, stateMachines: wiring.stateMachines.map((machine) => (machine.id === ORDER_SAGA_ID ? { ...machine, type } : machine)) };
}

function withoutExampleQueues(wiring: AppWiring, exampleSubscriber: boolean): AppWiring {
  if (exampleSubscriber) return wiring;
  const dropped = new Set(wiring.queues.filter((queue) => queue.example).map((queue) => queue.id));
  if (dropped.size === 0) return wiring;
  const eventRules = wiring.eventRules
    .map((rule) => ({ ...rule, targets: rule.targets.filter((target) => target.kind !== 'queue' || !dropped.has(target.queueId)) }))
    .filter((rule) => rule.targets.length > 0);
  return { ...wiring, queues: wiring.queues.filter((queue) => !dropped.has(queue.id)), eventRules };
}
