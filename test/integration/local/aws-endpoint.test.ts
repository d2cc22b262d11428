import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import {
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { eventContract } from '#contracts/events/event-catalogue';
import { exampleDetails } from '#contracts/events/example-events';
import { apiClient, type ApiCall } from '#test/e2e/support/api-client';
import { putProducts } from '#test/e2e/support/catalog-fixture';
import type { E2eTarget } from '#test/e2e/support/e2e-target';
import { eventually } from '#test/e2e/support/eventually';
import { startInProcessRuntimeTarget } from '#test/e2e/support/in-process-runtime-target';
import { orderBody } from '#test/e2e/support/order-requests';
import { runScope } from '#test/e2e/support/run-scope';
import { settledOrder } from '#test/e2e/support/saga-progress';
import { awaitBackgroundToolInstall } from '#test/support/background-tool-install';

interface LocalInfo {
  awsEndpoint: string;
  region: string;
  tableName: string;
  eventBusName: string;
  stateMachines: Record<string, string>;
}

/** The AWS CLI is on PATH (CI installs Debian's awscli when it is missing: .ci/run). */
// CI may still be installing it (.ci/run installs it in the background while the tests run).
awaitBackgroundToolInstall();
const awsCli = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * The runtime's one AWS endpoint (README, "AWS tools against the local runtime"), as a person's tools
 * use it: the SDK v3 clients and the AWS CLI, with any region and any credentials, reading the table,
 * the sagas' histories, putting events that reach the rules' targets, sending e-mail and texts.
 */
describe("the local runtime's AWS endpoint", () => {
  const scope = runScope('aws-endpoint');
  let target: E2eTarget;
  let call: ApiCall;
  let info: LocalInfo;
  let orderId: string;
  const customer = scope.name('customer');
  let token: string;
  // Neither is checked, as on LocalStack: whatever a person's profile holds will do.
  const clientConfig = () => ({ endpoint: info.awsEndpoint, region: 'ap-southeast-2', credentials: { accessKeyId: 'anything', secretAccessKey: 'anything' } });

  const mail = async (): Promise<{ messageId: string; to: string[]; subject: string; text: string; html: string }[]> =>
    (await fetch(`${target.url}/_local/mail`)).json() as never;
  const texts = async (): Promise<{ messageId: string; to: string; body: string }[]> => (await fetch(`${target.url}/_local/sms`)).json() as never;

  /** An order event as the outbox would publish it, for `orderId`: what a person replays with put-events. */
  const orderEvent = (name: 'order.shipped' | 'order.delivered') => {
    const [example] = exampleDetails(name);
    const detail = {
      ...example!,
      id: randomUUID(),
      correlationId: scope.name(`replay-${name}`),
      data: { ...(example!.data as object), orderId, customerId: customer },
    };
    return { Source: eventContract(name).source, DetailType: name, Detail: JSON.stringify(detail), EventBusName: info.eventBusName };
  };

  beforeAll(async () => {
    target = await startInProcessRuntimeTarget({});
    call = apiClient(target.url);
    info = (await (await fetch(`${target.url}/_local/info`)).json()) as LocalInfo;
    token = await target.tokenFor(customer);
    const admin = await target.tokenFor(scope.name('admin'), ['admin']);
    const { beans } = await putProducts(call, admin, scope, { beans: { name: 'Espresso beans 1 kg', price: 2490, stock: 100 } });
    const created = await call('POST', '/api/v1/orders', {
      token,
      body: { ...orderBody(beans), contact: { email: 'success@simulator.amazonses.com', phone: '+447700900123' } },
      headers: { 'idempotency-key': scope.name('order') },
    });
    orderId = created.body.id;
    expect((await settledOrder(call, token, orderId)).status).toBe('confirmed');
  }, 90_000);

  afterAll(async () => {
    await target?.stop();
  });

  it('GET /_local/info names the endpoint, the region, the table, the bus and every state machine', () => {
    expect(info).toEqual({
      awsEndpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      region: expect.any(String),
      tableName: expect.any(String),
      eventBusName: expect.any(String),
      stateMachines: expect.objectContaining({}),
    });
    expect(Object.values(info.stateMachines).length).toBeGreaterThan(0);
    for (const arn of Object.values(info.stateMachines)) expect(arn).toMatch(/^arn:aws:states:[^:]+:\d{12}:stateMachine:/);
  });

  it('DynamoDB: queries an order and scans the table (forwarded to DynamoDB Local), and its stream is described', async () => {
    const dynamoDb = new DynamoDBClient(clientConfig());
    const documents = DynamoDBDocumentClient.from(dynamoDb);
    try {
      const { Items = [] } = await documents.send(
        new QueryCommand({ TableName: info.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `ORDER#${orderId}` } }),
      );
      expect(Items).toEqual(expect.arrayContaining([expect.objectContaining({ sk: 'ORDER', status: 'confirmed', customerId: customer })]));
      const scanned = await documents.send(new ScanCommand({ TableName: info.tableName, Limit: 5 }));
      expect(scanned.Items?.length).toBeGreaterThan(0);
      const { Table } = await dynamoDb.send(new DescribeTableCommand({ TableName: info.tableName }));
      const streams = new DynamoDBStreamsClient(clientConfig());
      try {
        const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: Table!.LatestStreamArn! }));
        expect(StreamDescription?.Shards?.length).toBeGreaterThan(0);
      } finally {
        streams.destroy();
      }
    } finally {
      documents.destroy();
      dynamoDb.destroy();
    }
  });

  it("Step Functions: lists and describes the state machines, and reads an order's saga history", async () => {
    const sfn = new SFNClient(clientConfig());
    try {
      const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
      expect(stateMachines.map((machine) => machine.stateMachineArn).sort()).toEqual(Object.values(info.stateMachines).sort());
      const first = stateMachines[0]!;
      const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: first.stateMachineArn }));
      expect(described).toMatchObject({ stateMachineArn: first.stateMachineArn, status: 'ACTIVE' });
      expect(JSON.parse(described.definition!)).toHaveProperty('States');
      await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${first.stateMachineArn}-missing` }))).rejects.toBeInstanceOf(
        StateMachineDoesNotExist,
      );
      const executions = (await Promise.all(stateMachines.map((machine) => sfn.send(new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn })))))
        .flatMap((page) => page.executions ?? [])
        .filter((execution) => execution.name === orderId);
      expect(executions).toEqual([expect.objectContaining({ status: 'SUCCEEDED' })]);
      const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn: executions[0]!.executionArn }));
      expect(events[0]?.type).toBe('ExecutionStarted');
      expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    } finally {
      sfn.destroy();
    }
  });

  it("EventBridge: an event put on the application's bus reaches its rule's target (order.shipped → one text message)", async () => {
    const events = new EventBridgeClient(clientConfig());
    try {
      const answer = await events.send(new PutEventsCommand({ Entries: [orderEvent('order.shipped')] }));
      expect(answer.FailedEntryCount).toBe(0);
      await eventually(
        async () => {
          expect((await texts()).filter((text) => text.body.includes(orderId))).toEqual([expect.objectContaining({ to: '+447700900123' })]);
        },
        { what: `the shipped text of ${orderId}` },
      );
    } finally {
      events.destroy();
    }
  });

  it('SES v2: SendEmail lands in /_local/mail, its HTML is shown at /_local/mail/{messageId}, and bad content is refused', async () => {
    const ses = new SESv2Client(clientConfig());
    try {
      const { MessageId } = await ses.send(
        new SendEmailCommand({
          FromEmailAddress: 'tools@ordersaga.local',
          Destination: { ToAddresses: ['success@simulator.amazonses.com'] },
          Content: { Simple: { Subject: { Data: 'from the SDK' }, Body: { Text: { Data: 'plain' }, Html: { Data: '<p>html <b>body</b></p>' } } } },
        }),
      );
      expect((await mail()).find((sent) => sent.messageId === MessageId)).toMatchObject({
        subject: 'from the SDK',
        text: 'plain',
        to: ['success@simulator.amazonses.com'],
      });
      const view = await fetch(`${target.url}/_local/mail/${MessageId}`);
      expect(view.headers.get('content-type')).toContain('text/html');
      expect(await view.text()).toContain('<b>body</b>');
      await expect(
        ses.send(new SendEmailCommand({ FromEmailAddress: 'tools@ordersaga.local', Destination: { ToAddresses: ['a@example.com'] }, Content: {} })),
      ).rejects.toMatchObject({ name: 'BadRequestException' });
    } finally {
      ses.destroy();
    }
  });

  it('SNS: Publish to a phone number lands in /_local/sms; a number that is not E.164 is refused', async () => {
    const sns = new SNSClient(clientConfig());
    try {
      const { MessageId } = await sns.send(new PublishCommand({ PhoneNumber: '+14155550100', Message: 'from the SDK' }));
      expect((await texts()).find((text) => text.messageId === MessageId)).toMatchObject({ to: '+14155550100', body: 'from the SDK' });
      await expect(sns.send(new PublishCommand({ PhoneNumber: '0155 555', Message: 'x' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    } finally {
      sns.destroy();
    }
  });

  (awsCli ? describe : describe.skip)(`the AWS CLI${awsCli ? '' : ' (skipped: no `aws` on PATH; .ci/run installs it)'}`, () => {
    // Whatever profile the machine has is left out: any keys do.
    const { AWS_PROFILE: _profile, AWS_DEFAULT_PROFILE: _defaultProfile, AWS_SESSION_TOKEN: _session, ...environment } = process.env;
    const aws = async (...args: string[]): Promise<any> => {
      const { stdout } = await promisify(execFile)('aws', ['--endpoint-url', info.awsEndpoint, '--region', 'us-west-2', '--output', 'json', ...args], {
        env: { ...environment, AWS_ACCESS_KEY_ID: 'anything', AWS_SECRET_ACCESS_KEY: 'anything', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null' },
      });
      return stdout.trim() ? JSON.parse(stdout) : {};
    };

    it("reads an order's items, the state machines and a saga's history", async () => {
      const items = await aws(
        'dynamodb',
        'query',
        '--table-name',
        info.tableName,
        '--key-condition-expression',
        'pk = :pk',
        '--expression-attribute-values',
        JSON.stringify({ ':pk': { S: `ORDER#${orderId}` } }),
      );
      expect(items.Items).toEqual(expect.arrayContaining([expect.objectContaining({ sk: { S: 'ORDER' }, status: { S: 'confirmed' } })]));
      const machines = await aws('stepfunctions', 'list-state-machines');
      expect(machines.stateMachines.map((machine: any) => machine.stateMachineArn).sort()).toEqual(Object.values(info.stateMachines).sort());
      const executions = (
        await Promise.all(Object.values(info.stateMachines).map((arn) => aws('stepfunctions', 'list-executions', '--state-machine-arn', arn)))
      ).flatMap((page) => page.executions as { name: string; executionArn: string }[]);
      const saga = executions.find((execution) => execution.name === orderId)!;
      const history = await aws('stepfunctions', 'get-execution-history', '--execution-arn', saga.executionArn);
      expect(history.events[0].type).toBe('ExecutionStarted');
    }, 120_000);

    it("puts an event that reaches its rule's target (order.delivered → the delivered e-mail), sends e-mail and a text", async () => {
      const put = await aws('events', 'put-events', '--entries', JSON.stringify([orderEvent('order.delivered')]));
      expect(put.FailedEntryCount).toBe(0);
      await eventually(
        async () => {
          const about = (await mail()).filter((sent) => sent.text.includes(orderId) && /deliver/i.test(sent.subject));
          expect(about).toHaveLength(1);
        },
        { what: `the delivered e-mail of ${orderId}` },
      );
      const sent = await aws(
        'sesv2',
        'send-email',
        '--from-email-address',
        'cli@ordersaga.local',
        '--destination',
        JSON.stringify({ ToAddresses: ['success@simulator.amazonses.com'] }),
        '--content',
        JSON.stringify({ Simple: { Subject: { Data: 'from the CLI' }, Body: { Text: { Data: 'cli text' } } } }),
      );
      expect((await mail()).find((message) => message.messageId === sent.MessageId)).toMatchObject({ subject: 'from the CLI' });
      const texted = await aws('sns', 'publish', '--phone-number', '+14155550101', '--message', 'from the CLI');
      expect((await texts()).find((text) => text.messageId === texted.MessageId)).toMatchObject({ to: '+14155550101', body: 'from the CLI' });
    }, 120_000);
  });
});
