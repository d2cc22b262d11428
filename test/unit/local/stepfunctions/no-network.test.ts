import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import dns from 'node:dns';
import { readdirSync } from 'node:fs';
import net from 'node:net';
import { DEAD_LAMBDA_ENDPOINT, holdDeadLambdaEndpoint, LIBRARY_AWS_CONFIG } from '#local/stepfunctions/dead-endpoint';
import { catalogDefinition } from '#local/stepfunctions/definition-catalog';
import type { JsonObject } from '#local/stepfunctions/json';
import type { LocalStepFunctions } from '#local/stepfunctions/local-step-functions';
import { buildRunnableDefinition, indexStates } from '#local/stepfunctions/runnable-definition';
import { stateHandlers, type ShimContext } from '#local/stepfunctions/task-state-shim';
import { createService, detailsOf, FakeFunctions, FIXTURES_DIR, loadFixture, runToEnd, typesOf } from './sfn-harness';

/** Nothing a state machine does locally may reach AWS (or any other host). */
describe('no network', () => {
  let service: LocalStepFunctions | undefined;
  let connects: jest.SpyInstance;
  let lookups: jest.SpyInstance;

  beforeEach(() => {
    connects = jest.spyOn(net.Socket.prototype, 'connect');
    lookups = jest.spyOn(dns, 'lookup');
  });
  afterEach(async () => {
    connects.mockRestore();
    lookups.mockRestore();
    await service?.close();
  });

  it('fails a task whose resource has no local handler, with States.Runtime that no Catch takes, and calls nothing', async () => {
    const functions = new FakeFunctions({});
    service = createService([{ id: 'unknown', file: 'unknown-resource.asl.json' }], { invoker: functions });

    const { description, history } = await runToEnd(service, 'unknown', { hello: 'world' });

    expect(description).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(description.cause).toMatch(/no local handler for the service integration arn:aws:states:::sqs:sendMessage.*nothing is ever sent to AWS/);
    expect(typesOf(history)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed']);
    expect(detailsOf(history[4]!)).toMatchObject({ resourceType: 'sqs', resource: 'sendMessage', error: 'States.Runtime' });
    expect(functions.calls).toHaveLength(0);
    expect(connects).not.toHaveBeenCalled();
    expect(lookups).not.toHaveBeenCalled();
  });

  it('gives every Task of every fixture a local handler (the library would call AWS Lambda for one without)', () => {
    const files = readdirSync(FIXTURES_DIR).filter((file) => file.endsWith('.asl.json'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const definition = loadFixture(file) as JsonObject;
      const catalog = catalogDefinition(definition, file);
      const runnable = buildRunnableDefinition(definition, catalog, { retryDelayScale: 1, timeoutScale: 1 });
      const taskNames = [...indexStates(runnable)].filter(([, state]) => state.Type === 'Task').map(([name]) => name);
      const handlers = stateHandlers(catalog, {} as ShimContext);
      expect(Object.keys(handlers).sort()).toEqual(taskNames.sort());
    }
  });

  it('points the library’s own Lambda fallback at a dead local port while executions run', async () => {
    const definition = {
      StartAt: 'Unmapped',
      States: { Unmapped: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:real', End: true } },
    } as unknown as StateMachineDefinition;
    const before = process.env.AWS_ENDPOINT_URL_LAMBDA;
    const release = holdDeadLambdaEndpoint();
    try {
      expect(process.env.AWS_ENDPOINT_URL_LAMBDA).toBe(DEAD_LAMBDA_ENDPOINT);
      const run = new StateMachine(definition, { awsConfig: LIBRARY_AWS_CONFIG }).run({});
      await expect(run.result).rejects.toThrow();
    } finally {
      release();
    }
    expect(process.env.AWS_ENDPOINT_URL_LAMBDA).toBe(before);
    const targets = connects.mock.calls.map(([first]) => {
      const options = (Array.isArray(first) ? first[0] : first) as { host?: string; port?: number };
      return `${options.host}:${options.port}`;
    });
    expect(targets.length).toBeGreaterThan(0);
    expect(new Set(targets)).toEqual(new Set(['127.0.0.1:9']));
    expect(lookups.mock.calls.map(([host]) => host).filter((host) => host !== '127.0.0.1')).toEqual([]);
  });

  it('holds the dead endpoint only while something runs (reference counted)', () => {
    const before = process.env.AWS_ENDPOINT_URL_LAMBDA;
    const first = holdDeadLambdaEndpoint();
    const second = holdDeadLambdaEndpoint();
    first();
    first();
    expect(process.env.AWS_ENDPOINT_URL_LAMBDA).toBe(DEAD_LAMBDA_ENDPOINT);
    second();
    expect(process.env.AWS_ENDPOINT_URL_LAMBDA).toBe(before);
  });
});
