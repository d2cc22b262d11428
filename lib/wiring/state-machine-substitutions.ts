import type { StateMachineSpec } from './types';

export interface SubstitutionSources {
  functionArn(functionId: string): string;
  stateMachineArn(stateMachineId: string): string;
  tableName: string;
  eventBusName: string;
  /** The partition ARNs are in (`aws`, `aws-cn`, `aws-us-gov`): the stack's `AWS::Partition`. Default `aws` (the local runtime's). */
  partition?: string;
}

/**
 * `${Partition}` in an ASL file: the stack's partition, so that `Resource` ARNs
 * (`arn:${Partition}:states:::lambda:invoke`) are right in every partition, as `AWS::Partition` is
 * in a template. Offered to every file (the stack passes it only to the files that use it).
 */
export const PARTITION_PLACEHOLDER = 'Partition';

/**
 * The `${Placeholder}` → value map of one state machine's ASL file. The stack passes it as
 * `definitionSubstitutions` (values are CDK tokens there); the local runtime applies it to the text.
 */
export function stateMachineSubstitutions(spec: StateMachineSpec, sources: SubstitutionSources): Record<string, string> {
  const substitutions: Record<string, string> = { [PARTITION_PLACEHOLDER]: sources.partition ?? 'aws' };
  for (const [placeholder, functionId] of Object.entries(spec.functionArns)) substitutions[placeholder] = sources.functionArn(functionId);
  for (const [placeholder, machineId] of Object.entries(spec.stateMachineArns ?? {})) substitutions[placeholder] = sources.stateMachineArn(machineId);
  for (const [placeholder, resource] of Object.entries(spec.resourceNames ?? {})) {
    substitutions[placeholder] = resource === 'TableName' ? sources.tableName : sources.eventBusName;
  }
  return substitutions;
}
