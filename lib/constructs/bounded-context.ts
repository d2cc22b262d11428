import { StateMachine, type IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import { functionEnvironment, type BoundedContext as ContextName, type FunctionEnvironmentInputs, type FunctionSpec } from '../wiring';
import type { CustomerMessaging } from './customer-messaging';
import type { DataTable } from './data-table';
import type { DomainEventBus } from './domain-event-bus';
import { acknowledgeNagRules, nagExecutionsOf, wildcardResource } from './nag-acknowledgements';
import type { ServiceSecrets } from './service-secrets';
import { ServiceFunction } from './service-function';
import { stateMachineName } from './state-machine-names';

export interface BoundedContextProps {
  /** The whole catalogue; each context creates the functions that belong to it. */
  readonly functions: FunctionSpec[];
  readonly environment: FunctionEnvironmentInputs;
  readonly config: StageConfig;
  readonly table: DataTable;
  readonly bus: DomainEventBus;
  readonly secrets: ServiceSecrets;
  /** What functions that send e-mail or text messages are granted. */
  readonly messaging: CustomerMessaging;
  /** Ids of functions that event rules or schedules invoke asynchronously. */
  readonly asyncInvokedFunctionIds: ReadonlySet<string>;
}

/**
 * The functions of one or more bounded contexts, each granted exactly what its FunctionSpec.access
 * lists, through the resources' grant methods. Subclasses name the contexts they own.
 */
export abstract class BoundedContextFunctions extends Construct {
  readonly functions = new Map<string, ServiceFunction>();

  protected constructor(scope: Construct, id: string, contexts: ContextName[], props: BoundedContextProps) {
    super(scope, id);
    for (const spec of props.functions.filter((fn) => contexts.includes(fn.context))) {
      const fn = new ServiceFunction(this, spec.id, {
        spec,
        environment: functionEnvironment(spec, props.environment),
        config: props.config,
        invokedAsynchronously: props.asyncInvokedFunctionIds.has(spec.id),
      });
      this.grantAccess(fn, props);
      this.functions.set(spec.id, fn);
    }
  }

  private grantAccess(fn: ServiceFunction, props: BoundedContextProps): void {
    const { access } = fn.spec;
    if (access.table === 'read') props.table.grantReadData(fn.role);
    if (access.table === 'readWrite') props.table.grantReadWriteData(fn.role);
    if (access.publishEvents) props.bus.grantPutEvents(fn.role);
    props.secrets.grantReadFor(access, fn.role);
    if (access.sendsEmail) props.messaging.grantSendEmail(fn);
    if (access.sendsSms) props.messaging.grantSendSms(fn);
    const machines = new Map<string, IStateMachine>();
    const machine = (machineId: string): IStateMachine => {
      const arn = props.environment.stateMachineArns[machineId];
      if (!arn) throw new Error(`function ${fn.spec.id} names state machine "${machineId}", which the wiring does not declare`);
      // Referenced by its known ARN, not the construct: the machine may have this function as a task.
      if (!machines.has(machineId)) machines.set(machineId, StateMachine.fromStateMachineArn(fn, `${machineId}Ref`, arn));
      return machines.get(machineId)!;
    };
    for (const machineId of access.stateMachines ?? []) {
      machine(machineId).grantStartExecution(fn.role);
      machine(machineId).grantTaskResponse(fn.role);
    }
    for (const machineId of access.redrivesExecutions ?? []) {
      // On `execution:<machine>:*`: which execution fails is not known in advance, but it is one of this machine's.
      machine(machineId).grantExecution(fn.role, 'states:DescribeExecution', 'states:RedriveExecution');
      acknowledgeNagRules(
        fn,
        wildcardResource(
          nagExecutionsOf(stateMachineName(fn, machineId)),
          "DescribeExecution and RedriveExecution on this one state machine's executions: which of them fails is not known in advance.",
        ),
      );
    }
  }
}

/** Health and the token authorizer: what every route needs before any business context. */
export class PlatformContext extends BoundedContextFunctions {
  constructor(scope: Construct, id: string, props: BoundedContextProps) {
    super(scope, id, ['platform', 'identity'], props);
  }
}

export class OrdersContext extends BoundedContextFunctions {
  constructor(scope: Construct, id: string, props: BoundedContextProps) {
    super(scope, id, ['orders'], props);
  }
}

export class InventoryContext extends BoundedContextFunctions {
  constructor(scope: Construct, id: string, props: BoundedContextProps) {
    super(scope, id, ['inventory'], props);
  }
}

export class PaymentsContext extends BoundedContextFunctions {
  constructor(scope: Construct, id: string, props: BoundedContextProps) {
    super(scope, id, ['payments'], props);
  }
}

export class NotificationsContext extends BoundedContextFunctions {
  constructor(scope: Construct, id: string, props: BoundedContextProps) {
    super(scope, id, ['notifications'], props);
  }
}
