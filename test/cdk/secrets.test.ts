import { ServiceFunction, type ServiceSecrets } from '#lib/constructs';
import { SECRET_NAMES } from '#contracts/environment';
import { functionEnvironment, type AppWiring, type FunctionAccess } from '#lib/wiring';
import { fixtureWiring } from '../fixtures/wiring/fixture-wiring';
import { buildStack } from './support/test-stack';
import { actionsOf, logicalIdOf, resource, resourcesOfType, statementsOfRole } from './support/template-queries';

/** The fixture wiring with one function of each secret-needing kind. */
const access: Record<string, FunctionAccess> = {
  getOrder: { table: 'read', signsCursors: true },
  paymentWebhook: { table: 'readWrite', stateMachines: ['orderSaga'], verifiesWebhooks: true },
  authorizePayment: { table: 'readWrite', callsPaymentProvider: true },
};
const wiring: AppWiring = { ...fixtureWiring, functions: fixtureWiring.functions.map((fn) => (access[fn.id] ? { ...fn, access: access[fn.id]! } : fn)) };

const dev = buildStack('dev', { wiring });
const prod = buildStack('prod', { wiring });
const PROVIDER_KEY_ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:ordersaga/payment-provider-Ab12Cd';
const withProvider = buildStack('dev', { wiring, inputs: { paymentProvider: { url: 'https://api.payments.example.com', apiKeySecretArn: PROVIDER_KEY_ARN } } });
const secrets = (built: typeof dev) => built.stack.node.findChild('Secrets') as ServiceSecrets;
const secretId = (built: typeof dev, name: (typeof SECRET_NAMES)[number]) => logicalIdOf(secrets(built).secret(name));
const fn = (id: string, built = dev) => built.stack.node.findAll().find((c): c is ServiceFunction => c instanceof ServiceFunction && c.spec.id === id)!;
const readsSecret = (id: string, built = dev) =>
  statementsOfRole(built.template, logicalIdOf(fn(id, built).role))
    .filter((statement) => actionsOf(statement).includes('secretsmanager:GetSecretValue'))
    .map((statement) => statement.Resource);

