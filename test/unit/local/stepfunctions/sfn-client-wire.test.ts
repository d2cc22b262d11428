import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  InvalidToken,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { AwsApiServer } from '#local/aws-api/aws-api-server';
import type { LocalStepFunctions } from '#local/stepfunctions/local-step-functions';
import { arnOf, createService, eventually, FakeFunctions } from './sfn-harness';

/** The service's answers, carried by AWS's JSON protocol, are what an unchanged SFNClient expects. */
describe('LocalStepFunctions behind the AWS JSON protocol, called with SFNClient', () => {
  let service: LocalStepFunctions;
  let server: AwsApiServer;
  let client: SFNClient;
  let functions: FakeFunctions;

  beforeEach(async () => {
    functions = new FakeFunctions({ requestPayment: () => ({ accepted: true }) });
    service = createService([{ id: 'callback', file: 'callback-payment.asl.json' }], { invoker: functions });
    server = new AwsApiServer([
      {
        targetPrefix: 'AWSStepFunctions',
        contentType: 'application/x-amz-json-1.0',
        actions: {
          StartExecution: (input) => service.startExecution(input as never),
          DescribeExecution: (input) => service.describeExecution(input as never),
          GetExecutionHistory: (input) => service.getExecutionHistory(input as never),
          SendTaskSuccess: (input) => service.sendTaskSuccess(input as never),
        },
      },
    ]);
    const endpoint = await server.listen();
    client = new SFNClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  });
  afterEach(async () => {
    client.destroy();
    await service.close();
    await server.close();
  });

  it('starts, completes a task token, describes and reads the history with typed results and errors', async () => {
    const input = JSON.stringify({ orderId: 'o-1', round: 0, rounds: 1 });
    const started = await client.send(new StartExecutionCommand({ stateMachineArn: arnOf('callback'), name: 'o-1', input }));
    expect(started.startDate).toBeInstanceOf(Date);
    expect(Math.abs(started.startDate!.getTime() - Date.now())).toBeLessThan(5000);

    await expect(client.send(new StartExecutionCommand({ stateMachineArn: arnOf('callback'), name: 'o-1', input: '{"other":true}' }))).rejects.toBeInstanceOf(
      ExecutionAlreadyExists,
    );
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: 'bogus', output: '{}' }))).rejects.toBeInstanceOf(InvalidToken);

    const token = await eventually(() => (functions.calls[0]?.event as { taskToken?: string } | undefined)?.taskToken);
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"paymentId":"p-1"}' }));
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);

    const described = await eventually(async () => {
      const current = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
      return current.status === 'SUCCEEDED' && current;
    });
    expect(described.stopDate).toBeInstanceOf(Date);

    const history = await client.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn }));
    expect(history.events![0]).toMatchObject({ id: 1, previousEventId: 0, type: 'ExecutionStarted', executionStartedEventDetails: { input } });
    expect(history.events![0]!.timestamp).toBeInstanceOf(Date);
    const submitted = history.events!.find((event) => event.type === 'TaskSubmitted')!;
    expect(submitted.taskSubmittedEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken' });
  });
});
