import { readdirSync } from 'node:fs';
import { catalogDefinition, UnsupportedDefinitionError } from '#local/stepfunctions/definition-catalog';
import { deepCopy, type JsonObject } from '#local/stepfunctions/json';
import { buildRunnableDefinition, HEARTBEAT_TIMEOUT_ERROR, LOCAL_WAIT_RESOURCE, MAX_TIMER_SECONDS } from '#local/stepfunctions/runnable-definition';
import { FIXTURES_DIR, loadFixture } from './sfn-harness';

type AslValidator = (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };
// asl-validator ships no type declarations.
const aslValidator = require('asl-validator') as AslValidator;

describe('sample state machine definitions', () => {
  const files = readdirSync(FIXTURES_DIR).filter((file) => file.endsWith('.asl.json'));

  it.each(files)('%s is valid ASL (asl-validator)', (file) => {
    const result = aslValidator(loadFixture(file), { checkPaths: true, checkArn: true });
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });
});

describe('definition catalog', () => {
  const saga = () => loadFixture('fixture-saga.asl.json') as JsonObject;

  it('finds every Task, nested ones included, with its resource and timeouts', () => {
    const catalog = catalogDefinition(loadFixture('fan-out.asl.json'), 'fanOut');
    expect([...catalog.tasks.keys()].sort()).toEqual(['LoadCustomer', 'PriceItems', 'ReserveItem']);
    expect(catalog.tasks.get('LoadCustomer')!.resource.target).toEqual({ kind: 'aws-sdk', service: 'dynamodb', action: 'getItem' });
    expect([...catalog.waits.keys()]).toEqual(['Settle']);
    const callback = catalogDefinition(loadFixture('callback-payment.asl.json'), 'callback').tasks.get('AwaitPayment')!;
    expect(callback).toMatchObject({
      timeoutSeconds: 60,
      heartbeatSeconds: 10,
      resource: { pattern: 'wait-for-task-token', resourceName: 'invoke.waitForTaskToken' },
    });
  });

  it('refuses what the interpreter would silently get wrong', () => {
    const jsonata = { ...saga(), QueryLanguage: 'JSONata' };
    expect(() => catalogDefinition(jsonata, 'x')).toThrow(/JSONata/);

    const withAssign = saga();
    (withAssign.States as Record<string, JsonObject>).ReasonOutOfStock!.Assign = { reason: 'x' };
    expect(() => catalogDefinition(withAssign, 'x')).toThrow(/Assign/);

    const duplicate = loadFixture('fan-out.asl.json') as JsonObject;
    const map = (duplicate.States as Record<string, JsonObject>).ReserveEachItem!;
    ((map.ItemProcessor as JsonObject).States as Record<string, JsonObject>).PriceItems = { Type: 'Pass', End: true };
    expect(() => catalogDefinition(duplicate, 'x')).toThrow(UnsupportedDefinitionError);
    expect(() => catalogDefinition(duplicate, 'x')).toThrow(/"PriceItems" is used twice/);
  });
});

describe('runnable definition', () => {
  it('parks the library’s task timers, zeroes Task backoff (the shim sleeps it), scales container retries and the execution timeout', () => {
    const original = loadFixture('fixture-saga.asl.json') as JsonObject;
    const pristine = deepCopy(original);
    const runnable = buildRunnableDefinition(original, catalogDefinition(original, 'saga'), { retryDelayScale: 0.5, timeoutScale: 0.1 });
    expect(original).toEqual(pristine);

    const states = runnable.States as Record<string, JsonObject>;
    expect(runnable.TimeoutSeconds).toBe(360);
    expect(states.ReserveStock).toMatchObject({ TimeoutSeconds: MAX_TIMER_SECONDS, Retry: [{ IntervalSeconds: 0, BackoffRate: 2, MaxAttempts: 3 }] });
    expect((states.ReserveStock!.Retry as JsonObject[])[0]).not.toHaveProperty('JitterStrategy');
    expect(states.PauseBeforeCapture).toEqual({ Type: 'Task', Resource: LOCAL_WAIT_RESOURCE, TimeoutSeconds: MAX_TIMER_SECONDS, Next: 'CapturePayment' });

    const callback = buildRunnableDefinition(
      loadFixture('callback-payment.asl.json') as JsonObject,
      catalogDefinition(loadFixture('callback-payment.asl.json'), 'cb'),
      { retryDelayScale: 1, timeoutScale: 1 },
    );
    const awaitPayment = (callback.States as Record<string, JsonObject>).AwaitPayment!;
    expect(awaitPayment).not.toHaveProperty('HeartbeatSeconds');
    expect((awaitPayment.Catch as JsonObject[]).map((rule) => rule.ErrorEquals)).toEqual([
      [HEARTBEAT_TIMEOUT_ERROR],
      ['States.Timeout', HEARTBEAT_TIMEOUT_ERROR],
      ['PaymentDeclined'],
    ]);
  });
});
