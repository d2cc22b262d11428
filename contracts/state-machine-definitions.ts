import type { StateMachineSpec } from './wiring';

/**
 * A state machine's ASL file and its `${Placeholder}`s, as CloudFormation's DefinitionSubstitutions
 * replaces them (AWS docs, "AWS::StepFunctions::StateMachine", DefinitionSubstitutions). The stack
 * passes the substitutions to CloudFormation (their values are CDK tokens there); the local runtime
 * applies the same substitutions to the same text itself. Both get them from definitionSubstitutions.
 */

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
 * in a template. Offered to every file; a file without Resource ARNs of its own need not take it.
 */
export const PARTITION_PLACEHOLDER = 'Partition';

const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

export function aslPlaceholders(definition: string): Set<string> {
  return new Set([...definition.matchAll(PLACEHOLDER)].map((match) => match[1]!));
}

/** Every substitution a StateMachineSpec offers, whether or not its file uses it. */
export function stateMachineSubstitutions(spec: StateMachineSpec, sources: SubstitutionSources): Record<string, string> {
  const substitutions: Record<string, string> = { [PARTITION_PLACEHOLDER]: sources.partition ?? 'aws' };
  for (const [placeholder, functionId] of Object.entries(spec.functionArns)) substitutions[placeholder] = sources.functionArn(functionId);
  for (const [placeholder, machineId] of Object.entries(spec.stateMachineArns ?? {})) substitutions[placeholder] = sources.stateMachineArn(machineId);
  for (const [placeholder, resource] of Object.entries(spec.resourceNames ?? {})) {
    substitutions[placeholder] = resource === 'TableName' ? sources.tableName : sources.eventBusName;
  }
  return substitutions;
}

/**
 * Fails when the ASL uses a placeholder nothing substitutes (it would deploy a broken machine) or
 * when a substitution names a placeholder the ASL no longer has (the wiring has drifted).
 */
export function assertSubstitutionsMatch(file: string, definition: string, substitutions: Record<string, string>): void {
  const used = aslPlaceholders(definition);
  const missing = [...used].filter((name) => !(name in substitutions));
  const unused = Object.keys(substitutions).filter((name) => !used.has(name));
  if (missing.length > 0) throw new Error(`${file} uses \${${missing.join('}, ${')}} but the StateMachineSpec substitutes none of them`);
  if (unused.length > 0) throw new Error(`the StateMachineSpec for ${file} substitutes ${unused.join(', ')}, which the file does not use`);
}

/** The substitutions of one ASL text: exactly the placeholders it uses, each with its value. */
export function definitionSubstitutions(spec: StateMachineSpec, definition: string, sources: SubstitutionSources): Record<string, string> {
  const substitutions = stateMachineSubstitutions(spec, sources);
  if (!aslPlaceholders(definition).has(PARTITION_PLACEHOLDER)) delete substitutions[PARTITION_PLACEHOLDER];
  assertSubstitutionsMatch(spec.file, definition, substitutions);
  return substitutions;
}

/** The ASL text with its substitutions applied, as Step Functions does at deployment. */
export function substitutedDefinition(spec: StateMachineSpec, definition: string, sources: SubstitutionSources): string {
  const substitutions = definitionSubstitutions(spec, definition, sources);
  return definition.replace(PLACEHOLDER, (_placeholder, name: string) => substitutions[name]!);
}
