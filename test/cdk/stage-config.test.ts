import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  EMPTY_JWKS,
  loadStageConfig as loadWithInputs,
  parseStageConfig,
  readDeployInputs,
  STAGE_NAMES,
  type DeployInputs,
  type StageConfig,
} from '#lib/config';
import { testDeployInputs } from './support/test-stack';
import { scratchDir } from '#test/support/scratch-dirs';

/** A stage's settings with the deploy inputs prod requires (test/cdk/support/test-stack.ts). */
const loadStageConfig = (stage: string, inputs?: DeployInputs) => loadWithInputs(stage, testDeployInputs(stage, inputs));

const JWKS = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1', alg: 'ES256', use: 'sig' }] });

/** The dev settings with one change, for the invalid-setting cases. */
const devWith = (change: (settings: StageConfig) => unknown): unknown => change(structuredClone(loadStageConfig('dev')));

describe('stage configuration', () => {
  test.each(STAGE_NAMES)('%s loads and validates', (stage) => {
    const config = loadStageConfig(stage);
    expect(config.stage).toBe(stage);
    expect(config.alarms.apiP99LatencyMs).toBe(200);
    expect(config.saga.asyncPaymentTimeoutSeconds).toBe(900);
    // docs/api.md, "Throttling": every stage has a default limit and its own for placing orders, stricter than the default.
    const placeOrder = config.api.methodThrottles['POST /api/v1/orders'];
    expect(placeOrder.rateLimit).toBeLessThan(config.api.throttle.rateLimit);
    expect(placeOrder.burstLimit).toBeLessThan(config.api.throttle.burstLimit);
    expect(config.api.corsAllowOrigins).not.toContain('*');
  });

  test('an unknown stage names the known ones', () => {
    expect(() => loadWithInputs('qa')).toThrow('Unknown stage "qa". Known stages: dev, prod, localstack, local');
  });

  test('prod keeps its data and cannot be deleted by accident; dev can', () => {
    expect(loadStageConfig('prod')).toMatchObject({ retainData: true, deletionProtection: true, tracing: true, auth: { kind: 'cognito' } });
    expect(loadStageConfig('dev')).toMatchObject({ retainData: false, deletionProtection: false });
  });

  test('localstack has no Cognito and no X-Ray; its key set fails closed until one is given', () => {
    const config = loadStageConfig('localstack');
    expect(config.tracing).toBe(false);
    expect(config.auth).toEqual({
      kind: 'external',
      issuer: 'https://ordersaga.localstack.test/issuer',
      audience: 'ordersaga-localstack',
      jwksJson: EMPTY_JWKS,
    });
    expect(loadStageConfig('localstack', { jwksJson: JWKS }).auth).toMatchObject({ jwksJson: JWKS });
  });

  test('a deploy-time key set must be a JWKS', () => {
    expect(() => loadStageConfig('localstack', { jwksJson: '{"keys": 1}' })).toThrow(/a JWKS is a JSON object with a "keys" array\n.*at auth\.jwksJson/);
    expect(() => loadStageConfig('local', { jwksJson: 'not json' })).toThrow(/jwksJson is not valid JSON/);
  });

  test('the events test tap is on in the test stages (dev, localstack), off in prod and the local runtime', () => {
    expect(STAGE_NAMES.map((stage) => [stage, loadStageConfig(stage).eventsTestTap])).toEqual([
      ['dev', true],
      ['prod', false],
      ['localstack', true],
      ['local', false],
    ]);
    // Left out, it is off.
    const { eventsTestTap: _left, ...withoutTap } = loadStageConfig('dev');
    expect(parseStageConfig(withoutTap).eventsTestTap).toBe(false);
  });

  test('prod refuses the events test tap, naming the setting and why', () => {
    const prodWithTap = { ...structuredClone(loadStageConfig('prod')), eventsTestTap: true };
    expect(() => parseStageConfig(prodWithTap)).toThrow(/^Invalid configuration for stage "prod":/);
    expect(() => parseStageConfig(prodWithTap)).toThrow(/never deployed to prod[\s\S]*at eventsTestTap/);
  });

  test('cognito stages ignore a deploy-time key set (the user pool publishes its own)', () => {
    expect(loadStageConfig('dev', { jwksJson: JWKS }).auth).toEqual({ kind: 'cognito', selfSignUp: true });
  });

  test.each([
    ['a negative rate limit', (c: StageConfig) => ({ ...c, api: { ...c.api, throttle: { rateLimit: -1, burstLimit: 10 } } }), /api\.throttle\.rateLimit/],
    [
      'a retention CloudWatch does not offer',
      (c: StageConfig) => ({ ...c, logRetentionDays: 10 }),
      /CloudWatch Logs accepts only 1, 3, 5.*\n.*at logRetentionDays/,
    ],
    [
      '"*" with credentials',
      (c: StageConfig) => ({ ...c, api: { ...c.api, corsAllowOrigins: ['*'], corsAllowCredentials: true } }),
      /"\*" is never allowed together with corsAllowCredentials: true/,
    ],
    ['"*" among other origins', (c: StageConfig) => ({ ...c, api: { ...c.api, corsAllowOrigins: ['*', 'https://a.example'] } }), /list it alone/],
    [
      'an origin with a path',
      (c: StageConfig) => ({ ...c, api: { ...c.api, corsAllowOrigins: ['https://shop.example.com/app'] } }),
      /an origin is scheme:\/\/host\[:port\]/,
    ],
    [
      'a malformed method throttle key',
      (c: StageConfig) => ({ ...c, api: { ...c.api, methodThrottles: { '/api/v1/orders POST': { rateLimit: 1, burstLimit: 1 } } } }),
      /"METHOD \/api\/v1\/path"/,
    ],
    ['a misspelt setting', (c: StageConfig) => ({ ...c, logRetentionDay: 14 }), /Unrecognized key: "logRetentionDay"/],
    [
      'an external issuer that is not a URL',
      (c: StageConfig) => ({ ...c, auth: { kind: 'external', issuer: 'issuer', audience: 'a', jwksJson: JWKS } }),
      /auth\.issuer/,
    ],
    [
      'an external issuer with two key sources',
      (c: StageConfig) => ({ ...c, auth: { kind: 'external', issuer: 'https://i.example', audience: 'a', jwksJson: JWKS, jwksUrl: 'https://i.example/jwks' } }),
      /exactly one of jwksUrl or jwksJson/,
    ],
    ['an unknown auth kind', (c: StageConfig) => ({ ...c, auth: { kind: 'saml' } }), /auth\.kind/],
    ['a saga timeout under a minute', (c: StageConfig) => ({ ...c, saga: { asyncPaymentTimeoutSeconds: 5 } }), /saga\.asyncPaymentTimeoutSeconds/],
    ['a missing setting', (c: StageConfig) => ({ ...c, tracing: undefined }), /at tracing/],
  ])('%s is rejected with the setting named', (_case, change, message) => {
    expect(() => parseStageConfig(devWith(change))).toThrow(/^Invalid configuration for stage "dev":/);
    expect(() => parseStageConfig(devWith(change))).toThrow(message);
  });

  describe('the payment provider', () => {
    const provider = {
      url: 'https://api.payments.example.com',
      apiKeySecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:ordersaga/payment-provider-Ab12Cd',
    };

    test('is the simulator unless one is given; a deploy-time provider is the http adapter', () => {
      for (const stage of ['dev', 'localstack', 'local']) expect(loadStageConfig(stage).payments).toEqual({ provider: 'simulator' });
      expect(loadStageConfig('dev', { paymentProvider: provider }).payments).toEqual({ provider: 'http', ...provider });
    });

    test('prod refuses the simulator, and says which inputs give a real provider', () => {
      const { paymentProvider: _given, ...withoutProvider } = testDeployInputs('prod');
      expect(() => loadWithInputs('prod', withoutProvider)).toThrow(
        /prod takes real payments, never the simulator[\s\S]*-c paymentProviderUrl=[\s\S]*at payments/,
      );
      expect(loadStageConfig('prod').payments.provider).toBe('http');
    });

    test.each([
      ['a URL that is not HTTPS', { ...provider, url: 'http://api.payments.example.com' }, /called over HTTPS[\s\S]*at payments\.url/],
      [
        'a partial secret ARN (no suffix)',
        { ...provider, apiKeySecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:ordersaga/payment-provider' },
        /complete ARN[\s\S]*at payments\.apiKeySecretArn/,
      ],
      ['a secret name instead of an ARN', { ...provider, apiKeySecretArn: 'ordersaga/payment-provider' }, /complete ARN/],
      ['half of it (no key)', { url: provider.url }, /at payments\.apiKeySecretArn/],
      ['half of it (no URL)', { apiKeySecretArn: provider.apiKeySecretArn }, /at payments\.url/],
      ['a KMS key by its alias', { ...provider, apiKeyKmsKeyArn: 'alias/payments' }, /a KMS key's ARN[\s\S]*at payments\.apiKeyKmsKeyArn/],
    ])('%s is rejected with the setting named', (_case, given, message) => {
      expect(() => loadStageConfig('dev', { paymentProvider: given })).toThrow(message);
    });
  });

  describe('deploy inputs', () => {
    const noContext = () => undefined;

    test("a payment provider's URL and key secret, from context or the environment; half of one is passed on for validation to name", () => {
      const arn = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:ordersaga/payment-provider-Ab12Cd';
      const context = (key: string) => ({ paymentProviderUrl: 'https://api.payments.example.com', paymentProviderApiKeySecretArn: arn })[key];
      expect(readDeployInputs(context, {})).toEqual({ paymentProvider: { url: 'https://api.payments.example.com', apiKeySecretArn: arn } });
      expect(readDeployInputs(noContext, { ORDERSAGA_PAYMENT_PROVIDER_URL: 'https://p.example', ORDERSAGA_PAYMENT_PROVIDER_API_KEY_SECRET_ARN: arn })).toEqual({
        paymentProvider: { url: 'https://p.example', apiKeySecretArn: arn },
      });
      expect(readDeployInputs(noContext, { ORDERSAGA_PAYMENT_PROVIDER_URL: 'https://p.example' })).toEqual({ paymentProvider: { url: 'https://p.example' } });
      const key = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
      expect(
        readDeployInputs(
          (name) => ({ paymentProviderUrl: 'https://p.example', paymentProviderApiKeySecretArn: arn, paymentProviderApiKeyKmsKeyArn: key })[name],
          {},
        ),
      ).toEqual({
        paymentProvider: { url: 'https://p.example', apiKeySecretArn: arn, apiKeyKmsKeyArn: key },
      });
      expect(loadStageConfig('dev', { paymentProvider: { url: 'https://p.example', apiKeySecretArn: arn, apiKeyKmsKeyArn: key } }).payments).toMatchObject({
        apiKeyKmsKeyArn: key,
      });
    });

    test('come from context before the environment', () => {
      const context = (key: string) => (key === 'jwksJson' ? JWKS : undefined);
      expect(readDeployInputs(context, { ORDERSAGA_JWKS_JSON: EMPTY_JWKS })).toEqual({ jwksJson: JWKS });
      expect(readDeployInputs(noContext, { ORDERSAGA_JWKS_JSON: EMPTY_JWKS })).toEqual({ jwksJson: EMPTY_JWKS });
      expect(readDeployInputs(noContext, {})).toEqual({});
    });

    test('a key set file is read', () => {
      const file = path.join(scratchDir('jwks-'), 'jwks.json');
      writeFileSync(file, JWKS);
      expect(readDeployInputs((key) => (key === 'jwksFile' ? file : undefined), {})).toEqual({ jwksJson: JWKS });
      expect(readDeployInputs(noContext, { ORDERSAGA_JWKS_FILE: file })).toEqual({ jwksJson: JWKS });
    });

    test('an inline key set that CDK parsed into an object is turned back into JSON', () => {
      expect(readDeployInputs((key) => (key === 'jwksJson' ? JSON.parse(JWKS) : undefined), {})).toEqual({ jwksJson: JWKS });
    });
  });
});
