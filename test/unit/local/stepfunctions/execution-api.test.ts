import { LocalServiceError } from '#local/aws-api/service-error';
import type { LocalStepFunctions } from '#local/stepfunctions/local-step-functions';
import { arnOf, createService, detailsOf, eventually, FakeFunctions, historyOf, runToEnd, typesOf } from './sfn-harness';

/** StartExecution idempotency and the other execution APIs (child.asl.json waits 2 s × waitScale). */
describe('execution API', () => {
  let service: LocalStepFunctions;

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'no error',
      (error: unknown) => (error instanceof LocalServiceError ? error.code : String(error)),
    );

  beforeEach(() => {
    service = createService(
      [
        { id: 'child', file: 'child.asl.json' },
        { id: 'parent', file: 'start-child.asl.json' },
        { id: 'expressChild', file: 'child.asl.json', type: 'EXPRESS' },
      ],
      { invoker: new FakeFunctions({}) },
      { waitScale: 0.05 }, // the child holds for 100 ms
    );
  });
  afterEach(async () => service.close());

  it('is idempotent by name: same input while running → the same execution; different input → ExecutionAlreadyExists', async () => {
    const first = await service.startExecution({ stateMachineArn: arnOf('child'), name: 'order-1', input: '{"a":1}' });
    expect(first.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:child:order-1');
    expect(typeof first.startDate).toBe('number');

    const again = await service.startExecution({ stateMachineArn: arnOf('child'), name: 'order-1', input: '{"a":1}' });
    expect(again).toEqual(first);
    expect(await codeOf(service.startExecution({ stateMachineArn: arnOf('child'), name: 'order-1', input: '{"a":2}' }))).toBe('ExecutionAlreadyExists');
    expect(service.executions({ name: 'order-1' })).toHaveLength(1);

    // Once closed, the name is taken whatever the input (as on AWS, for 90 days).
    await service.idle();
    expect(await codeOf(service.startExecution({ stateMachineArn: arnOf('child'), name: 'order-1', input: '{"a":1}' }))).toBe('ExecutionAlreadyExists');
  });

  it('validates the request as AWS does', async () => {
    expect(await codeOf(service.startExecution({ stateMachineArn: arnOf('missing') }))).toBe('StateMachineDoesNotExist');
    expect(await codeOf(service.startExecution({ stateMachineArn: 'not-an-arn' }))).toBe('InvalidArn');
    expect(await codeOf(service.startExecution({ stateMachineArn: arnOf('child'), input: '{oops' }))).toBe('InvalidExecutionInput');
    for (const name of ['has space', 'a/b', 'x:y', '', 'n'.repeat(81)]) {
      expect(await codeOf(service.startExecution({ stateMachineArn: arnOf('child'), name }))).toBe('InvalidName');
    }
    expect(await codeOf(service.describeExecution({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:child:nope' }))).toBe(
      'ExecutionDoesNotExist',
    );
    expect(await codeOf(service.describeExecution({ executionArn: 'nope' }))).toBe('InvalidArn');
  });

  it('names an execution with a UUID by default and describes it as DescribeExecution does', async () => {
    const { executionArn } = await service.startExecution({ stateMachineArn: arnOf('child') });
    expect(executionArn).toMatch(/:execution:child:[0-9a-f-]{36}$/);
    expect(await service.describeExecution({ executionArn })).toMatchObject({ status: 'RUNNING', input: '{}', inputDetails: { included: true } });
    await service.idle();
    const done = await service.describeExecution({ executionArn });
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{}', stateMachineArn: arnOf('child') });
    expect(done.stopDate!).toBeGreaterThanOrEqual(done.startDate!);
  });

  it('lists executions newest first, filters by status, and pages', async () => {
    for (const name of ['e1', 'e2', 'e3']) await service.startExecution({ stateMachineArn: arnOf('child'), name });
    await service.stopExecution({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:child:e2' });

    const all = await service.listExecutions({ stateMachineArn: arnOf('child') });
    expect(all.executions!.map((item) => item.name)).toEqual(['e3', 'e2', 'e1']);
    const aborted = await service.listExecutions({ stateMachineArn: arnOf('child'), statusFilter: 'ABORTED' });
    expect(aborted.executions!.map((item) => [item.name, item.status])).toEqual([['e2', 'ABORTED']]);

    const page1 = await service.listExecutions({ stateMachineArn: arnOf('child'), maxResults: 2 });
    expect(page1.executions).toHaveLength(2);
    const page2 = await service.listExecutions({ stateMachineArn: arnOf('child'), maxResults: 2, nextToken: page1.nextToken });
    expect(page2.executions!.map((item) => item.name)).toEqual(['e1']);
    expect(page2.nextToken).toBeUndefined();
    expect(await codeOf(service.listExecutions({ stateMachineArn: arnOf('child'), nextToken: 'garbage!' }))).toBe('InvalidToken');
  });

  it('returns the history in reverse and in pages', async () => {
    const { executionArn } = await runToEnd(service, 'child', { x: 1 });
    const forward = await historyOf(service, executionArn);
    expect(typesOf(forward)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    const reversed = await service.getExecutionHistory({ executionArn, reverseOrder: true });
    expect(reversed.events!.map((event) => event.id)).toEqual([6, 5, 4, 3, 2, 1]);
    const first = await service.getExecutionHistory({ executionArn, maxResults: 4 });
    const rest = await service.getExecutionHistory({ executionArn, maxResults: 4, nextToken: first.nextToken });
    expect([...first.events!, ...rest.events!].map((event) => event.id)).toEqual([1, 2, 3, 4, 5, 6]);
    const noData = await service.getExecutionHistory({ executionArn, includeExecutionData: false });
    expect(noData.events![0]).toMatchObject({ executionStartedEventDetails: { roleArn: expect.any(String) } });
    expect(detailsOf(noData.events![0]!)).not.toHaveProperty('input');
  });

  it('starts a child execution from a task (states:startExecution); a name in use is StepFunctions.ExecutionAlreadyExistsException', async () => {
    const first = await runToEnd(service, 'parent', { childName: 'child-of-1' }, 'parent-1');
    expect(first.description.status).toBe('SUCCEEDED');
    const child = JSON.parse(first.description.output!).child;
    expect(child).toEqual({ ExecutionArn: 'arn:aws:states:us-east-1:000000000000:execution:child:child-of-1', StartDate: expect.any(Number) });
    const childRun = await service.describeExecution({ executionArn: child.ExecutionArn });
    expect(JSON.parse(childRun.input!)).toEqual({ from: 'parent-1' });

    const second = await runToEnd(service, 'parent', { childName: 'child-of-1' }, 'parent-2');
    expect(JSON.parse(second.description.output!).failure.Error).toBe('StepFunctions.ExecutionAlreadyExistsException');
    const failed = detailsOf(second.history.find((event) => event.type === 'TaskFailed')!);
    expect(failed).toMatchObject({ resourceType: 'states', resource: 'startExecution', error: 'StepFunctions.ExecutionAlreadyExistsException' });
  });

  it('runs EXPRESS executions without idempotency and keeps them out of the STANDARD-only APIs', async () => {
    const one = await service.startExecution({ stateMachineArn: arnOf('expressChild'), name: 'same', input: '{}' });
    const two = await service.startExecution({ stateMachineArn: arnOf('expressChild'), name: 'same', input: '{}' });
    expect(one.executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:express:expressChild:same:/);
    expect(two.executionArn).not.toBe(one.executionArn);
    expect(await codeOf(service.describeExecution({ executionArn: one.executionArn }))).toBe('InvalidArn');
    expect(await codeOf(service.listExecutions({ stateMachineArn: arnOf('expressChild') }))).toBe('StateMachineTypeNotSupported');
    await service.idle();
    expect(service.executions({ name: 'same' }).map((run) => run.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  });

  it('shows executions by name with their whole history for the local endpoint', async () => {
    await runToEnd(service, 'child', { orderId: 'o-9' }, 'o-9');
    const [view] = service.executions({ name: 'o-9' });
    expect(view).toMatchObject({
      name: 'o-9',
      stateMachine: 'child',
      stateMachineArn: arnOf('child'),
      status: 'SUCCEEDED',
      input: { orderId: 'o-9' },
      output: { orderId: 'o-9' },
    });
    expect(view!.startDate).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(view!.history.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(view!.history[0]!.timestamp).toMatch(/Z$/);
    expect(JSON.parse(JSON.stringify(view))).toEqual(view); // plain JSON for the HTTP endpoint
  });

  it('close() aborts what runs, and refuses new executions', async () => {
    const { executionArn } = await service.startExecution({ stateMachineArn: arnOf('child'), name: 'cut' });
    await service.close();
    expect((await service.describeExecution({ executionArn })).status).toBe('ABORTED');
    expect(await codeOf(service.startExecution({ stateMachineArn: arnOf('child') }))).toBe('ServiceUnavailable');
    await eventually(async () => typesOf(await historyOf(service, executionArn!)).at(-1) === 'ExecutionAborted');
  });
});
