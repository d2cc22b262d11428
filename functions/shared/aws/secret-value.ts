import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretArnVariable } from '#contracts/environment';

/**
 * How long a sandbox keeps a secret it fetched: a value put into Secrets Manager (a rotated key, a
 * provider's new webhook secret) reaches every sandbox within this, without a redeploy. The same
 * default as AWS's Parameters and Secrets Lambda Extension (300 s: Lambda Developer Guide, "Use
 * Secrets Manager secrets in Lambda functions"); one GetSecretValue per sandbox and secret per
 * 5 minutes costs next to nothing.
 */
export const SECRET_CACHE_SECONDS = 300;

let client: SecretsManagerClient | undefined;
const cache = new Map<string, { value: Promise<string>; fetchedAt: number }>();

function fetchSecret(name: string, arn: string): Promise<string> {
  client ??= new SecretsManagerClient({});
  return client.send(new GetSecretValueCommand({ SecretId: arn })).then(({ SecretString }) => {
    if (!SecretString) throw new Error(`secret ${name} is empty`);
    return SecretString;
  });
}

/**
 * A secret the function needs, from `<NAME>` (the local runtime and tests give the value itself) or
 * from Secrets Manager by `<NAME>_SECRET_ARN` (deployed stacks), fetched again once it is
 * SECRET_CACHE_SECONDS old.
 */
export function secretValue(name: string, now: () => number = Date.now): Promise<string> {
  const direct = process.env[name];
  if (direct) return Promise.resolve(direct);
  const arn = process.env[secretArnVariable(name)];
  if (!arn) return Promise.reject(new Error(`neither ${name} nor ${secretArnVariable(name)} is set`));
  const cached = cache.get(name);
  if (cached && now() - cached.fetchedAt < SECRET_CACHE_SECONDS * 1000) return cached.value;
  const fetched = fetchSecret(name, arn);
  // A refresh that fails keeps the value the sandbox had (Secrets Manager briefly unreachable must not
  // fail every request), and the entry stays stale so that the next call tries again. A first fetch
  // that fails is not kept at all.
  const previous = cached?.value;
  const value = previous ? fetched.catch(() => previous) : fetched;
  const entry = { value, fetchedAt: now() };
  cache.set(name, entry);
  fetched.catch(() => {
    if (cache.get(name) !== entry) return;
    if (previous) cache.set(name, { value: previous, fetchedAt: cached.fetchedAt });
    else cache.delete(name);
  });
  return value;
}
