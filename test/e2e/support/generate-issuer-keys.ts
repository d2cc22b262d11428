/**
 * `npm run e2e:keys [-- --out DIR] [-- --force]`: a signing key pair for running the e2e suite against
 * a deployed stack. The public key set goes to the deploy (`-c jwksFile=DIR/issuer-jwks.json`), the
 * private key to the suite (E2E_SIGNING_KEY_FILE, default .e2e/issuer-private-jwk.json).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_E2E_KEYS_DIR, generateIssuerKeys, JWKS_FILE_NAME, PRIVATE_JWK_FILE_NAME, writeIssuerKeys } from './issuer-keys';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, force: { type: 'boolean' } } });
  const dir = path.resolve(values.out ?? DEFAULT_E2E_KEYS_DIR);
  const existing = [JWKS_FILE_NAME, PRIVATE_JWK_FILE_NAME].map((name) => path.join(dir, name)).filter((file) => existsSync(file));
  if (existing.length && !values.force) {
    // A new key pair would lock the suite out of a stack deployed with the old public keys.
    process.stderr.write(
      `e2e:keys: ${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}. Keep them, or pass -- --force and redeploy with the new key set.\n`,
    );
    process.exitCode = 1;
    return;
  }
  const files = await writeIssuerKeys(dir, await generateIssuerKeys());
  const relative = (file: string) => (path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file));
  process.stdout.write(
    [
      `public key set  ${relative(files.jwksFile)}   deploy with: npm run local:deploy -- -c jwksFile=${relative(files.jwksFile)}`,
      `private key     ${relative(files.privateKeyFile)}   the suite signs with it: E2E_SIGNING_KEY_FILE=${relative(files.privateKeyFile)}`,
      '',
    ].join('\n'),
  );
}

main().catch((error: Error) => {
  process.stderr.write(`e2e:keys: ${error.message}\n`);
  process.exitCode = 1;
});
