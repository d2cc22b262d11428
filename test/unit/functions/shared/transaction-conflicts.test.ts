import { Readable } from 'node:stream';
import { DynamoDBClient, PutItemCommand, TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { isTransactionConflict, retryTransactionConflicts } from '#shared/aws/transaction-conflicts';
import { apiHandler } from '#shared/http/api-handler';
import { transactionCanceledAnswer, transactionConflictAnswer } from '#local/dynamodb/transaction-conflicts';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';

const conflict = () => new TransactionConflictException({ message: 'Transaction is ongoing for the item', $metadata: {} });
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

describe('isTransactionConflict', () => {
  test.each([
    ['a single-item write that met a transaction', conflict(), true],
    ['a transaction cancelled by a conflict on one of its items', cancelled('None', 'TransactionConflict'), true],
    ['a transaction whose condition failed', cancelled('ConditionalCheckFailed', 'None'), false],
    ['a transaction whose condition failed beside a conflict', cancelled('ConditionalCheckFailed', 'TransactionConflict'), false],
    ['a transaction cancelled for throttling', cancelled('ThrottlingError'), false],
    ['any other error', new Error('boom'), false],
    ['nothing', undefined, false],
  ])('%s', (_what, error, expected) => {
    expect(isTransactionConflict(error)).toBe(expected);
  });
});

/** A DynamoDB client whose requests are answered, in turn, by the given (status, JSON body) pairs. */
function scriptedClient(answers: [number, string][], options: { maxAttempts?: number } = {}) {
  const sent: string[] = [];
  const waits: number[] = [];
  const client = new DynamoDBClient({
    region: 'eu-west-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        sent.push(request.headers['x-amz-target']!);
        const [statusCode, body] = answers.shift() ?? [200, '{}'];
        return { response: { statusCode, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Readable.from([Buffer.from(body)]) } };
      },
    } as never,
  });
  retryTransactionConflicts(client, {
    ...options,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { client, sent, waits };
}

const put = new PutItemCommand({ TableName: 't', Item: { pk: { S: 'a' }, sk: { S: 'b' } } });

describe('retryTransactionConflicts (the DynamoDB client of every function)', () => {
  test('sends a write that met a transaction again, with growing jittered waits, until it goes through', async () => {
    const { client, sent, waits } = scriptedClient([
      [400, transactionConflictAnswer()],
      [400, transactionConflictAnswer()],
      [200, '{}'],
    ]);
    await expect(client.send(put)).resolves.toBeDefined();
    expect(sent).toEqual(['DynamoDB_20120810.PutItem', 'DynamoDB_20120810.PutItem', 'DynamoDB_20120810.PutItem']);
    // Full jitter over 20 ms, then 40 ms (random() = 0.5).
    expect(waits).toEqual([10, 20]);
  });

  test('retries a transaction cancelled by a conflict, through a document client made from it', async () => {
    const { client, sent } = scriptedClient([
      [400, transactionCanceledAnswer(2, 1)],
      [200, '{}'],
    ]);
    const documents = DynamoDBDocumentClient.from(client);
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [{ Put: { TableName: 't', Item: { pk: 'a', sk: 'b' } } }, { Put: { TableName: 't', Item: { pk: 'c', sk: 'd' } } }],
      }),
    );
    expect(sent).toHaveLength(2);
  });

  test('hands the caller the conflict once the attempts are spent, with its cancellation reasons', async () => {
    const { client, sent } = scriptedClient(
      Array.from({ length: 3 }, () => [400, transactionCanceledAnswer(3, 0)] as [number, string]),
      { maxAttempts: 3 },
    );
    const error = await client.send(put).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.map((reason) => reason.Code)).toEqual(['TransactionConflict', 'None', 'None']);
    expect(sent).toHaveLength(3);
  });

  test('never repeats a request whose condition failed: that is an answer, not contention', async () => {
    const conditionFailed = JSON.stringify({
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      Message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]',
      CancellationReasons: [{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }],
    });
    const { client, sent } = scriptedClient([[400, conditionFailed]]);
    await expect(client.send(put)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(sent).toHaveLength(1);
  });
});

describe('an API handler whose request kept meeting a transaction', () => {
  test('answers 409 problem+json with Retry-After, never a 500', async () => {
    const handler = apiHandler(async () => {
      throw cancelled('TransactionConflict', 'None');
    });
    const answer = await handler(apiGatewayEvent({ method: 'POST', path: '/api/v1/orders/X/cancel' }), lambdaContext());
    expect(answer.statusCode).toBe(409);
    expect(answer.headers).toMatchObject({ 'content-type': 'application/problem+json', 'retry-after': '1' });
    expect(JSON.parse(answer.body)).toMatchObject({ type: 'urn:ordersaga:problem:concurrent-update', status: 409 });
  });
});
