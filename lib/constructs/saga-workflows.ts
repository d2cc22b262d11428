import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Aws } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import type { StateMachineSpec } from '../wiring';
import { definitionSubstitutions } from '#contracts/state-machine-definitions';
import type { DataTable } from './data-table';
import type { DomainEventBus } from './domain-event-bus';
import type { FunctionRegistry } from './function-registry';
import { acknowledgeNagRules, nagArnOf, wildcardResource } from './nag-acknowledgements';
import { stackInstanceName } from './physical-names';
import { PROJECT_ROOT } from './service-function';
import { stateMachineArn, stateMachineName } from './state-machine-names';
import { dataRemovalPolicy, logRetention } from './stage-policies';

export interface SagaWorkflowsProps {
  readonly stateMachines: StateMachineSpec[];
  readonly functions: FunctionRegistry;
  readonly table: DataTable;
  readonly bus: DomainEventBus;
  readonly config: Pick<StageConfig, 'stage' | 'tracing' | 'logLevel' | 'logRetentionDays' | 'retainData'> & {
    saga: Pick<StageConfig['saga'], 'expressLogLevel'>;
  };
}

/** An Express machine's log level, from the stage's setting. */
const EXPRESS_LOG_LEVELS: Record<StageConfig['saga']['expressLogLevel'], LogLevel> = {
  ALL: LogLevel.ALL,
  ERROR: LogLevel.ERROR,
  FATAL: LogLevel.FATAL,
  OFF: LogLevel.OFF,
};

/**
 * The Step Functions state machines (the order saga and any others), each from its ASL file under
 * version control, inlined into the template (so tests and cdk-nag see it) with its `${…}`
 * placeholders substituted by CloudFormation. Logging to a log group (a Standard machine: ALL, its
 * history is in Step Functions anyway; an Express machine: the stage's `saga.expressLogLevel`, since
 * CloudWatch Logs bills what it ingests and those logs are all there is of an Express execution),
 * tracing by stage, and grants for exactly the functions, table, bus and machines the file names.
 */
export class SagaWorkflows extends Construct {
  readonly stateMachines = new Map<string, StateMachine>();

  constructor(scope: Construct, id: string, props: SagaWorkflowsProps) {
    super(scope, id);
    for (const spec of props.stateMachines) this.stateMachines.set(spec.id, this.createStateMachine(spec, props));
  }

  private createStateMachine(spec: StateMachineSpec, props: SagaWorkflowsProps): StateMachine {
    const { config, functions } = props;
    const definition = readFileSync(path.resolve(PROJECT_ROOT, spec.file), 'utf8');
    const scope = new Construct(this, spec.id);
    const usedBy = `state machine ${spec.id}`;

    const taskFunctions = Object.values(spec.functionArns).map((functionId) => functions.get(functionId, usedBy));
    // The same substitutions the local runtime applies to the same file, with the stack's values.
    const substitutions = definitionSubstitutions(spec, definition, {
      functionArn: (functionId) => functions.get(functionId, usedBy).function.functionArn,
      stateMachineArn: (machineId) => stateMachineArn(this, machineId),
      tableName: props.table.tableName,
      eventBusName: props.bus.eventBusName,
      partition: Aws.PARTITION,
    });

    const logs = new LogGroup(scope, 'Logs', {
      // The vendedlogs prefix keeps CloudWatch's resource-policy size limit out of the way. The stack
      // instance's suffix keeps a log group prod retained from colliding with the next create's.
      logGroupName: `/aws/vendedlogs/states/${stackInstanceName(this, spec.id)}`,
      retention: logRetention(config),
      removalPolicy: dataRemovalPolicy(config),
    });
    const machine = new StateMachine(scope, 'StateMachine', {
      stateMachineName: stateMachineName(this, spec.id),
      stateMachineType: spec.type === 'EXPRESS' ? StateMachineType.EXPRESS : StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(definition),
      definitionSubstitutions: substitutions,
      // Execution data (inputs/outputs: addresses, amounts) is logged only where logs are at DEBUG.
      logs: {
        destination: logs,
        level: spec.type === 'EXPRESS' ? EXPRESS_LOG_LEVELS[config.saga.expressLogLevel] : LogLevel.ALL,
        includeExecutionData: config.logLevel === 'DEBUG',
      },
      tracingEnabled: config.tracing,
    });

    for (const fn of taskFunctions) {
      fn.function.grantInvoke(machine);
      acknowledgeNagRules(
        machine,
        wildcardResource(
          `${nagArnOf(fn.function)}:*`,
          `Invoking ${fn.spec.id} by a qualified ARN (version or alias) is the same grant; lambda:InvokeFunction only.`,
        ),
      );
    }
    const resources = new Set(Object.values(spec.resourceNames ?? {}));
    if (resources.has('TableName')) props.table.grantReadWriteData(machine);
    if (resources.has('EventBusName')) props.bus.grantPutEvents(machine);
    for (const machineId of new Set(Object.values(spec.stateMachineArns ?? {}))) {
      StateMachine.fromStateMachineArn(scope, `${machineId}Ref`, stateMachineArn(this, machineId)).grantStartExecution(machine);
    }

    if (!config.tracing) {
      const reason = 'Tracing is off for this stage by configuration (LocalStack has no X-Ray).';
      acknowledgeNagRules(machine, { id: 'AwsSolutions-SF2', reason }, { id: 'Serverless-StepFunctionStateMachineXray', reason });
    }
    acknowledgeNagRules(
      machine,
      wildcardResource(
        '*',
        'The CloudWatch Logs delivery actions (CreateLogDelivery and its siblings) and the X-Ray segment actions have no resource-level permissions; CDK adds exactly the named actions Step Functions logging and tracing need.',
      ),
    );
    return machine;
  }
}
