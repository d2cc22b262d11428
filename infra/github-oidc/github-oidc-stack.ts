import { Aws, CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { type IOidcProvider, OidcProviderNative, PolicyStatement, Role, WebIdentityPrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/** GitHub Actions' OIDC issuer, without the scheme, as IAM condition keys spell it. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** The audience aws-actions/configure-aws-credentials asks GitHub to put in the token. */
export const STS_AUDIENCE = 'sts.amazonaws.com';
/** The qualifier `cdk bootstrap` uses unless told otherwise. */
export const DEFAULT_BOOTSTRAP_QUALIFIER = 'hnb659fds';

export interface GitHubOidcStackProps extends StackProps {
  /** `owner/name` of the GitHub repository whose workflows may deploy (the fork). */
  repository: string;
  /** The branch whose pushes deploy `dev` and run the e2e suite (default `main`). */
  branch?: string;
  /** The GitHub environment, with required reviewers, that deploys `prod` (default `prod`). */
  prodEnvironment?: string;
  /** The `cdk bootstrap` qualifier of the account (default `hnb659fds`). */
  bootstrapQualifier?: string;
  /** The account already has GitHub's OIDC provider (IAM allows one per issuer): use it instead of creating one. */
  existingProvider?: boolean;
  /** The stack the e2e suite runs against: the `localstack` stage, deployed with the suite's key set (README). */
  e2eStackName?: string;
}

/** A setting the deployer gave wrong or left out: bin/github-oidc.ts prints it without a stack trace. */
export class GitHubOidcConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitHubOidcConfigError';
  }
}

const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
/** One branch or environment, named exactly: the trust policy admits that name and no pattern. */
const PLAIN_NAME = /^[A-Za-z0-9._/-]+$/;

/**
 * What GitHub Actions needs in an AWS account, and nothing more (AWS: "Use IAM roles to connect GitHub
 * Actions to actions in AWS"; GitHub: "Configuring OpenID Connect in Amazon Web Services"):
 *
 * - the account's OIDC provider for GitHub's issuer, with `sts.amazonaws.com` as its audience;
 * - a deploy role for the repository's `main` branch and its `prod` environment, whose only permission
 *   is to assume the roles `cdk bootstrap` created (deploy, file publishing, lookup): CloudFormation
 *   does the deploying with the bootstrap's execution role, so no workflow holds more than that;
 * - an e2e role for `main`, which may read and delete the messages of the e2e stack's events test tap
 *   and read that stack's secrets (the payment webhook secret the suite signs webhooks with).
 *
 * Deployed once per account, by hand, with an administrator's credentials: docs/ci-and-deploy.md.
 */
export class GitHubOidcStack extends Stack {
  readonly provider: IOidcProvider;
  readonly deployRole: Role;
  readonly e2eRole: Role;

  constructor(scope: Construct, id: string, props: GitHubOidcStackProps) {
    super(scope, id, props);
    const branch = props.branch ?? 'main';
    const prodEnvironment = props.prodEnvironment ?? 'prod';
    const qualifier = props.bootstrapQualifier ?? DEFAULT_BOOTSTRAP_QUALIFIER;
    const e2eStackName = props.e2eStackName ?? 'OrderSaga-localstack';
    if (!REPOSITORY.test(props.repository))
      throw new GitHubOidcConfigError(`"${props.repository}" is not a GitHub repository: give it as owner/name (-c githubRepository=my-org/ordersaga)`);
    for (const [what, name] of [
      ['branch', branch],
      ['environment', prodEnvironment],
    ] as const) {
      if (!PLAIN_NAME.test(name))
        throw new GitHubOidcConfigError(
          `The ${what} "${name}" is not one plain name (letters, digits, . _ / -): the trust policy admits exactly one branch and one environment`,
        );
    }
    if (!/^[a-z0-9]{1,10}$/.test(qualifier))
      throw new GitHubOidcConfigError(`"${qualifier}" is not a cdk bootstrap qualifier (up to 10 lowercase letters and digits)`);

    this.provider = props.existingProvider
      ? OidcProviderNative.fromOidcProviderArn(this, 'GitHubProvider', `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:oidc-provider/${GITHUB_OIDC_HOST}`)
      : new OidcProviderNative(this, 'GitHubProvider', { url: `https://${GITHUB_OIDC_HOST}`, clientIds: [STS_AUDIENCE] });

    // The token's `sub` is `repo:OWNER/NAME:ref:refs/heads/BRANCH` for a job without an environment, and
    // `repo:OWNER/NAME:environment:NAME` for a job with one; StringEquals admits exactly these.
    const subjects = {
      branch: `repo:${props.repository}:ref:refs/heads/${branch}`,
      prodEnvironment: `repo:${props.repository}:environment:${prodEnvironment}`,
    };
    const githubPrincipal = (...sub: string[]) =>
      new WebIdentityPrincipal(this.provider.oidcProviderArn, {
        StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE, [`${GITHUB_OIDC_HOST}:sub`]: sub },
      });

