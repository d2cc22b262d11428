import { RemovalPolicy } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { StageConfig } from '../config';

/** Data and logs outlive the stack where the stage says so (prod); elsewhere they go with it. */
export const dataRemovalPolicy = (config: Pick<StageConfig, 'retainData'>): RemovalPolicy => (config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);

/** The schema only admits CloudWatch's own values, so the number maps one to one onto the enum. */
export const logRetention = (config: Pick<StageConfig, 'logRetentionDays'>): RetentionDays => config.logRetentionDays as RetentionDays;
