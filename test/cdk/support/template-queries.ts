import { Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';

/** Small readers over a synthesized template, so the tests say what they check rather than how. */

export interface CfnResource {
  Type: string;
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export function resourcesOfType(template: Template, type: string): [string, CfnResource][] {
  return Object.entries(template.toJSON().Resources as Record<string, CfnResource>).filter(([, resource]) => resource.Type === type);
}

export function resource(template: Template, logicalId: string): CfnResource {
  const found = (template.toJSON().Resources as Record<string, CfnResource>)[logicalId];
  if (!found) throw new Error(`no resource ${logicalId}`);
  return found;
}

export function logicalIdOf(construct: IConstruct): string {
  const cfn = construct.node.defaultChild ?? construct;
  return Stack.of(construct).getLogicalId(cfn as any);
}

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
}

export const actionsOf = (statement: PolicyStatement): string[] => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);

/** Every identity-policy statement in the template: inline role policies, AWS::IAM::Policy, managed policies. */
export function identityPolicyStatements(template: Template): { owner: string; statement: PolicyStatement }[] {
  const out: { owner: string; statement: PolicyStatement }[] = [];
  for (const [id, policy] of [...resourcesOfType(template, 'AWS::IAM::Policy'), ...resourcesOfType(template, 'AWS::IAM::ManagedPolicy')]) {
    for (const statement of policy.Properties.PolicyDocument.Statement) out.push({ owner: id, statement });
  }
  for (const [id, role] of resourcesOfType(template, 'AWS::IAM::Role')) {
    for (const policy of role.Properties.Policies ?? []) for (const statement of policy.PolicyDocument.Statement) out.push({ owner: id, statement });
  }
  return out;
}

/** The statements of the policies attached to one role (by the role's logical id). */
export function statementsOfRole(template: Template, roleLogicalId: string): PolicyStatement[] {
  return resourcesOfType(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleLogicalId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as PolicyStatement[]);
}

/** `GET /api/v1/orders/{id}` for every non-OPTIONS method, rebuilt from the resource tree. */
export function apiMethods(template: Template): { key: string; method: CfnResource }[] {
  const resources = Object.fromEntries(resourcesOfType(template, 'AWS::ApiGateway::Resource'));
  const pathOf = (ref: unknown): string => {
    const id = (ref as { Ref?: string }).Ref;
    if (!id || !resources[id]) return '';
    return `${pathOf(resources[id].Properties.ParentId)}/${resources[id].Properties.PathPart}`;
  };
  return resourcesOfType(template, 'AWS::ApiGateway::Method')
    .filter(([, method]) => method.Properties.HttpMethod !== 'OPTIONS')
    .map(([, method]) => ({ key: `${method.Properties.HttpMethod} ${pathOf(method.Properties.ResourceId) || '/'}`, method }));
}
