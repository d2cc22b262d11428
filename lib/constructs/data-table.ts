import { AttributeType, BillingMode, type ITable, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import type { TableDesign } from '../wiring';
import { denyGrantsExceptForAwsServices } from './kms-key-policies';
import { acknowledgeNagRules, nagArnOf, wildcardResource } from './nag-acknowledgements';
import { dataRemovalPolicy } from './stage-policies';

export interface DataTableProps {
  readonly design: TableDesign;
  readonly config: Pick<StageConfig, 'retainData' | 'deletionProtection' | 'tableEncryption'> & Partial<Pick<StageConfig, 'capacity'>>;
}

/**
 * The one DynamoDB table of the single-table design: on-demand, point-in-time recovery, encrypted,
 * TTL for expiring records (idempotency keys), a stream for the outbox/consumers, and the GSIs the
 * design lists. Grants go through this construct so that a customer-managed key never brings in
 * wildcard KMS actions (see grantKeyUse).
 */
export class DataTable extends Construct {
  readonly table: Table;
  readonly encryptionKey?: Key;
  /** The same table seen without its key, so that table grants carry DynamoDB actions only. */
  private readonly unkeyed: ITable;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    const { design, config } = props;
    const removalPolicy = dataRemovalPolicy(config);

    if (config.tableEncryption === 'customer-managed') {
      this.encryptionKey = new Key(this, 'Key', {
        description: 'ordersaga table encryption',
        enableKeyRotation: true,
        removalPolicy,
      });
      denyGrantsExceptForAwsServices(this.encryptionKey);
    }
    const warmWrites = config.capacity?.tableWarmWriteUnitsPerSecond;

    this.table = new Table(this, 'Table', {
      partitionKey: { name: design.partitionKey, type: AttributeType.STRING },
      sortKey: { name: design.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: this.encryptionKey ? TableEncryption.CUSTOMER_MANAGED : TableEncryption.AWS_MANAGED,
      encryptionKey: this.encryptionKey,
      timeToLiveAttribute: design.timeToLiveAttribute,
      stream: StreamViewType[design.stream],
      deletionProtection: config.deletionProtection,
      // Pre-warmed where the capacity model's bursts need more than a new on-demand table serves
      // ("Understanding DynamoDB warm throughput"); on-demand billing is unchanged.
      ...(warmWrites ? { warmThroughput: { writeUnitsPerSecond: warmWrites } } : {}),
      removalPolicy,
    });
    for (const index of design.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }

    this.unkeyed = Table.fromTableAttributes(this, 'Unkeyed', {
      tableArn: this.table.tableArn,
      tableStreamArn: this.table.tableStreamArn,
      globalIndexes: design.globalSecondaryIndexes.map((index) => index.indexName),
    });
  }

  get tableName(): string {
    return this.table.tableName;
  }

  /** The table's data actions for reading (its GSIs included), and decrypting with its key where it has one. */
  grantReadData(grantee: IGrantable): Grant {
    const grant = this.unkeyed.grantReadData(grantee);
    this.acknowledgeIndexGrant(grantee);
    return this.withKeyUse(grant, grantee, 'kms:Decrypt', 'kms:DescribeKey');
  }

  /** The table's data actions for reading and writing (its GSIs included), and using its key where it has one. */
  grantReadWriteData(grantee: IGrantable): Grant {
    const grant = this.unkeyed.grantReadWriteData(grantee);
    this.acknowledgeIndexGrant(grantee);
    return this.withKeyUse(grant, grantee, 'kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey');
  }

  /** Data access includes the GSIs, whose ARNs are `<table>/index/<name>`: that `*` is the one wildcard. */
  private acknowledgeIndexGrant(grantee: IGrantable): void {
    if (!Construct.isConstruct(grantee)) return;
    acknowledgeNagRules(
      grantee,
      wildcardResource(
        `${nagArnOf(this.table)}/index/*`,
        "Queries on the single table's GSIs (index ARNs are <table>/index/<name>); the actions are the exact DynamoDB data actions of Table.grant*.",
      ),
    );
  }

  /** Exact KMS actions on the table key, instead of the `kms:GenerateDataKey*`-style sets of Table.grant*. */
  private withKeyUse(grant: Grant, grantee: IGrantable, ...actions: string[]): Grant {
    return this.encryptionKey ? grant.combine(this.encryptionKey.grant(grantee, ...actions)) : grant;
  }
}
