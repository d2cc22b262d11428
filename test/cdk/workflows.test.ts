import { readFileSync } from 'node:fs';
import { Match } from 'aws-cdk-lib/assertions';
import * as path from 'node:path';
import { assertSubstitutionsMatch, aslPlaceholders } from '#contracts/state-machine-definitions';
import { type DataTable, type DomainEventBus, type SagaWorkflows, ServiceFunction } from '#lib/constructs';
import type { AppWiring } from '#lib/wiring';
import { fixtureWiring } from '../fixtures/wiring/fixture-wiring';
import { buildStack, createStack } from './support/test-stack';
import { actionsOf, logicalIdOf, resource, statementsOfRole } from './support/template-queries';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const aslValidator = require('asl-validator') as (definition: unknown) => { isValid: boolean; errorsText: (separator?: string) => string };

const { stack, template } = buildStack('dev');
const workflows = stack.node.findChild('Workflows') as SagaWorkflows;
const saga = () => resource(template, logicalIdOf(workflows.stateMachines.get('orderSaga')!));
const fn = (id: string) => stack.node.findAll().find((c): c is ServiceFunction => c instanceof ServiceFunction && c.spec.id === id)!;
const sagaSpec = fixtureWiring.stateMachines[0];
const sagaFile = readFileSync(path.resolve(__dirname, '../..', sagaSpec.file), 'utf8');

/** What CloudFormation does with DefinitionSubstitutions at deploy time. */
const substitute = (definition: string, substitutions: Record<string, unknown>) =>
  Object.entries(substitutions).reduce((text, [name, value]) => text.split(`\${${name}}`).join(JSON.stringify(value).replace(/"/g, '')), definition);

describe('state machines', () => {
  test('the fixture ASL files are valid Amazon States Language', () => {
    for (const spec of fixtureWiring.stateMachines) {
      const result = aslValidator(JSON.parse(readFileSync(path.resolve(__dirname, '../..', spec.file), 'utf8')));
      expect({ file: spec.file, errors: result.errorsText() }).toEqual({ file: spec.file, errors: '' });
      expect(result.isValid).toBe(true);
    }
  });

  test('one Standard state machine per spec, with a fixed name', () => {
    expect(workflows.stateMachines.size).toBe(fixtureWiring.stateMachines.length);
    expect(saga().Properties).toMatchObject({ StateMachineType: 'STANDARD', StateMachineName: 'OrderSaga-dev-orderSaga' });
  });

  test('the definition is the ASL file, inlined', () => {
    const props = saga().Properties;
    expect(props.DefinitionS3Location).toBeUndefined();
    expect(typeof props.DefinitionString).toBe('string');
    expect(JSON.parse(props.DefinitionString)).toEqual(JSON.parse(sagaFile));
  });

  test('every placeholder is substituted, with the resource the spec names', () => {
    const props = saga().Properties;
    expect(Object.keys(props.DefinitionSubstitutions).sort()).toEqual([...aslPlaceholders(sagaFile)].sort());
    expect(substitute(props.DefinitionString, props.DefinitionSubstitutions)).not.toContain('${');
    expect(props.DefinitionSubstitutions).toMatchObject({
      ReserveStockFunctionArn: { 'Fn::GetAtt': [logicalIdOf(fn('reserveStock').function), 'Arn'] },
      ReleaseStockFunctionArn: { 'Fn::GetAtt': [logicalIdOf(fn('releaseStock').function), 'Arn'] },
      AuthorizePaymentFunctionArn: { 'Fn::GetAtt': [logicalIdOf(fn('authorizePayment').function), 'Arn'] },
      TableName: { Ref: logicalIdOf((stack.node.findChild('Data') as DataTable).table) },
      EventBusName: { Ref: logicalIdOf((stack.node.findChild('Events') as DomainEventBus).bus) },
    });
    expect(JSON.stringify(props.DefinitionSubstitutions.RefundWorkflowArn)).toContain(':stateMachine:OrderSaga-dev-refundWorkflow');
  });

  test('logs every event to its own log group, with tracing', () => {
    const props = saga().Properties;
    expect(props.LoggingConfiguration).toMatchObject({
      Level: 'ALL',
      IncludeExecutionData: true,
      Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: expect.anything() } }],
    });
    expect(props.TracingConfiguration).toEqual({ Enabled: true });
    // Named after the machine, and the stack instance (a retained log group must not block the next create).
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/vendedlogs/states/OrderSaga-dev-orderSaga-', Match.anyValue()]] },
    });
  });

  test('its role invokes exactly the functions the spec names, and reaches the table, bus and child machine', () => {
    const roleId = saga().Properties.RoleArn['Fn::GetAtt'][0];
    const statements = statementsOfRole(template, roleId);
    const invoked = statements.filter((s) => actionsOf(s).includes('lambda:InvokeFunction')).flatMap((s) => s.Resource as unknown[]);
    const expected = Object.values(sagaSpec.functionArns).map((id) => ({ 'Fn::GetAtt': [logicalIdOf(fn(id).function), 'Arn'] }));
    for (const arn of expected) expect(invoked).toContainEqual(arn);
    expect(invoked.filter((arn) => !JSON.stringify(arn).includes(':*'))).toHaveLength(expected.length);
    const actions = statements.flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:UpdateItem', 'events:PutEvents', 'states:StartExecution']));
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
  });

  test('the execution-data setting follows the log level (no order data in prod logs)', () => {
    const prod = buildStack('prod');
    prod.template.hasResourceProperties('AWS::StepFunctions::StateMachine', { LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false } });
  });
});

describe('wiring mistakes fail synth with a message that names them', () => {
  const variant = (change: (wiring: AppWiring) => AppWiring) => () => createStack('dev', { wiring: change(structuredClone(fixtureWiring)) });

  test('a placeholder nothing substitutes, and a substitution the file does not use', () => {
    expect(() => assertSubstitutionsMatch('saga.asl.json', '{"a":"${A}","b":"${B}"}', { A: 'x' })).toThrow(
      'saga.asl.json uses ${B} but the StateMachineSpec substitutes none of them',
    );
    expect(() => assertSubstitutionsMatch('saga.asl.json', '{"a":"${A}"}', { A: 'x', C: 'y' })).toThrow('substitutes C, which the file does not use');
  });

  test('a route to an unknown function', () => {
    expect(variant((w) => ({ ...w, routes: [...w.routes, { method: 'GET', path: '/api/v1/x', functionId: 'nope', auth: 'user', summary: 'x' }] }))).toThrow(
      'route GET /api/v1/x names function "nope", which the function catalogue does not define',
    );
  });

  test('the same route twice', () => {
    expect(variant((w) => ({ ...w, routes: [...w.routes, w.routes[0]] }))).toThrow('the route table lists GET /api/v1/health twice');
  });

  test('a rule target queue that is not declared', () => {
    expect(variant((w) => ({ ...w, queues: [] }))).toThrow(
      'event rule orderLifecycleToCustomer names queue "fulfilment", which the wiring\'s queues do not declare',
    );
  });

  test('a function that names an undeclared state machine', () => {
    expect(variant((w) => ({ ...w, stateMachines: w.stateMachines.filter((m) => m.id !== 'orderSaga') }))).toThrow(/names unknown state machine orderSaga/);
  });
});
