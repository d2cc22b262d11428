import { Match } from 'aws-cdk-lib/assertions';
import { ASYNC_INVOCATION } from '#contracts/events/subscriptions';
import { type DataTable, type DomainEventBus, type IdentityProvider, ServiceFunction, type ServiceSecrets, stateMachineArns } from '#lib/constructs';
import { appWiring, functionEnvironment } from '#lib/wiring';
import { fixtureWiring } from '../fixtures/wiring/fixture-wiring';
import { buildStack } from './support/test-stack';
import { actionsOf, identityPolicyStatements, logicalIdOf, resource, resourcesOfType, statementsOfRole } from './support/template-queries';

const { stack, template, config } = buildStack('dev');
const functions = stack.node.findAll().filter((c): c is ServiceFunction => c instanceof ServiceFunction);
const byId = new Map(functions.map((fn) => [fn.spec.id, fn]));
const asyncInvoked = new Set(['notifyCustomer', 'sweepStrandedOrders']);

describe('functions', () => {
  test('every catalogue entry is one Lambda function, and there are no others', () => {
    expect([...byId.keys()].sort()).toEqual(fixtureWiring.functions.map((fn) => fn.id).sort());
    expect(resourcesOfType(template, 'AWS::Lambda::Function')).toHaveLength(fixtureWiring.functions.length);
  });

  test.each(fixtureWiring.functions.map((spec) => [spec.id, spec] as const))('%s has the shared defaults and its own settings', (id, spec) => {
    const fn = byId.get(id)!;
    const props = resource(template, logicalIdOf(fn.function)).Properties;
    expect(props).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: spec.memorySize,
      Timeout: spec.timeoutSeconds,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG', LogGroup: { Ref: logicalIdOf(fn.logGroup) } },
      Role: { 'Fn::GetAtt': [logicalIdOf(fn.role), 'Arn'] },
    });
    expect(resource(template, logicalIdOf(fn.logGroup)).Properties.RetentionInDays).toBe(config.logRetentionDays);
  });

  test('the environment is exactly functionEnvironment() of the spec', () => {
    const table = stack.node.findChild('Data') as DataTable;
    const bus = stack.node.findChild('Events') as DomainEventBus;
    const identity = stack.node.findChild('Identity') as IdentityProvider;
    const inputs = {
      stage: config.stage,
      logLevel: config.logLevel,
      logDebugSampleRate: config.logDebugSampleRate,
      saga: config.saga,
      tableName: table.tableName,
      eventBusName: bus.eventBusName,
      stateMachineArns: stateMachineArns(
        stack,
        fixtureWiring.stateMachines.map((m) => m.id),
      ),
      stateMachines: fixtureWiring.stateMachines,
      tokenIssuer: identity.tokenIssuer,
      secrets: (stack.node.findChild('Secrets') as ServiceSecrets).environmentInputs,
      paymentProvider: (stack.node.findChild('Secrets') as ServiceSecrets).paymentProvider,
      cors: { allowOrigins: config.api.corsAllowOrigins, allowCredentials: config.api.corsAllowCredentials, routes: fixtureWiring.routes },
    };
    for (const fn of functions) {
      const variables = resource(template, logicalIdOf(fn.function)).Properties.Environment.Variables;
      expect(variables).toEqual(stack.resolve(functionEnvironment(fn.spec, inputs)));
    }
  });

  test("functions invoked asynchronously have the chosen retry budget and an on-failure queue (Lambda's EventInvokeConfig); the others neither", () => {
    const invokeConfigs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig')) as { Properties: Record<string, any> }[];
    for (const fn of functions) {
      const props = resource(template, logicalIdOf(fn.function)).Properties;
      expect(props.DeadLetterConfig).toBeUndefined();
      const config = invokeConfigs.filter(
        (candidate) => JSON.stringify(candidate.Properties.FunctionName) === JSON.stringify({ Ref: logicalIdOf(fn.function) }),
      );
      if (asyncInvoked.has(fn.spec.id)) {
        expect(config.map((candidate) => candidate.Properties)).toEqual([
          {
            FunctionName: { Ref: logicalIdOf(fn.function) },
            Qualifier: '$LATEST',
            MaximumRetryAttempts: ASYNC_INVOCATION.maximumRetryAttempts,
            MaximumEventAgeInSeconds: ASYNC_INVOCATION.maximumEventAgeSeconds,
            DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf(fn.deadLetterQueue!.queue), 'Arn'] } } },
          },
        ]);
      } else {
        expect(config).toEqual([]);
      }
    }
  });
});

