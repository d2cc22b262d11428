import { Duration } from 'aws-cdk-lib';
import { EventBus, type IEventBus, Rule, type EventPattern, type IRuleTarget } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import type { EventRuleSpec, EventTargetSpec } from '../wiring';
import { DeadLetterQueue } from './dead-letter-queue';
import type { DomainEventBus } from './domain-event-bus';
import type { FunctionRegistry } from './function-registry';
import { dataRemovalPolicy } from './stage-policies';

export interface DomainEventRulesProps {
  readonly rules: EventRuleSpec[];
  readonly bus: DomainEventBus;
  readonly functions: FunctionRegistry;
  readonly config: Pick<StageConfig, 'retainData'>;
}

/**
 * The subscriptions on the domain bus (and, for AWS services' own events, on the account's default
 * bus: `eventBus: 'default'`): one rule per EventRuleSpec with its pattern exactly as the wiring
 * writes it, every target with the spec's retry policy and a dead-letter queue for the events
 * EventBridge could not deliver.
 */
export class DomainEventRules extends Construct {
  readonly rules = new Map<string, Rule>();
  readonly deadLetterQueues: DeadLetterQueue[] = [];

  constructor(scope: Construct, id: string, props: DomainEventRulesProps) {
    super(scope, id);
    let defaultBus: IEventBus | undefined;
    const busOf = (spec: EventRuleSpec): IEventBus => {
      if (spec.eventBus !== 'default') return props.bus.bus;
      defaultBus ??= EventBus.fromEventBusName(this, 'DefaultBus', 'default');
      return defaultBus;
    };
    for (const spec of props.rules) {
      const deadLetters = new DeadLetterQueue(this, `${spec.id}DeadLetters`, {
        purpose: `events rule ${spec.id} could not deliver`,
        removalPolicy: dataRemovalPolicy(props.config),
      });
      this.deadLetterQueues.push(deadLetters);
      const rule = new Rule(this, spec.id, {
        eventBus: busOf(spec),
        description: spec.description,
        // Rendered as given: keys such as `detail-type` pass through CDK unchanged.
        eventPattern: spec.eventPattern as EventPattern,
        targets: spec.targets.map((target) => this.target(spec, target, deadLetters, props)),
      });
      this.rules.set(spec.id, rule);
    }
  }

  private target(rule: EventRuleSpec, target: EventTargetSpec, deadLetters: DeadLetterQueue, props: DomainEventRulesProps): IRuleTarget {
    const delivery = {
      retryAttempts: target.retry.maximumRetryAttempts,
      maxEventAge: Duration.seconds(target.retry.maximumEventAgeSeconds),
      deadLetterQueue: deadLetters.queue,
    };
    const usedBy = `event rule ${rule.id}`;
    return target.kind === 'function'
      ? new LambdaFunction(props.functions.get(target.functionId, usedBy).function, delivery)
      : new SqsQueue(props.bus.queue(target.queueId, usedBy), delivery);
  }
}
