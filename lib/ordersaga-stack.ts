import { Aspects, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from './config';
import { LogGroupEncryption } from './compliance/log-group-encryption';
import { ServicePrincipalsNameTheirAccount } from './compliance/service-principal-source-account';
import {
  acknowledgeNagRules,
  ApiFirewall,
  CustomerMessaging,
  asyncInvokedFunctionIds,
  dataRemovalPolicy,
  DataTable,
  DomainEventBus,
  DomainEventRules,
  EventsTestTap,
  FunctionRegistry,
  IdentityProvider,
  InventoryContext,
  NotificationsContext,
  Observability,
  OrdersContext,
  PaymentsContext,
  PlatformContext,
  RestApi,
  SagaWorkflows,
  ScheduledJobs,
  ServiceSecrets,
  stateMachineArns,
  TableStreamConsumers,
  type BoundedContextProps,
} from './constructs';
import type { RouteContract } from '#contracts/api/route-contract';
import { appWiring, wiringForStage, type AppWiring } from './wiring';

export interface OrderSagaStackProps extends StackProps {
  readonly config: StageConfig;
  /**
   * The app as data; tests pass a fixture wiring.
   * @default appWiring, every folder of functions/ put together
   */
  readonly wiring?: AppWiring;
  /**
   * One contract per route of the wiring.
   * @default the wiring's own contracts
   */
  readonly contracts?: RouteContract[];
}

/** The whole backend of one stage, composed from the constructs; the wiring decides what is in it. */
export class OrderSagaStack extends Stack {
  constructor(scope: Construct, id: string, props: OrderSagaStackProps) {
    super(scope, id, props);
    const { config } = props;
    const wiring = wiringForStage(props.wiring ?? appWiring, { exampleSubscriber: config.exampleSubscriber, sagaWorkflowType: config.saga.workflowType });
    Aspects.of(this).add(new ServicePrincipalsNameTheirAccount());
    if (config.logEncryption === 'customer-managed') new LogGroupEncryption(this, 'LogEncryption', { removalPolicy: dataRemovalPolicy(config) });

    const table = new DataTable(this, 'Data', { design: wiring.table, config });
    const events = new DomainEventBus(this, 'Events', { queues: wiring.queues, config });
    const identity = new IdentityProvider(this, 'Identity', { config });
    const secrets = new ServiceSecrets(this, 'Secrets', { config });
    const messaging = new CustomerMessaging(this, 'Messaging', { config });

    const contextProps: BoundedContextProps = {
      functions: wiring.functions,
      config,
      table,
      bus: events,
      secrets,
      messaging,
      asyncInvokedFunctionIds: asyncInvokedFunctionIds(wiring),
      environment: {
        stage: config.stage,
        logLevel: config.logLevel,
        logDebugSampleRate: config.logDebugSampleRate,
        saga: config.saga,
        tableName: table.tableName,
        eventBusName: events.eventBusName,
        stateMachineArns: stateMachineArns(
          this,
          wiring.stateMachines.map((machine) => machine.id),
        ),
        stateMachines: wiring.stateMachines,
        tokenIssuer: identity.tokenIssuer,
        secrets: secrets.environmentInputs,
        paymentProvider: secrets.paymentProvider,
        notifications: messaging.environment,
        cors: { allowOrigins: config.api.corsAllowOrigins, allowCredentials: config.api.corsAllowCredentials, routes: wiring.routes },
      },
    };
    const functions = FunctionRegistry.of(
      new PlatformContext(this, 'Platform', contextProps),
      new OrdersContext(this, 'Orders', contextProps),
      new InventoryContext(this, 'Inventory', contextProps),
      new PaymentsContext(this, 'Payments', contextProps),
      new NotificationsContext(this, 'Notifications', contextProps),
    );
    functions.assertCovers(wiring.functions);

    const workflows = new SagaWorkflows(this, 'Workflows', { stateMachines: wiring.stateMachines, functions, table, bus: events, config });
    const rules = new DomainEventRules(this, 'Subscriptions', { rules: wiring.eventRules, bus: events, functions, config });
    const schedules = new ScheduledJobs(this, 'Schedules', { schedules: wiring.schedules, functions, config });
    const streams = new TableStreamConsumers(this, 'Streams', { consumers: wiring.streamConsumers, table, functions, config });
    const api = new RestApi(this, 'Api', {
      routes: wiring.routes,
      contracts: props.contracts ?? wiring.contracts,
      authorizer: wiring.authorizer,
      functions,
      config,
    });
    if (config.firewall.enabled) {
      new ApiFirewall(this, 'Firewall', { api: api.api, routes: wiring.routes, limits: config.firewall, stage: config.stage });
    } else {
      acknowledgeNagRules(api.api, {
        id: 'AwsSolutions-APIG3',
        reason:
          'This stage runs without the web ACL by configuration (firewall.enabled: false): LocalStack has no WAF. Stage and per-method throttling and the token authorizer still bound abuse.',
      });
    }
    // Test stages only: a queue the e2e suite reads the domain events from.
    const testTap = config.eventsTestTap ? new EventsTestTap(this, 'EventsTestTap', { bus: events, config }) : undefined;

    new Observability(this, 'Observability', {
      api: api.api,
      functions: functions.all(),
      stateMachines: workflows.stateMachines,
      deadLetterQueues: [
        ...events.deadLetterQueues,
        ...[...rules.deadLetterQueues, ...schedules.deadLetterQueues, ...streams.deadLetterQueues].map((dlq) => dlq.queue),
        ...functions.all().flatMap((fn) => (fn.deadLetterQueue ? [fn.deadLetterQueue.queue] : [])),
        ...(testTap ? [testTap.deadLetters.queue] : []),
      ],
      config,
    });
  }
}
