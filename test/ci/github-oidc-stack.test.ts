import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { scratchDir } from '#test/support/scratch-dirs';
import { GitHubOidcConfigError, GitHubOidcStack, type GitHubOidcStackProps } from '../../infra/github-oidc/github-oidc-stack';

/**
 * The one-time bootstrap stack that lets a fork's workflows deploy. Nothing in it is bundled, so it
 * synthesizes offline in milliseconds.
 */
const REPOSITORY = 'my-org/ordersaga';

const newApp = () => new App({ outdir: scratchDir('ordersaga-cdk-') });

function synth(props: Partial<GitHubOidcStackProps> = {}, app = newApp()): { stack: GitHubOidcStack; template: Template } {
  const stack = new GitHubOidcStack(app, 'OrderSaga-GitHubOidc', { repository: REPOSITORY, ...props });
  return { stack, template: Template.fromStack(stack) };
}

const { stack, template } = synth();
const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
const roleResource = (id: string) =>
  template.toJSON().Resources[id] as { Properties: { AssumeRolePolicyDocument: { Statement: unknown[] }; ManagedPolicyArns?: unknown } };

/** Every statement of every inline policy attached to a role. */
function statementsOf(roleId: string): { Action: string | string[]; Resource: unknown; Condition?: unknown; Effect: string }[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
    Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: never[] } };
  }[];
  return policies
    .filter((policy) => policy.Properties.Roles.some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

/** A `Fn::Join` ARN with its pseudo parameters spelled `${AWS::…}`, as a reader would write it. */
function arnText(value: unknown): string {
  if (typeof value === 'string') return value;
  const parts = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return parts.map((part) => (typeof part === 'string' ? part : `\${${(part as { Ref: string }).Ref}}`)).join('');
}

describe('the GitHub OIDC bootstrap stack', () => {
  test("creates the account's provider for GitHub's issuer, with STS as the only audience", () => {
    template.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    template.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] });
  });

  test("the deploy role trusts only the repository's main branch and its prod environment, with the STS audience", () => {
    expect(roleResource(logicalId(stack.deployRole)).Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: { Ref: logicalId(stack.provider as never) } },
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': ['repo:my-org/ordersaga:ref:refs/heads/main', 'repo:my-org/ordersaga:environment:prod'],
          },
        },
      },
    ]);
  });

  test('the deploy role may only assume the cdk bootstrap roles of its own account', () => {
    const deployRole = logicalId(stack.deployRole);
    expect(roleResource(deployRole).Properties.ManagedPolicyArns).toBeUndefined();
    const statements = statementsOf(deployRole);
    expect(statements).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Resource: expect.anything() }]);
    expect(arnText(statements[0]!.Resource)).toBe('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cdk-hnb659fds-*-role-${AWS::AccountId}-*');
  });

  test("the e2e role trusts only main, and may only read the e2e stack's tap queue and that stack's secrets", () => {
    const e2eRole = logicalId(stack.e2eRole);
    expect(roleResource(e2eRole).Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': ['repo:my-org/ordersaga:ref:refs/heads/main'],
          },
        },
      }),
    ]);
    expect(roleResource(e2eRole).Properties.ManagedPolicyArns).toBeUndefined();
    const statements = statementsOf(e2eRole).map((statement) => ({ ...statement, Resource: arnText(statement.Resource) }));
    expect(statements).toEqual([
      {
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
        Effect: 'Allow',
        Resource: 'arn:${AWS::Partition}:sqs:*:${AWS::AccountId}:OrderSaga-localstack-EventsTestTap-*',
      },
      {
        Action: 'secretsmanager:GetSecretValue',
        Effect: 'Allow',
        Resource: 'arn:${AWS::Partition}:secretsmanager:*:${AWS::AccountId}:secret:*',
        Condition: { StringEquals: { 'secretsmanager:ResourceTag/aws:cloudformation:stack-name': 'OrderSaga-localstack' } },
      },
    ]);
  });

  test('the role ARNs are outputs, to copy into the repository variables', () => {
    template.hasOutput('DeployRoleArn', { Value: { 'Fn::GetAtt': [logicalId(stack.deployRole), 'Arn'] } });
    template.hasOutput('E2eRoleArn', { Value: { 'Fn::GetAtt': [logicalId(stack.e2eRole), 'Arn'] } });
  });

  test("another branch, environment or bootstrap qualifier is the deployer's choice", () => {
    const custom = synth({ branch: 'trunk', prodEnvironment: 'production', bootstrapQualifier: 'acme1' });
    custom.template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Condition: {
              StringEquals: Match.objectLike({
                'token.actions.githubusercontent.com:sub': ['repo:my-org/ordersaga:ref:refs/heads/trunk', 'repo:my-org/ordersaga:environment:production'],
              }),
            },
          }),
        ],
      },
    });
    expect(JSON.stringify(custom.template.toJSON())).toContain(':role/cdk-acme1-*-role-');
  });

  test("an account that already has GitHub's provider uses it instead of creating a second", () => {
    const existing = synth({ existingProvider: true });
    existing.template.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    const trust = JSON.stringify(
      existing.template.toJSON().Resources[existing.stack.getLogicalId(existing.stack.deployRole.node.defaultChild as never)].Properties
        .AssumeRolePolicyDocument,
    );
    expect(trust).toContain(':oidc-provider/token.actions.githubusercontent.com');
  });

  test.each([
    [{ repository: 'ordersaga' }, /not a GitHub repository: give it as owner\/name/],
    [{ repository: 'my-org/*' }, /not a GitHub repository/],
    [{ branch: 'release/*' }, /branch "release\/\*" is not one plain name/],
    [{ bootstrapQualifier: 'Not-Valid' }, /not a cdk bootstrap qualifier/],
  ])('refuses a setting that would widen or break the trust (%#)', (props, message) => {
    expect(() => synth(props)).toThrow(GitHubOidcConfigError);
    expect(() => synth(props)).toThrow(message);
  });

  test('passes cdk-nag (AwsSolutions), each wildcard acknowledged with its reason', () => {
    const app = newApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    synth({}, app);
    expect(() => app.synth()).not.toThrow();
  });
});
