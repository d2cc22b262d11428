import { readFile, stat } from 'node:fs/promises';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { createTokenVerifier } from '#identity/adapters/jose-token-verifier';
import { generateIssuerKeys, writeIssuerKeys } from '#test/e2e/support/issuer-keys';
import { createJwtTokenSigner } from '#test/e2e/support/jwt-token-signer';
import { scratchDir } from '#test/support/scratch-dirs';

const ISSUER = 'https://ordersaga.localstack.test/issuer';
const AUDIENCE = 'ordersaga-localstack';

describe('e2e issuer keys and token signer (tokens for a deployed stack)', () => {
  it('writes a public key set and a private key, the private one readable by its owner only', async () => {
    const dir = scratchDir('e2e-keys-');
    const files = await writeIssuerKeys(dir, await generateIssuerKeys());
    const jwks = JSON.parse(await readFile(files.jwksFile, 'utf8')) as JSONWebKeySet;
    const privateJwk = JSON.parse(await readFile(files.privateKeyFile, 'utf8'));
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty('d');
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: privateJwk.kid });
    expect(privateJwk).toHaveProperty('d');
    expect((await stat(files.privateKeyFile)).mode & 0o777).toBe(0o600);
  });

  it('signs tokens that verify against the key set it wrote, with sub, groups, issuer, audience and expiry', async () => {
    const dir = scratchDir('e2e-keys-');
    const files = await writeIssuerKeys(dir, await generateIssuerKeys());
    const jwks = JSON.parse(await readFile(files.jwksFile, 'utf8')) as JSONWebKeySet;
    const sign = await createJwtTokenSigner({ privateJwk: JSON.parse(await readFile(files.privateKeyFile, 'utf8')), issuer: ISSUER, audience: AUDIENCE });

    const token = await sign('root', ['admin']);
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer: ISSUER, audience: AUDIENCE });
    expect(payload).toMatchObject({ sub: 'root', groups: ['admin'], iss: ISSUER, aud: AUDIENCE });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: jwks.keys[0]!.kid });
  });

  it("is accepted by the stack's own authorizer code with that key set, and refused by it with another", async () => {
    const keys = await generateIssuerKeys();
    const sign = await createJwtTokenSigner({ privateJwk: keys.privateJwk, issuer: ISSUER, audience: AUDIENCE });
    const verify = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksJson: JSON.stringify(keys.publicJwks) });
    await expect(verify(await sign('alice'))).resolves.toEqual({ sub: 'alice', groups: [] });

    const strangers = await generateIssuerKeys();
    const verifyOther = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksJson: JSON.stringify(strangers.publicJwks) });
    await expect(verifyOther(await sign('alice'))).rejects.toThrow();
  });

  it('refuses a public key as the signing key', async () => {
    const { publicJwks } = await generateIssuerKeys();
    await expect(createJwtTokenSigner({ privateJwk: publicJwks.keys[0]!, issuer: ISSUER, audience: AUDIENCE })).rejects.toThrow(/private JWK/);
  });
});
