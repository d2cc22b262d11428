import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ExecutionStore, type KeptExecution } from '#local/stepfunctions/execution-store';
import type { LocalStepFunctions } from '#local/stepfunctions/local-step-functions';
import { arnOf, createService, eventually, FakeFunctions, historyOf, typesOf } from './sfn-harness';

/**
 * With a store, executions outlive the service (a runtime restart with --persist): a task waiting on
 * its token goes on waiting for the same token until the same deadline, a finished execution is known
 * again and not run again. callback-deadline.asl.json: TimeoutSeconds 60 then a 60 s Wait; with
 * timeoutScale 0.05 the task times out 3 s after it was scheduled, with waitScale 0.02 the Wait ends after 1.2 s.
 */
describe('execution store (executions across a restart)', () => {
  let folder: string;
  let functions: FakeFunctions;
  const services: LocalStepFunctions[] = [];

  const service = () => {
    const created = createService(
      [{ id: 'deadline', file: 'callback-deadline.asl.json' }],
      { invoker: functions },
      {
        timeoutScale: 0.05,
        waitScale: 0.02,
        store: new ExecutionStore(folder),
      },
    );
    services.push(created);
    return created;
  };
  const tokensSent = () => functions.callsTo('requestPayment').map((call) => (call.event as { taskToken: string }).taskToken);
  const start = async (sfn: LocalStepFunctions, name: string) =>
    (await sfn.startExecution({ stateMachineArn: arnOf('deadline'), name, input: JSON.stringify({ orderId: name }) })).executionArn!;
  const finished = (sfn: LocalStepFunctions, executionArn: string) =>
    eventually(async () => {
      const described = await sfn.describeExecution({ executionArn });
      return described.status !== 'RUNNING' && described;
    }, 10_000);
  const kept = () => new ExecutionStore(folder).load();

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'execution-store-'));
    functions = new FakeFunctions({ requestPayment: () => ({ accepted: true }) });
  });
  afterEach(async () => {
    for (const sfn of services.splice(0)) await sfn.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes each execution as it changes, one whole JSON file each (temp file and rename: nothing half-written is left)', async () => {
    const sfn = service();
    const executionArn = await start(sfn, 'order-1');
    const token = await eventually(() => tokensSent()[0]);
    const waiting = await eventually(() => kept().find((execution) => execution.waiting?.token === token));
    expect(waiting).toMatchObject({ arn: executionArn, status: 'RUNNING', waiting: { stateName: 'AwaitPayment', token } });
    expect(waiting.history.map((event) => event.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted']);
    expect(readdirSync(folder).filter((file) => !file.endsWith('.json'))).toEqual([]);
    const file = readdirSync(folder).map((name) => JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as KeptExecution);
    expect(file.map((execution) => execution.arn)).toEqual([executionArn]);
  });

  it('continues a waiting execution after a restart: the same token still completes it, nothing is called again', async () => {
    const first = service();
    const executionArn = await start(first, 'order-2');
    const token = await eventually(() => tokensSent()[0]);
    await eventually(() => kept()[0]?.waiting?.token === token);
    await first.close();
    // The stop ends this process's run, not the execution: on disk it still runs.
    expect(kept()[0]).toMatchObject({ status: 'RUNNING' });

    const second = service();
    expect((await second.describeExecution({ executionArn })).status).toBe('RUNNING');
    await second.sendTaskSuccess({ taskToken: token, output: JSON.stringify({ paymentId: 'p-2' }) });
    const description = await finished(second, executionArn);
    expect(description.status).toBe('SUCCEEDED');
    expect(functions.callsTo('requestPayment')).toHaveLength(1);
    expect(typesOf(await historyOf(second, executionArn))).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'WaitStateEntered',
      'WaitStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);

    // A third start knows the finished execution and does not run it again.
    await second.close();
    const third = service();
    expect(await third.describeExecution({ executionArn })).toMatchObject({ status: 'SUCCEEDED', stopDate: description.stopDate });
    expect(functions.callsTo('requestPayment')).toHaveLength(1);
  });

  it("fires a waiting task's TimeoutSeconds at its original deadline, however long the restart took", async () => {
    const first = service();
    const executionArn = await start(first, 'order-3');
    const token = await eventually(() => tokensSent()[0]);
    await eventually(() => kept()[0]?.waiting?.token === token);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await first.close();

    const second = service();
    const description = await finished(second, executionArn);
    expect(description).toMatchObject({ status: 'FAILED', error: 'PaymentTimedOut' });
    const history = await historyOf(second, executionArn);
    const at = (type: string) => history.find((event) => event.type === type)!.timestamp! * 1000;
    // 3 s after it was scheduled, not 3 s after the restart (which was 1 s in).
    expect(at('TaskTimedOut') - at('TaskScheduled')).toBeGreaterThanOrEqual(2900);
    expect(at('TaskTimedOut') - at('TaskScheduled')).toBeLessThan(3700);
    await expect(second.sendTaskSuccess({ taskToken: token, output: '{}' })).rejects.toMatchObject({ code: 'TaskTimedOut' });
  });
});
