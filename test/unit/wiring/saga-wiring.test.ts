import { existsSync } from 'node:fs';
import path from 'node:path';
import { stateMachineSubstitutions } from '#contracts/state-machine-definitions';
import { appWiring, functionEnvironment } from '#lib/wiring';
import { loadStateMachineDefinition } from '#local/state-machine-definitions';
import { sagaWiring } from '#saga/wiring';

/** functions/saga/wiring.ts is self-consistent and merged into the app's wiring as it is. */
const {
  functions: sagaFunctions = [],
  schedules: sagaSchedules = [],
  stateMachines: sagaStateMachines = [],
  streamConsumers: sagaStreamConsumers = [],
} = sagaWiring;

const ROOT = path.resolve(__dirname, '../../..');
const ids = new Set(sagaFunctions.map((spec) => spec.id));

/** What the stack or the local runtime hands functionEnvironment(), with placeholder names; no payment provider. */
const inputs = {
  stage: 'test',
  logLevel: 'INFO',
  tableName: 'table',
  eventBusName: 'bus',
  stateMachineArns: { orderSaga: 'arn:saga', orderCancellation: 'arn:cancel', orderPaymentAuthorization: 'arn:authorization' },
  stateMachines: sagaStateMachines,
  tokenIssuer: { issuer: 'i', audience: 'a' },
  saga: { asyncPaymentTimeoutSeconds: 900 },
  secrets: { CURSOR_SIGNING_KEY: { value: 'c' }, PAYMENT_WEBHOOK_SECRET: { value: 'w' } },
};

const env = (id: string) => functionEnvironment(sagaFunctions.find((spec) => spec.id === id)!, { ...inputs, paymentProvider: { kind: 'simulator' } });

describe('saga wiring', () => {
  it('names every function once, with an entry file that exists', () => {
    expect(ids.size).toBe(sagaFunctions.length);
    for (const spec of sagaFunctions) expect(existsSync(path.join(ROOT, spec.entry))).toBe(true);
  });

  it('is merged into the catalogue, where every function id is unique', () => {
    const catalogueIds = appWiring.functions.map((spec) => spec.id);
    expect(new Set(catalogueIds).size).toBe(catalogueIds.length);
    for (const id of ids) expect(catalogueIds).toContain(id);
  });

  it('points every state machine, schedule and stream consumer at functions it declares', () => {
    for (const machine of sagaStateMachines) {
      expect(existsSync(path.join(ROOT, machine.file))).toBe(true);
      for (const functionId of Object.values(machine.functionArns)) expect(ids).toContain(functionId);
    }
    for (const schedule of sagaSchedules) expect(ids).toContain(schedule.functionId);
    for (const consumer of sagaStreamConsumers) expect(ids).toContain(consumer.functionId);
  });

  it('gives each function the state machine ARNs it needs through their env vars', () => {
    expect(env('followOrderChanges')).toMatchObject({
      ORDER_SAGA_STATE_MACHINE_ARN: 'arn:saga',
      ORDER_CANCELLATION_STATE_MACHINE_ARN: 'arn:cancel',
      ORDER_PAYMENT_AUTHORIZATION_STATE_MACHINE_ARN: 'arn:authorization',
      TABLE_NAME: 'table',
    });
    expect(env('reconcileStrandedOrders')).toMatchObject({ ORDER_SAGA_STATE_MACHINE_ARN: 'arn:saga', STRANDED_ORDER_AFTER_MINUTES: '5' });
    expect(env('awaitPaymentAuthorization')).toMatchObject({ ORDER_PAYMENT_AUTHORIZATION_STATE_MACHINE_ARN: 'arn:authorization' });
    expect(env('takePayment')).toMatchObject({ ORDER_PAYMENT_AUTHORIZATION_STATE_MACHINE_ARN: 'arn:authorization' });
    expect(env('takePayment')).toMatchObject({ PAYMENT_CIRCUIT_FAILURE_THRESHOLD: '10', PAYMENT_WEBHOOK_SECRET: 'w' });
  });

  it('reconciles stranded orders and sweeps unsettled cancelled ones every 5 minutes', () => {
    expect(sagaSchedules).toEqual([
      expect.objectContaining({ expression: 'rate(5 minutes)', functionId: 'reconcileStrandedOrders' }),
      expect.objectContaining({ expression: 'rate(5 minutes)', functionId: 'settleCancelledOrders' }),
    ]);
    expect(env('settleCancelledOrders')).toMatchObject({ SETTLEMENT_DUE_AFTER_SECONDS: '600', PAYMENT_PROVIDER_TIMEOUT_MS: '5000', TABLE_NAME: 'table' });
  });
});

describe("the partition of the state machines' ARNs", () => {
  const sources = { functionArn: (id: string) => `fn:${id}`, stateMachineArn: (id: string) => `sm:${id}`, tableName: 't', eventBusName: 'b' };

  it("is the stack's partition where it gives one (AWS::Partition), the local runtime's `aws` otherwise", () => {
    const [saga] = sagaStateMachines;
    expect(stateMachineSubstitutions(saga!, { ...sources, partition: 'aws-cn' })).toMatchObject({ Partition: 'aws-cn' });
    expect(stateMachineSubstitutions(saga!, sources)).toMatchObject({ Partition: 'aws' });
  });

  it('ends up in every Task Resource the local runtime runs', () => {
    for (const machine of sagaStateMachines) {
      const definition = loadStateMachineDefinition(ROOT, machine, { ...sources, partition: 'aws-us-gov' }) as {
        States: Record<string, { Type: string; Resource?: string }>;
      };
      const resources = Object.values(definition.States)
        .filter((state) => state.Type === 'Task')
        .map((state) => state.Resource);
      expect(resources.length).toBeGreaterThan(0);
      // Lambda invocations, and the hand-over to another machine (states:startExecution).
      for (const resource of resources) expect(resource).toMatch(/^arn:aws-us-gov:states:::(lambda:invoke|states:startExecution)/);
    }
  });
});

describe('the payment provider’s settings', () => {
  it('tells the steps that call the payment provider which one it is, and no other function; the local runtime hands them the key itself', () => {
    const local = { kind: 'http', url: 'http://127.0.0.1:4010', apiKey: { value: 'sk_test_local' } } as const;
    for (const spec of sagaFunctions) {
      const variables = functionEnvironment(spec, { ...inputs, paymentProvider: local });
      if (spec.access.callsPaymentProvider) {
        expect(variables).toMatchObject({ PAYMENT_PROVIDER: 'http', PAYMENT_PROVIDER_URL: 'http://127.0.0.1:4010', PAYMENT_PROVIDER_API_KEY: 'sk_test_local' });
        expect(variables).not.toHaveProperty('PAYMENT_PROVIDER_API_KEY_SECRET_ARN');
        // A step that calls the provider is never left to a default: without the stage's settings there is no environment.
        expect(() => functionEnvironment(spec, inputs)).toThrow(
          `function ${spec.id} calls the payment provider, but the stage's provider settings were not given`,
        );
      } else {
        expect(Object.keys(variables).filter((name) => name.startsWith('PAYMENT_PROVIDER'))).toEqual([]);
      }
    }
  });
});
