import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { placedOrderOf } from '#saga/adapters/order-change-records';
import { handler } from '#saga/handlers/follow-order-changes';
import { lambdaContext } from '#test/support/api-gateway-event';

const sfn = mockClient(SFNClient);
const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:order-saga';

let sequence = 0;
function streamRecord(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', image: Record<string, string>): DynamoDBRecord {
  sequence += 1;
  const attributes = Object.fromEntries(Object.entries(image).map(([name, value]) => [name, { S: value }]));
  return {
    eventID: `event-${sequence}`,
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      SequenceNumber: String(1000 + sequence),
      Keys: { pk: attributes.pk!, sk: attributes.sk! },
      NewImage: eventName === 'REMOVE' ? undefined : attributes,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}
const orderInsert = (orderId: string) =>
  streamRecord('INSERT', { pk: `ORDER#${orderId}`, sk: 'ORDER', entity: 'order', id: orderId, correlationId: `corr-${orderId}` });
const run = (...records: DynamoDBRecord[]) => handler({ Records: records } as DynamoDBStreamEvent, lambdaContext());

beforeEach(() => {
  sfn.reset();
  process.env.ORDER_SAGA_STATE_MACHINE_ARN = STATE_MACHINE_ARN;
  process.env.ORDER_PAYMENT_AUTHORIZATION_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:orderPaymentAuthorization';
});

describe('follow-order-changes: the saga start of placed orders (DynamoDB stream consumer)', () => {
  it('starts one execution per new order, named after the order', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:execution', startDate: new Date() });
    const result = await run(orderInsert('O1'), orderInsert('O2'));
    expect(result).toEqual({ batchItemFailures: [] });
    const calls = sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input);
    expect(calls).toEqual(
      expect.arrayContaining([
        { stateMachineArn: STATE_MACHINE_ARN, name: 'O1', input: JSON.stringify({ orderId: 'O1', correlationId: 'corr-O1' }) },
        { stateMachineArn: STATE_MACHINE_ARN, name: 'O2', input: JSON.stringify({ orderId: 'O2', correlationId: 'corr-O2' }) },
      ]),
    );
    expect(calls).toHaveLength(2);
  });

  it('ignores everything that is not the insertion of an order', async () => {
    const records = [
      streamRecord('MODIFY', { pk: 'ORDER#O1', sk: 'ORDER', entity: 'order', id: 'O1' }),
      streamRecord('REMOVE', { pk: 'ORDER#O1', sk: 'ORDER' }),
      streamRecord('INSERT', { pk: 'PAYMENT#P1', sk: 'PAYMENT', entity: 'payment', id: 'P1' }),
      streamRecord('INSERT', { pk: 'IDEMPOTENCY#orders.createOrder#abc', sk: 'IDEMPOTENCY', status: 'INPROGRESS' }),
      streamRecord('INSERT', { pk: 'ORDER_REQUEST#cust-1#key', sk: 'ORDER_REQUEST', entity: 'order_request', orderId: 'O1' }),
      streamRecord('INSERT', { pk: 'PRODUCT#A', sk: 'PRODUCT', entity: 'product', sku: 'A' }),
    ];
    expect(records.map(placedOrderOf)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(await run(...records)).toEqual({ batchItemFailures: [] });
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('treats ExecutionAlreadyExists as started: a redelivered record starts nothing twice', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} }));
    expect(await run(orderInsert('O1'))).toEqual({ batchItemFailures: [] });
  });

  it('reports exactly the records whose start failed, for Lambda to retry', async () => {
    const failing = orderInsert('O-FAIL');
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:execution', startDate: new Date() });
    sfn.on(StartExecutionCommand, { name: 'O-FAIL' }).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const result = await run(orderInsert('O-OK'), failing, orderInsert('O-OK2'));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: failing.dynamodb!.SequenceNumber }] });
  });

  it('fails the whole batch when the state machine ARN is not configured', async () => {
    delete process.env.ORDER_SAGA_STATE_MACHINE_ARN;
    await expect(run(orderInsert('O1'))).rejects.toThrow('ORDER_SAGA_STATE_MACHINE_ARN is not set');
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });
});
