import { floorEntrySource, floorName, sdkClientsOf } from '#bench/bare-floor';
import { appWiring } from '#lib/wiring';
import type { FunctionSpec } from '#contracts/wiring';

const spec = (access: FunctionSpec['access']): FunctionSpec => ({
  id: 'f',
  context: 'orders',
  description: '',
  entry: '',
  handler: 'handler',
  memorySize: 512,
  timeoutSeconds: 3,
  access,
});

describe('bare floor (bench/bare-floor.ts)', () => {
  it('derives the SDK clients from the access flags', () => {
    expect(sdkClientsOf(spec({}))).toEqual([]);
    expect(sdkClientsOf(spec({ verifiesTokens: true }))).toEqual([]);
    expect(sdkClientsOf(spec({ table: 'read' }))).toEqual(['DynamoDBClient', 'DynamoDBDocumentClient']);
    expect(sdkClientsOf(spec({ publishEvents: true }))).toEqual(['EventBridgeClient']);
    expect(sdkClientsOf(spec({ stateMachines: [] }))).toEqual([]);
    expect(sdkClientsOf(spec({ table: 'readWrite', stateMachines: ['orderSaga'], verifiesWebhooks: true }))).toEqual([
      'DynamoDBClient',
      'DynamoDBDocumentClient',
      'SFNClient',
      'SecretsManagerClient',
    ]);
    expect(sdkClientsOf(spec({ signsCursors: true }))).toEqual(['SecretsManagerClient']);
    // The customer notifications construct the SES v2 and SNS clients they send through.
    expect(sdkClientsOf(spec({ table: 'read', sendsEmail: true, sendsSms: true }))).toEqual([
      'DynamoDBClient',
      'DynamoDBDocumentClient',
      'SESv2Client',
      'SNSClient',
    ]);
  });

  it('names a floor by its clients', () => {
    expect(floorName([])).toBe('none');
    expect(floorName(['DynamoDBClient', 'DynamoDBDocumentClient'])).toBe('DynamoDBClient+DynamoDBDocumentClient');
  });

  it('writes an entry that imports, constructs and keeps every client', () => {
    const source = floorEntrySource(['DynamoDBClient', 'DynamoDBDocumentClient', 'SFNClient']);
    expect(source).toContain("import { DynamoDBClient } from '@aws-sdk/client-dynamodb';");
    expect(source).toContain("import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';");
    expect(source).toContain('const documents = DynamoDBDocumentClient.from(dynamoDb);');
    expect(source).toContain('export const handler = async () => [dynamoDb, documents, stepFunctions].length;');
    expect(floorEntrySource([])).toBe('export const handler = async () => [].length;\n');
  });

  it('has a floor for every function of the catalogue', () => {
    for (const fn of appWiring.functions) expect(floorName(sdkClientsOf(fn))).toMatch(/^(none|[A-Za-z0-9]+Client(\+[A-Za-z0-9]+Client)*)$/);
  });
});
