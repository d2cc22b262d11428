import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { SECRET_CACHE_SECONDS, secretValue } from '#shared/aws/secret-value';

const secretsManager = mockClient(SecretsManagerClient);
const ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:ordersaga/key-Ab12Cd';
const TTL_MS = SECRET_CACHE_SECONDS * 1000;

/** Each test its own secret name: the cache lives as long as the module, as it does in a sandbox. */
let name = '';
let counter = 0;
const saved = { ...process.env };

beforeEach(() => {
  counter += 1;
  name = `TEST_SECRET_${counter}`;
  process.env[`${name}_SECRET_ARN`] = ARN;
  secretsManager.reset();
});

afterAll(() => {
  process.env = saved;
});

const answers = (...values: (string | Error)[]) => {
  const mock = secretsManager.on(GetSecretValueCommand, { SecretId: ARN });
  for (const value of values) {
    if (value instanceof Error) mock.rejectsOnce(value);
    else mock.resolvesOnce({ SecretString: value });
  }
};

describe('secretValue (functions/shared/aws/secret-value.ts)', () => {
  it('fetches a deployed secret once, and serves it from the sandbox until it is 5 minutes old', async () => {
    answers('first', 'second');
    expect(await secretValue(name, () => 0)).toBe('first');
    expect(await secretValue(name, () => TTL_MS - 1)).toBe('first');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    // A value put into Secrets Manager (a rotation) reaches the sandbox without a redeploy.
    expect(await secretValue(name, () => TTL_MS)).toBe('second');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('keeps the value it had when a refresh fails, and tries again on the next call', async () => {
    answers('first', new Error('throttled'), 'rotated');
    expect(await secretValue(name, () => 0)).toBe('first');
    expect(await secretValue(name, () => TTL_MS)).toBe('first');
    expect(await secretValue(name, () => TTL_MS + 1)).toBe('rotated');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(3);
  });

  it('does not keep a first fetch that failed, nor an empty secret', async () => {
    answers('', 'value');
    await expect(secretValue(name, () => 0)).rejects.toThrow(`secret ${name} is empty`);
    expect(await secretValue(name, () => 1)).toBe('value');
  });

  it('takes the value itself from the environment when it is given (the local runtime), and says what is missing otherwise', async () => {
    process.env[name] = 'local value';
    expect(await secretValue(name)).toBe('local value');
    delete process.env[name];
    delete process.env[`${name}_SECRET_ARN`];
    await expect(secretValue(name)).rejects.toThrow(`neither ${name} nor ${name}_SECRET_ARN is set`);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });
});
