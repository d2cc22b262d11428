import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * State machines get fixed names, so their ARNs are known before they exist: functions receive them as
 * environment variables and grants without a reference to the machine, and a machine's task may then
 * be a function that also starts or answers that machine without a dependency cycle.
 */
export function stateMachineName(scope: IConstruct, stateMachineId: string): string {
  return `${Stack.of(scope).stackName}-${stateMachineId}`;
}

export function stateMachineArn(scope: IConstruct, stateMachineId: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: stateMachineName(scope, stateMachineId),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

export function stateMachineArns(scope: IConstruct, stateMachineIds: string[]): Record<string, string> {
  return Object.fromEntries(stateMachineIds.map((id) => [id, stateMachineArn(scope, id)]));
}
