import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { interpretStreamBatchResult } from '#local/dynamodb/stream-batch-outcome';
import { lambdaEventSourceArn, toLambdaAttributeValue, toLambdaStreamRecord } from '#local/dynamodb/stream-lambda-record';

describe('toLambdaStreamRecord', () => {
  it('writes every attribute type as Lambda JSON, binary as base64', () => {
    const bytes = new Uint8Array([1, 2, 255]);
    expect(
      toLambdaAttributeValue({
        M: {
          s: { S: 'text' },
          n: { N: '1.5' },
          b: { B: bytes },
          ss: { SS: ['x', 'y'] },
          ns: { NS: ['1', '2'] },
          bs: { BS: [bytes] },
          l: { L: [{ BOOL: true }, { NULL: true }, { M: { inner: { B: bytes } } }] },
        },
      }),
    ).toEqual({
      M: {
        s: { S: 'text' },
        n: { N: '1.5' },
        b: { B: 'AQL/' },
        ss: { SS: ['x', 'y'] },
        ns: { NS: ['1', '2'] },
        bs: { BS: ['AQL/'] },
        l: { L: [{ BOOL: true }, { NULL: true }, { M: { inner: { B: 'AQL/' } } }] },
      },
    });
  });

  it('gives ApproximateCreationDateTime in epoch seconds and omits images the view type lacks', () => {
    const record: _Record = {
      eventID: 'id-1',
      eventName: 'REMOVE',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      dynamodb: {
        ApproximateCreationDateTime: new Date('2024-03-13T10:07:00Z'),
        Keys: { pk: { S: 'ORDER#1' }, sk: { S: 'ORDER' } },
        OldImage: { pk: { S: 'ORDER#1' }, sk: { S: 'ORDER' }, total: { N: '10' } },
        SequenceNumber: '000000000000000000042',
        SizeBytes: 40,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    };
    const lambdaRecord = toLambdaStreamRecord(record, { eventSourceArn: 'arn:stream', awsRegion: 'us-east-1', isTtlDeletion: true });
    expect(lambdaRecord).toEqual({
      eventID: 'id-1',
      eventName: 'REMOVE',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: 1710324420,
        Keys: { pk: { S: 'ORDER#1' }, sk: { S: 'ORDER' } },
        OldImage: { pk: { S: 'ORDER#1' }, sk: { S: 'ORDER' }, total: { N: '10' } },
        SequenceNumber: '000000000000000000042',
        SizeBytes: 40,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: 'arn:stream',
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
    });
    expect('NewImage' in lambdaRecord.dynamodb).toBe(false);
  });

  it("puts the local region in place of DynamoDB Local's ddblocal", () => {
    expect(lambdaEventSourceArn('arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2024', 'us-east-1')).toBe(
      'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2024',
    );
    expect(lambdaEventSourceArn('arn:aws:dynamodb:eu-west-1:123:table/t/stream/2024', 'us-east-1')).toBe('arn:aws:dynamodb:eu-west-1:123:table/t/stream/2024');
  });
});

describe('interpretStreamBatchResult', () => {
  const sequenceNumbers = ['1', '2', '3'];
  const ok = (payload: unknown) => ({ ok: true as const, payload, durationMs: 1 });

  it.each([
    ['no payload', undefined],
    ['null', null],
    ['an empty object', {}],
    ['a null list', { batchItemFailures: null }],
    ['an empty list', { batchItemFailures: [] }],
    ['an unrelated value', 'done'],
  ])('a response with %s is a complete success', (_name, payload) => {
    expect(interpretStreamBatchResult(ok(payload), sequenceNumbers)).toEqual({ kind: 'success' });
  });

  it('retries from the lowest reported sequence number', () => {
    expect(interpretStreamBatchResult(ok({ batchItemFailures: [{ itemIdentifier: '3' }, { itemIdentifier: '2' }] }), sequenceNumbers)).toEqual({
      kind: 'partialFailure',
      failedIndex: 1,
    });
  });

  it.each([
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null itemIdentifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a wrong key name', { batchItemFailures: [{ itemId: '2' }] }],
    ['a sequence number not in the batch', { batchItemFailures: [{ itemIdentifier: '9' }] }],
    ['a list that is not a list', { batchItemFailures: 'all' }],
  ])('%s fails the whole batch', (_name, payload) => {
    expect(interpretStreamBatchResult(ok(payload), sequenceNumbers).kind).toBe('failure');
  });

  it('a function error fails the whole batch', () => {
    expect(
      interpretStreamBatchResult({ ok: false, durationMs: 1, error: { errorType: 'TypeError', errorMessage: 'x is undefined' } }, sequenceNumbers),
    ).toEqual({
      kind: 'failure',
      reason: 'TypeError: x is undefined',
    });
  });
});
