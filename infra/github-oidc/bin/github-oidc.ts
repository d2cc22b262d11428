#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { GitHubOidcConfigError, GitHubOidcStack } from '../github-oidc-stack';

/**
 * The one-time bootstrap that lets a fork's GitHub Actions deploy (docs/ci-and-deploy.md), from this
 * folder: `npx cdk deploy -c githubRepository=OWNER/NAME` with an administrator's credentials, after
 * `npx cdk bootstrap` in the same account and region. Environment-agnostic, like the main app.
 *
 * | context | |
 * |---|---|
 * | `githubRepository` | required: `owner/name` of the fork |
 * | `githubBranch` | the branch that deploys dev (default `main`) |
 * | `prodEnvironment` | the GitHub environment that deploys prod (default `prod`) |
 * | `existingOidcProvider` | `true` when the account already has GitHub's OIDC provider |
 * | `bootstrapQualifier` | the `cdk bootstrap` qualifier, if not the default |
 */
function main(): void {
  const app = new App();
  const context = (key: string): string | undefined => {
    const value = app.node.tryGetContext(key) as unknown;
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const repository = context('githubRepository');
  if (!repository) throw new GitHubOidcConfigError('Which repository may deploy? Pass -c githubRepository=OWNER/NAME (your fork).');
  const stack = new GitHubOidcStack(app, 'OrderSaga-GitHubOidc', {
    description: `GitHub Actions OIDC provider and roles for ${repository} (ordersaga)`,
    repository,
    branch: context('githubBranch'),
    prodEnvironment: context('prodEnvironment'),
    bootstrapQualifier: context('bootstrapQualifier'),
    existingProvider: context('existingOidcProvider') === 'true',
  });
  Tags.of(stack).add('app', 'ordersaga');
}

try {
  main();
} catch (error) {
  // A missing or malformed setting is the deployer's to fix: say what it is, without a stack trace.
  if (!(error instanceof GitHubOidcConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
