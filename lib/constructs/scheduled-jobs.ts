import { Duration } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import type { ScheduleSpec } from '../wiring';
import { DeadLetterQueue } from './dead-letter-queue';
import type { FunctionRegistry } from './function-registry';
import { dataRemovalPolicy } from './stage-policies';

export interface ScheduledJobsProps {
  readonly schedules: ScheduleSpec[];
  readonly functions: FunctionRegistry;
  readonly config: Pick<StageConfig, 'retainData'>;
}

/**
 * A scheduled invocation is worth retrying only until the next one is due; past an hour the next
 * tick does the same work (the jobs are idempotent sweeps, e.g. stranded orders).
 */
const SCHEDULE_RETRY = { retryAttempts: 2, maxEventAge: Duration.hours(1) };

/** Periodic jobs: one EventBridge schedule rule (default bus) per ScheduleSpec. */
export class ScheduledJobs extends Construct {
  readonly rules = new Map<string, Rule>();
  readonly deadLetterQueues: DeadLetterQueue[] = [];

  constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);
    for (const spec of props.schedules) {
      const fn = props.functions.get(spec.functionId, `schedule ${spec.id}`);
      const deadLetters = new DeadLetterQueue(this, `${spec.id}DeadLetters`, {
        purpose: `schedule ${spec.id} ticks that could not be delivered`,
        removalPolicy: dataRemovalPolicy(props.config),
      });
      this.deadLetterQueues.push(deadLetters);
      const rule = new Rule(this, spec.id, {
        description: spec.description,
        schedule: Schedule.expression(spec.expression),
        targets: [
          new LambdaFunction(fn.function, {
            ...SCHEDULE_RETRY,
            deadLetterQueue: deadLetters.queue,
            event: spec.input === undefined ? undefined : RuleTargetInput.fromObject(spec.input),
          }),
        ],
      });
      this.rules.set(spec.id, rule);
    }
  }
}