describe('least privilege', () => {
  const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

  test('no identity policy allows a wildcard action', () => {
    const wildcards = identityPolicyStatements(template)
      .filter(({ statement }) => statement.Effect === 'Allow')
      .flatMap(({ owner, statement }) =>
        actionsOf(statement)
          .filter((action) => action.includes('*'))
          .map((action) => `${owner}: ${action}`),
      );
    expect(wildcards).toEqual([]);
  });

  test('no role but the account-level API Gateway logging role has a managed policy', () => {
    const withManaged = resourcesOfType(template, 'AWS::IAM::Role').filter(([, role]) => role.Properties.ManagedPolicyArns);
    expect(withManaged.map(([id]) => id)).toEqual([expect.stringMatching(/^ApiCloudWatchRole/)]);
  });

  test.each(fixtureWiring.functions.map((spec) => [spec.id, spec] as const))('%s may do exactly what its access lists', (id, spec) => {
    const fn = byId.get(id)!;
    const statements = statementsOfRole(template, logicalIdOf(fn.role));
    const actions = new Set(statements.flatMap(actionsOf));
    const table = logicalIdOf((stack.node.findChild('Data') as DataTable).table);

    expect(actions.has('logs:PutLogEvents')).toBe(true);
    expect(actions.has('dynamodb:GetItem')).toBe(spec.access.table !== undefined);
    expect(WRITE.some((action) => actions.has(action))).toBe(spec.access.table === 'readWrite');
    expect(actions.has('events:PutEvents')).toBe(spec.access.publishEvents === true);
    expect(actions.has('states:StartExecution')).toBe((spec.access.stateMachines ?? []).length > 0);
    expect(actions.has('states:SendTaskSuccess')).toBe((spec.access.stateMachines ?? []).length > 0);
    expect(actions.has('states:RedriveExecution')).toBe((spec.access.redrivesExecutions ?? []).length > 0);
    expect(actions.has('secretsmanager:GetSecretValue')).toBe(spec.access.signsCursors === true || spec.access.verifiesWebhooks === true);
    // Async invocations and stream batches that keep failing are sent to a dead-letter queue by the function's role.
    expect(actions.has('sqs:SendMessage')).toBe(asyncInvoked.has(id) || id === 'relayOutbox');
    expect([...actions].filter((action) => action.startsWith('lambda:') || action.startsWith('kms:'))).toEqual([]);

    for (const statement of statements) {
      const first = actionsOf(statement)[0];
      if (first.startsWith('dynamodb:') && first !== 'dynamodb:ListStreams') {
        expect(JSON.stringify(statement.Resource)).toContain(table);
      }
      if (first === 'events:PutEvents')
        expect(statement.Resource).toEqual({ 'Fn::GetAtt': [logicalIdOf((stack.node.findChild('Events') as DomainEventBus).bus), 'Arn'] });
      if (first.startsWith('states:')) expect(JSON.stringify(statement.Resource)).toMatch(/:(stateMachine|execution):OrderSaga-dev-orderSaga/);
    }
  });

  test.each(['reconcileStrandedOrders', 'followOrderChanges'])(
    "%s (real wiring) may describe and redrive the order saga's executions, nothing more",
    (functionId) => {
      const real = buildStack('dev', { wiring: appWiring });
      const fn = real.stack.node.findAll().find((c): c is ServiceFunction => c instanceof ServiceFunction && c.spec.id === functionId)!;
      const states = statementsOfRole(real.template, logicalIdOf(fn.role)).filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('states:')),
      );
      const onExecutions = states.filter((statement) => JSON.stringify(statement.Resource).includes(':execution:'));
      expect(onExecutions).toHaveLength(1);
      expect(actionsOf(onExecutions[0]!).sort()).toEqual(['states:DescribeExecution', 'states:RedriveExecution']);
      expect(JSON.stringify(onExecutions[0]!.Resource)).toContain(':execution:OrderSaga-dev-orderSaga:*');
      // Otherwise only what every starter has, on the machines themselves.
      const elsewhere = new Set(states.filter((statement) => statement !== onExecutions[0]).flatMap(actionsOf));
      expect([...elsewhere].sort()).toEqual(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess', 'states:StartExecution']);
    },
  );

  test('only the reconciler and the order-change follower may redrive executions', () => {
    const redrivers = appWiring.functions
      .filter((fn) => fn.access.redrivesExecutions)
      .map((fn) => fn.id)
      .sort();
    expect(redrivers).toEqual(['followOrderChanges', 'reconcileStrandedOrders']);
  });

  test('the stream consumer reads the table stream only', () => {
    const statements = statementsOfRole(template, logicalIdOf(byId.get('relayOutbox')!.role));
    const streamRead = statements.find(
      (statement) => actionsOf(statement).includes('dynamodb:GetShardIterator') && actionsOf(statement).includes('dynamodb:DescribeStream'),
    );
    expect(streamRead?.Resource).toEqual({ 'Fn::GetAtt': [logicalIdOf((stack.node.findChild('Data') as DataTable).table), 'StreamArn'] });
  });

  test('API Gateway may invoke each routed function for its own method only', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [logicalIdOf(byId.get('placeOrder')!.function), 'Arn'] },
      SourceArn: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['/POST/api/v1/orders'])] }),
    });
  });
});

describe('debug log sampling (prod)', () => {
  const prod = buildStack('prod');
  const lambdas = resourcesOfType(prod.template, 'AWS::Lambda::Function').map(([, fn]) => fn.Properties);

  test('samples DEBUG logs through Powertools, with Lambda log-level controls left off (they would override it)', () => {
    expect(prod.config.logDebugSampleRate).toBeGreaterThan(0);
    for (const props of lambdas) {
      expect(props.Environment.Variables.POWERTOOLS_LOGGER_SAMPLE_RATE).toBe(String(prod.config.logDebugSampleRate));
      expect(props.Environment.Variables.POWERTOOLS_LOG_LEVEL).toBe('INFO');
      expect(props.LoggingConfig.LogFormat).toBe('Text');
      expect(props.LoggingConfig.ApplicationLogLevel).toBeUndefined();
    }
  });
});
