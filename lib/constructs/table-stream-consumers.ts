import { Duration } from 'aws-cdk-lib';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import type { StreamConsumerSpec } from '../wiring';
import type { DataTable } from './data-table';
import { DeadLetterQueue } from './dead-letter-queue';
import type { FunctionRegistry } from './function-registry';
import { acknowledgeNagRules, wildcardResource } from './nag-acknowledgements';
import { dataRemovalPolicy } from './stage-policies';

export interface TableStreamConsumersProps {
  readonly consumers: StreamConsumerSpec[];
  readonly table: DataTable;
  readonly functions: FunctionRegistry;
  readonly config: Pick<StageConfig, 'retainData' | 'capacity'>;
}

/** Lambda's default is one batch per shard; only a higher factor is written out. */
function parallelizationOf(consumerId: string, config: Pick<StageConfig, 'capacity'>): number | undefined {
  const factor = config.capacity.streamParallelization[consumerId] ?? 1;
  return factor > 1 ? factor : undefined;
}

/**
 * Functions fed by the table's stream (outbox relays, projections): batch size and window, retries,
 * bisection on error, partial batch responses, event filters, and an on-failure queue that receives
 * the records of a batch that still fails after the retries, so the shard moves on.
 */
export class TableStreamConsumers extends Construct {
  readonly deadLetterQueues: DeadLetterQueue[] = [];

  constructor(scope: Construct, id: string, props: TableStreamConsumersProps) {
    super(scope, id);
    for (const spec of props.consumers) {
      const fn = props.functions.get(spec.functionId, `stream consumer ${spec.id}`);
      const deadLetters = new DeadLetterQueue(this, `${spec.id}DeadLetters`, {
        purpose: `stream batches ${spec.id} failed after its retries`,
        removalPolicy: dataRemovalPolicy(props.config),
      });
      this.deadLetterQueues.push(deadLetters);
      fn.function.addEventSource(
        new DynamoEventSource(props.table.table, {
          batchSize: spec.batchSize,
          maxBatchingWindow: Duration.seconds(spec.maxBatchingWindowSeconds),
          startingPosition: StartingPosition[spec.startingPosition],
          retryAttempts: spec.retryAttempts,
          bisectBatchOnError: spec.bisectBatchOnError,
          // Concurrent batches per shard, from the capacity model (lib/config/capacity-model.ts). Lambda
          // keeps the records of one item in order across them ("Using AWS Lambda with Amazon DynamoDB").
          parallelizationFactor: parallelizationOf(spec.id, props.config),
          reportBatchItemFailures: true,
          filters: (spec.filterPatterns ?? []).map((pattern) => FilterCriteria.filter(pattern)),
          onFailure: new SqsDlq(deadLetters.queue),
        }),
      );
      acknowledgeNagRules(
        fn,
        wildcardResource('*', 'dynamodb:ListStreams has no resource-level permission; the stream read actions themselves are scoped to the table stream ARN.'),
      );
    }
  }
}
