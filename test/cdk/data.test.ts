import type { DataTable, DomainEventBus } from '#lib/constructs';
import { loadStageConfig } from '#lib/config';
import { tableDesign } from '#contracts/table-design';
import { buildStack } from './support/test-stack';
import { actionsOf, identityPolicyStatements, logicalIdOf, resource, resourcesOfType } from './support/template-queries';

const dev = buildStack('dev');
const prod = buildStack('prod');
const table = (built: typeof dev) => resource(built.template, logicalIdOf((built.stack.node.findChild('Data') as DataTable).table));

describe('the single table', () => {
  test('is the table design: keys, GSIs, TTL, stream', () => {
    expect(table(dev).Properties).toMatchObject({
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: tableDesign.globalSecondaryIndexes.map((gsi) => ({
        IndexName: gsi.indexName,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: tableDesign.stream },
    });
  });

  test('is on-demand, point-in-time recoverable and encrypted with KMS', () => {
    expect(table(dev).Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  test('prod retains it and protects it from deletion; dev does neither', () => {
    expect(table(prod)).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { DeletionProtectionEnabled: true } });
    expect(table(dev)).toMatchObject({ DeletionPolicy: 'Delete', Properties: { DeletionProtectionEnabled: false } });
  });

  test('with a customer-managed key: the key rotates, and grants name exact KMS actions', () => {
    const config = { ...loadStageConfig('dev'), tableEncryption: 'customer-managed' as const };
    const { template } = buildStack('dev', { config });
    const [[keyId, key]] = resourcesOfType(template, 'AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
    const kmsActions = identityPolicyStatements(template)
      .flatMap(({ statement }) => actionsOf(statement))
      .filter((a) => a.startsWith('kms:'));
    expect(kmsActions.length).toBeGreaterThan(0);
    expect(kmsActions.filter((action) => action.includes('*'))).toEqual([]);
  });
});

describe('the domain event bus', () => {
  const bus = (built: typeof dev) => built.stack.node.findChild('Events') as DomainEventBus;

  test('is a custom bus with a fixed name, archived for replay with the stage retention', () => {
    expect(resource(dev.template, logicalIdOf(bus(dev).bus)).Properties.Name).toBe('ordersaga-dev');
    const [[, archive]] = resourcesOfType(dev.template, 'AWS::Events::Archive');
    expect(archive.Properties).toMatchObject({
      SourceArn: { 'Fn::GetAtt': [logicalIdOf(bus(dev).bus), 'Arn'] },
      RetentionDays: dev.config.eventArchiveRetentionDays,
      EventPattern: { account: [{ Ref: 'AWS::AccountId' }] },
    });
  });

  test('prod retains every log group, dev deletes them; the archive goes with its bus in every stage (a retained archive keeps a rule on the bus, which then cannot be deleted)', () => {
    for (const built of [prod, dev]) {
      const [[, archive]] = resourcesOfType(built.template, 'AWS::Events::Archive');
      const busResource = resource(built.template, logicalIdOf(bus(built).bus));
      expect({ archive: archive.DeletionPolicy, bus: busResource.DeletionPolicy }).toEqual({ archive: 'Delete', bus: 'Delete' });
    }
    for (const [, logs] of resourcesOfType(prod.template, 'AWS::Logs::LogGroup')) {
      expect(logs.DeletionPolicy).toBe('Retain');
      expect(logs.Properties.RetentionInDays).toBe(prod.config.logRetentionDays);
    }
    for (const [, logs] of resourcesOfType(dev.template, 'AWS::Logs::LogGroup')) expect(logs.DeletionPolicy).toBe('Delete');
  });
});
