import { Match } from 'aws-cdk-lib/assertions';
import { type IdentityProvider, ServiceFunction } from '#lib/constructs';
import { buildStack, createStack } from './support/test-stack';
import { logicalIdOf, resource, resourcesOfType } from './support/template-queries';

const JWKS = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1' }] });
const dev = buildStack('dev');
const prod = buildStack('prod');
const localstack = buildStack('localstack', { inputs: { jwksJson: JWKS } });
const authorizerEnv = (built: typeof dev) => {
  const fn = built.stack.node.findAll().find((c): c is ServiceFunction => c instanceof ServiceFunction && c.spec.id === 'authorizer')!;
  return resource(built.template, logicalIdOf(fn.function)).Properties.Environment.Variables;
};

describe('Cognito stages', () => {
  const identity = dev.stack.node.findChild('Identity') as IdentityProvider;

  test('have a user pool with a strong password policy, an app client and the admin group', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true, RequireNumbers: true, RequireUppercase: true }) },
      MfaConfiguration: 'OPTIONAL',
    });
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admin' });
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false, PreventUserExistenceErrors: 'ENABLED' });
  });

  test('the authorizer trusts that pool: issuer, JWKS URL and the app client as audience', () => {
    const pool = logicalIdOf(identity.userPool!);
    const issuer = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [pool, 'ProviderURL'] }]] };
    expect(authorizerEnv(dev)).toMatchObject({
      JWT_ISSUER: issuer,
      JWKS_URL: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [pool, 'ProviderURL'] }, '/.well-known/jwks.json']] },
      JWT_AUDIENCE: { Ref: logicalIdOf(identity.userPoolClient!) },
    });
    expect(authorizerEnv(dev).JWKS_JSON).toBeUndefined();
  });

  test('prod retains the user pool and protects it from deletion', () => {
    const [[, pool]] = resourcesOfType(prod.template, 'AWS::Cognito::UserPool');
    expect(pool).toMatchObject({ DeletionPolicy: 'Retain', Properties: { DeletionProtection: 'ACTIVE' } });
  });
});

describe('LocalStack stage', () => {
  test('has no Cognito (not in the free tier): the authorizer gets the configured issuer and the deploy-time key set', () => {
    expect(resourcesOfType(localstack.template, 'AWS::Cognito::UserPool')).toEqual([]);
    expect(authorizerEnv(localstack)).toMatchObject({
      JWT_ISSUER: localstack.config.auth.kind === 'external' ? localstack.config.auth.issuer : 'unexpected',
      JWT_AUDIENCE: 'ordersaga-localstack',
      JWKS_JSON: JWKS,
    });
  });

  test('uses no X-Ray anywhere', () => {
    for (const [, fn] of resourcesOfType(localstack.template, 'AWS::Lambda::Function')) expect(fn.Properties.TracingConfig).toBeUndefined();
    for (const [, machine] of resourcesOfType(localstack.template, 'AWS::StepFunctions::StateMachine'))
      expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: false });
    localstack.template.hasResourceProperties('AWS::ApiGateway::Stage', { TracingEnabled: false });
    const xray = JSON.stringify(localstack.template.toJSON()).match(/xray:/g);
    expect(xray).toBeNull();
  });

  test('without a key set it deploys closed and says so', () => {
    const { stack } = createStack('localstack');
    const warnings = stack.node
      .findChild('Identity')
      .node.metadata.filter((entry) => entry.type === 'aws:cdk:warning')
      .map((entry) => String(entry.data));
    expect(warnings).toEqual([expect.stringContaining('every authorized route will answer 401')]);
  });
});

test('stage names appear in the names of what other stages may share an account with', () => {
  prod.template.hasResourceProperties('AWS::Events::EventBus', { Name: 'ordersaga-prod' });
  prod.template.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'ordersaga-prod' });
  prod.template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod' });
  prod.template.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineName: 'OrderSaga-prod-orderSaga' });
});