describe('secrets', () => {
  test('one generated secret per name: the value is made by Secrets Manager, never written in the template', () => {
    const found = resourcesOfType(dev.template, 'AWS::SecretsManager::Secret');
    expect(found).toHaveLength(SECRET_NAMES.length);
    for (const [, secret] of found) {
      expect(secret.Properties.GenerateSecretString).toEqual({ PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false });
      expect(secret.Properties.SecretString).toBeUndefined();
    }
  });

  test('prod retains them with the data; dev deletes them with the stack', () => {
    for (const name of SECRET_NAMES) {
      expect(resource(prod.template, secretId(prod, name))).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      expect(resource(dev.template, secretId(dev, name))).toMatchObject({ DeletionPolicy: 'Delete' });
    }
  });

  test("a function that signs cursors gets the cursor key's ARN and read access to that secret only", () => {
    const variables = resource(dev.template, logicalIdOf(fn('getOrder').function)).Properties.Environment.Variables;
    expect(variables.CURSOR_SIGNING_KEY_SECRET_ARN).toEqual({ Ref: secretId(dev, 'CURSOR_SIGNING_KEY') });
    expect(variables).not.toHaveProperty('PAYMENT_WEBHOOK_SECRET_SECRET_ARN');
    expect(readsSecret('getOrder')).toEqual([{ Ref: secretId(dev, 'CURSOR_SIGNING_KEY') }]);
  });

  test('the webhook function gets the webhook secret only', () => {
    const variables = resource(dev.template, logicalIdOf(fn('paymentWebhook').function)).Properties.Environment.Variables;
    expect(variables.PAYMENT_WEBHOOK_SECRET_SECRET_ARN).toEqual({ Ref: secretId(dev, 'PAYMENT_WEBHOOK_SECRET') });
    expect(variables).not.toHaveProperty('CURSOR_SIGNING_KEY_SECRET_ARN');
    expect(readsSecret('paymentWebhook')).toEqual([{ Ref: secretId(dev, 'PAYMENT_WEBHOOK_SECRET') }]);
  });

  test('no other function may read a secret, and grants agree with the environment for every function', () => {
    for (const spec of wiring.functions) {
      const env = functionEnvironment(spec, {
        stage: 'dev',
        logLevel: 'INFO',
        tableName: 't',
        eventBusName: 'b',
        stateMachineArns: { orderSaga: 'a', refundWorkflow: 'b' },
        stateMachines: wiring.stateMachines,
        tokenIssuer: { issuer: 'i', audience: 'a' },
        secrets: secrets(dev).environmentInputs,
        paymentProvider: secrets(dev).paymentProvider,
      });
      const expected = SECRET_NAMES.filter((name) => `${name}_SECRET_ARN` in env).map((name) => ({ Ref: secretId(dev, name) }));
      expect({ id: spec.id, reads: readsSecret(spec.id) }).toEqual({ id: spec.id, reads: expected });
    }
  });

  test("with a real payment provider, the functions that call it get its URL and its key's ARN, and read access to that secret only; the stack creates no secret for it", () => {
    const variables = resource(withProvider.template, logicalIdOf(fn('authorizePayment', withProvider).function)).Properties.Environment.Variables;
    expect(variables).toMatchObject({
      PAYMENT_PROVIDER: 'http',
      PAYMENT_PROVIDER_URL: 'https://api.payments.example.com',
      PAYMENT_PROVIDER_API_KEY_SECRET_ARN: PROVIDER_KEY_ARN,
    });
    expect(variables).not.toHaveProperty('PAYMENT_PROVIDER_API_KEY');
    expect(readsSecret('authorizePayment', withProvider)).toEqual([PROVIDER_KEY_ARN]);
    const others = wiring.functions.filter((spec) => spec.id !== 'authorizePayment');
    for (const spec of others)
      expect({ id: spec.id, reads: readsSecret(spec.id, withProvider) }).toEqual({ id: spec.id, reads: expect.not.arrayContaining([PROVIDER_KEY_ARN]) });
    expect(resourcesOfType(withProvider.template, 'AWS::SecretsManager::Secret')).toHaveLength(SECRET_NAMES.length);
  });

  test('a provider key encrypted with a KMS key of its own: those functions may decrypt with it, through Secrets Manager only', () => {
    const KMS_KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const withKey = buildStack('dev', {
      wiring,
      inputs: { paymentProvider: { url: 'https://api.payments.example.com', apiKeySecretArn: PROVIDER_KEY_ARN, apiKeyKmsKeyArn: KMS_KEY_ARN } },
    });
    const decrypts = (built: typeof dev, id: string) =>
      statementsOfRole(built.template, logicalIdOf(fn(id, built).role)).filter((statement) => actionsOf(statement).includes('kms:Decrypt'));
    expect(decrypts(withKey, 'authorizePayment')).toEqual([
      expect.objectContaining({
        Resource: KMS_KEY_ARN,
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com', 'kms:EncryptionContext:SecretARN': PROVIDER_KEY_ARN } },
      }),
    ]);
    expect(decrypts(withProvider, 'authorizePayment')).toEqual([]);
    for (const spec of wiring.functions.filter((candidate) => candidate.id !== 'authorizePayment')) {
      expect({ id: spec.id, decrypts: decrypts(withKey, spec.id).map((statement) => statement.Resource) }).toEqual({
        id: spec.id,
        decrypts: expect.not.arrayContaining([KMS_KEY_ARN]),
      });
    }
  });

  test('with the simulator, those functions are told so and read no secret for it', () => {
    const variables = resource(dev.template, logicalIdOf(fn('authorizePayment').function)).Properties.Environment.Variables;
    expect(variables.PAYMENT_PROVIDER).toBe('simulator');
    expect(Object.keys(variables).filter((name) => name.startsWith('PAYMENT_PROVIDER_'))).toEqual([]);
    expect(readsSecret('authorizePayment')).toEqual([]);
    // Only the functions that call the provider are told which it is.
    const told = wiring.functions.filter(
      (spec) => 'PAYMENT_PROVIDER' in resource(dev.template, logicalIdOf(fn(spec.id).function)).Properties.Environment.Variables,
    );
    expect(told.map((spec) => spec.id)).toEqual(['authorizePayment']);
  });

  test("the webhook secret's ARN is a stack output, for whoever configures the provider", () => {
    const outputs = dev.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.values(outputs).map((output) => output.Value)).toContainEqual({ Ref: secretId(dev, 'PAYMENT_WEBHOOK_SECRET') });
  });
});
