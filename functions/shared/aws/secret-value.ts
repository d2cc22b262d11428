import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretArnVariable } from '#contracts/environment';

let client: SecretsManagerClient | undefined;
const cache = new Map<string, Promise<string>>();

/**
 * A secret the function needs, from `<NAME>` (the local runtime and tests give the value itself) or
 * from Secrets Manager by `<NAME>_SECRET_ARN` (deployed stacks). Fetched once per sandbox.
 */
export function secretValue(name: string): Promise<string> {
  const cached = cache.get(name);
  if (cached) return cached;
  const direct = process.env[name];
  const arn = process.env[secretArnVariable(name)];
  let value: Promise<string>;
  if (direct) value = Promise.resolve(direct);
  else if (arn) {
    client ??= new SecretsManagerClient({});
    value = client.send(new GetSecretValueCommand({ SecretId: arn })).then(({ SecretString }) => {
      if (!SecretString) throw new Error(`secret ${name} is empty`);
      return SecretString;
    });
  } else value = Promise.reject(new Error(`neither ${name} nor ${secretArnVariable(name)} is set`));
  // A failed fetch is not cached: the next invocation tries again.
  value.catch(() => cache.delete(name));
  cache.set(name, value);
  return value;
}
