import type { StateMachineSpec } from './types';

export interface SubstitutionSources {
  functionArn(functionId: string): string;
  stateMachineArn(stateMachineId: string): string;
  tableName: string;
  eventBusName: string;
}

/**
 * The `${Placeholder}` → value map of one state machine's ASL file. The stack passes it as
 * `definitionSubstitutions` (values are CDK tokens there); the local runtime applies it to the text.
 */
export function stateMachineSubstitutions(spec: StateMachineSpec, sources: SubstitutionSources): Record<string, string> {
  const substitutions: Record<string, string> = {};
  for (const [placeholder, functionId] of Object.entries(spec.functionArns)) substitutions[placeholder] = sources.functionArn(functionId);
  for (const [placeholder, machineId] of Object.entries(spec.stateMachineArns ?? {})) substitutions[placeholder] = sources.stateMachineArn(machineId);
  for (const [placeholder, resource] of Object.entries(spec.resourceNames ?? {})) {
    substitutions[placeholder] = resource === 'TableName' ? sources.tableName : sources.eventBusName;
  }
  return substitutions;
}
