import path from 'node:path';
import { normalizeApiUrl, readE2eTargetSettings } from '#test/e2e/support/e2e-target-settings';

const root = path.resolve(__dirname, '../../..');

describe('e2e target settings (from the environment)', () => {
  it('starts a local runtime in process when API_URL is not set', () => {
    expect(readE2eTargetSettings({})).toEqual({ kind: 'in-process' });
  });

  it.each([
    ['https://abc.execute-api.eu-west-1.amazonaws.com/dev/', 'https://abc.execute-api.eu-west-1.amazonaws.com/dev'],
    ['https://abc.execute-api.eu-west-1.amazonaws.com/dev/api/v1/', 'https://abc.execute-api.eu-west-1.amazonaws.com/dev'],
    ['https://abc.execute-api.localhost.localstack.cloud:4566/localstack', 'https://abc.execute-api.localhost.localstack.cloud:4566/localstack'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
  ])('takes API_URL as the stage base URL: %s → %s', (raw, base) => {
    expect(normalizeApiUrl(raw)).toBe(base);
  });

  it('refuses an API_URL that is not a base URL', () => {
    expect(() => normalizeApiUrl('abc.execute-api')).toThrow(/not a URL/);
    expect(() => normalizeApiUrl('https://abc.example/dev?x=1')).toThrow(/query or fragment/);
  });

  it("defaults the issuer and audience to the localstack stage's, and the key to .e2e/issuer-private-jwk.json", () => {
    expect(readE2eTargetSettings({ API_URL: 'https://abc.example/dev/', E2E_EVENTS_QUEUE_URL: 'https://sqs.example/1/tap' })).toEqual({
      kind: 'url',
      apiUrl: 'https://abc.example/dev',
      eventsQueueUrl: 'https://sqs.example/1/tap',
      signingKeyFile: path.join(root, '.e2e/issuer-private-jwk.json'),
      issuer: 'https://ordersaga.localstack.test/issuer',
      audience: 'ordersaga-localstack',
      webhookSecret: undefined,
      stageThrottling: undefined,
      asyncPaymentTimeoutSeconds: undefined,
    });
  });

  it('reads the overrides', () => {
    const settings = readE2eTargetSettings({
      API_URL: 'https://abc.example/dev',
      E2E_SIGNING_KEY_FILE: '/keys/private.json',
      E2E_ISSUER: 'https://issuer.example',
      E2E_AUDIENCE: 'shop',
      E2E_WEBHOOK_SECRET: 's3cret',
      E2E_STAGE_THROTTLING: 'false',
      E2E_ASYNC_PAYMENT_TIMEOUT_SECONDS: '60',
    });
    expect(settings).toMatchObject({
      signingKeyFile: '/keys/private.json',
      issuer: 'https://issuer.example',
      audience: 'shop',
      webhookSecret: 's3cret',
      stageThrottling: false,
      asyncPaymentTimeoutSeconds: 60,
    });
    expect(() => readE2eTargetSettings({ API_URL: 'https://abc.example/dev', E2E_ASYNC_PAYMENT_TIMEOUT_SECONDS: '1.5' })).toThrow(
      /E2E_ASYNC_PAYMENT_TIMEOUT_SECONDS=1.5/,
    );
    expect(() => readE2eTargetSettings({ API_URL: 'https://abc.example/dev', E2E_STAGE_THROTTLING: 'maybe' })).toThrow(/E2E_STAGE_THROTTLING=maybe/);
  });
});