    this.deployRole = new Role(this, 'DeployRole', {
      description: `GitHub Actions of ${props.repository} (${branch}, environment ${prodEnvironment}): cdk deploy through the cdk bootstrap roles`,
      assumedBy: githubPrincipal(subjects.branch, subjects.prodEnvironment),
    });
    const bootstrapRoles = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/cdk-${qualifier}-*-role-${Aws.ACCOUNT_ID}-*`;
    this.deployRole.addToPolicy(new PolicyStatement({ actions: ['sts:AssumeRole'], resources: [bootstrapRoles] }));
    Validations.of(this.deployRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-${qualifier}-*-role-<AWS::AccountId>-*]`,
      reason:
        'The bootstrap roles are named per region (cdk-QUALIFIER-deploy-role-ACCOUNT-REGION and its file-publishing, image-publishing and lookup siblings); the pattern admits those roles of this account and qualifier only.',
    });

    this.e2eRole = new Role(this, 'E2eRole', {
      description: `GitHub Actions of ${props.repository} (${branch}): the e2e suite reads ${e2eStackName}'s events test tap and webhook secret`,
      assumedBy: githubPrincipal(subjects.branch),
    });
    // The tap queue's name starts with its stack's (lib/constructs/physical-names.ts).
    const tapQueues = `arn:${Aws.PARTITION}:sqs:*:${Aws.ACCOUNT_ID}:${e2eStackName}-EventsTestTap-*`;
    this.e2eRole.addToPolicy(new PolicyStatement({ actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], resources: [tapQueues] }));
    // Secrets have generated names; CloudFormation tags each resource with the stack that made it.
    this.e2eRole.addToPolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [`arn:${Aws.PARTITION}:secretsmanager:*:${Aws.ACCOUNT_ID}:secret:*`],
        conditions: { StringEquals: { 'secretsmanager:ResourceTag/aws:cloudformation:stack-name': e2eStackName } },
      }),
    );
    Validations.of(this.e2eRole).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sqs:*:<AWS::AccountId>:${e2eStackName}-EventsTestTap-*]`,
        reason: "The tap queue is named at deploy time with a random suffix and may be deployed in any region; the pattern admits that stack's tap queue only.",
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:*:<AWS::AccountId>:secret:*]',
        reason:
          'Secrets Manager appends a random suffix to generated names; the condition on the aws:cloudformation:stack-name tag admits only the secrets of the e2e stack.',
      },
    );

    new CfnOutput(this, 'DeployRoleArn', {
      description: 'GitHub variable AWS_DEPLOY_ROLE_ARN (repository, or the prod environment for a prod account)',
      value: this.deployRole.roleArn,
    });
    new CfnOutput(this, 'E2eRoleArn', { description: 'GitHub variable AWS_E2E_ROLE_ARN', value: this.e2eRole.roleArn });
  }
}
