import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** ES256, as the local runtime's issuer signs; the authorizer accepts it (functions/identity). */
export const E2E_SIGNING_ALGORITHM = 'ES256';

/** Where `npm run e2e:keys` writes by default (gitignored). */
export const DEFAULT_E2E_KEYS_DIR = '.e2e';
export const JWKS_FILE_NAME = 'issuer-jwks.json';
export const PRIVATE_JWK_FILE_NAME = 'issuer-private-jwk.json';

export interface IssuerKeys {
  /** Deployed with the stack (`-c jwksFile=…`): the authorizer verifies tokens against it. */
  publicJwks: { keys: JWK[] };
  /** Kept by whoever runs the suite (E2E_SIGNING_KEY_FILE): it signs the tokens. */
  privateJwk: JWK;
}

/** A fresh signing key pair for the e2e suite's stand-in issuer, both halves as JWK with the same kid. */
export async function generateIssuerKeys(): Promise<IssuerKeys> {
  const { publicKey, privateKey } = await generateKeyPair(E2E_SIGNING_ALGORITHM, { extractable: true });
  const kid = `e2e-${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`;
  const common = { kid, alg: E2E_SIGNING_ALGORITHM, use: 'sig' };
  return {
    publicJwks: { keys: [{ ...(await exportJWK(publicKey)), ...common }] },
    privateJwk: { ...(await exportJWK(privateKey)), ...common },
  };
}

export interface IssuerKeyFiles {
  jwksFile: string;
  privateKeyFile: string;
}

/** Writes both halves into `dir`; the private one readable by its owner only. */
export async function writeIssuerKeys(dir: string, keys: IssuerKeys): Promise<IssuerKeyFiles> {
  await mkdir(dir, { recursive: true });
  const files = { jwksFile: path.join(dir, JWKS_FILE_NAME), privateKeyFile: path.join(dir, PRIVATE_JWK_FILE_NAME) };
  await writeFile(files.jwksFile, `${JSON.stringify(keys.publicJwks, null, 2)}\n`);
  await writeFile(files.privateKeyFile, `${JSON.stringify(keys.privateJwk, null, 2)}\n`, { mode: 0o600 });
  await chmod(files.privateKeyFile, 0o600);
  return files;
}
