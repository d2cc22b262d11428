import { Aws, Fn, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The first group of the stack's id (`arn:…:stack/<name>/<uuid>`): 8 hex digits that CloudFormation
 * picks anew each time the stack is created. A name with it in is known before the resource exists
 * (so other resources can name it without a reference) yet never collides with what an earlier
 * incarnation of the stack left behind — a retained log group, a failed first deploy's leftovers.
 */
export function stackInstanceSuffix(): string {
  return Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));
}

/** `<stack name>-<what>-<instance suffix>`. */
export function stackInstanceName(scope: IConstruct, what: string): string {
  return `${Stack.of(scope).stackName}-${what}-${stackInstanceSuffix()}`;
}
