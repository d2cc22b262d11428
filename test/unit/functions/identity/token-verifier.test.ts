import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey } from 'jose';
import { createTokenVerifier } from '#identity/adapters/jose-token-verifier';
import { authorize } from '#identity/application/authorize';
import { bearerToken } from '#identity/domain/bearer-token';

const issuer = 'https://issuer.example';
const audience = 'ordersaga';

describe('token verifier', () => {
  let privateKey: CryptoKey;
  let otherKey: CryptoKey;
  let verify: ReturnType<typeof createTokenVerifier>;
  let keySet: string;

  const sign = (claims: Record<string, unknown>, options: { key?: CryptoKey; iss?: string; aud?: string | null; exp?: string; nbf?: string } = {}) => {
    let jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('alice')
      .setIssuer(options.iss ?? issuer)
      .setIssuedAt()
      .setExpirationTime(options.exp ?? '1h');
    if (options.aud !== null) jwt = jwt.setAudience(options.aud ?? audience);
    if (options.nbf) jwt = jwt.setNotBefore(options.nbf);
    return jwt.sign(options.key ?? privateKey);
  };

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
    keySet = JSON.stringify({ keys: [jwk] });
    verify = createTokenVerifier({ issuer, audience, jwksJson: keySet });
  });

  it('accepts a valid token and reads sub and groups (groups or cognito:groups)', async () => {
    await expect(verify(await sign({ groups: ['admin'] }))).resolves.toEqual({ sub: 'alice', groups: ['admin'] });
    await expect(verify(await sign({ 'cognito:groups': ['admin', 'ops'] }))).resolves.toEqual({ sub: 'alice', groups: ['admin', 'ops'] });
  });

  it('accepts a Cognito access token whose client_id is the audience', async () => {
    await expect(verify(await sign({ client_id: audience }, { aud: null }))).resolves.toMatchObject({ sub: 'alice' });
  });

  it.each([
    ['expired', () => sign({}, { exp: '-5m' })],
    ['not yet valid', () => sign({}, { nbf: '+5m' })],
    ['from another issuer', () => sign({}, { iss: 'https://evil.example' })],
    ['for another audience', () => sign({}, { aud: 'someone-else' })],
    ['signed by another key', () => sign({}, { key: otherKey })],
    [
      'without a signature (alg none)',
      async () => new UnsecuredJWT({ sub: 'alice', iss: issuer, aud: audience, exp: Math.floor(Date.now() / 1000) + 60 }).encode(),
    ],
  ])('rejects a token %s', async (_name, make) => {
    await expect(verify(await make())).rejects.toThrow();
  });

  it('rejects a token whose payload was edited', async () => {
    const [header, , signature] = (await sign({ groups: [] })).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'alice', groups: ['admin'], iss: issuer, aud: audience, exp: 9999999999 })).toString('base64url');
    await expect(verify(`${header}.${forged}.${signature}`)).rejects.toThrow();
  });

  it('rejects an HS256 token even when its secret is the public key (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(await exportJWK((await generateKeyPair('ES256')).publicKey)));
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setSubject('alice')
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('1h')
      .sign(secret);
    await expect(verify(token)).rejects.toThrow();
  });

  describe('token_use (Cognito marks its tokens; the stack requires `id` where it trusts a user pool)', () => {
    const accessOnly = () => createTokenVerifier({ issuer, audience, jwksJson: keySet, tokenUse: 'access' });
    const idOnly = () => createTokenVerifier({ issuer, audience, jwksJson: keySet, tokenUse: 'id' });

    it('accepts an access token, which names the app client as client_id, where access tokens are asked for', async () => {
      await expect(accessOnly()(await sign({ token_use: 'access', client_id: audience }, { aud: null }))).resolves.toMatchObject({ sub: 'alice' });
    });

    it('rejects the other kind, although its audience is the same app client, and a token without token_use', async () => {
      await expect(accessOnly()(await sign({ token_use: 'id', 'cognito:groups': ['admin'] }))).rejects.toThrow('token_use is "id", not "access"');
      await expect(accessOnly()(await sign({}))).rejects.toThrow('token_use is null, not "access"');
      await expect(idOnly()(await sign({ token_use: 'access', client_id: audience }, { aud: null }))).rejects.toThrow();
    });

    it("reads a Cognito ID token's groups and verified contact claims", async () => {
      const idToken = await sign({
        token_use: 'id',
        'cognito:groups': ['admin'],
        email: 'ada@example.com',
        email_verified: true,
        phone_number: '+4915112345678',
        phone_number_verified: true,
      });
      await expect(idOnly()(idToken)).resolves.toEqual({ sub: 'alice', groups: ['admin'], email: 'ada@example.com', phoneNumber: '+4915112345678' });
    });

    it('leaves token_use alone for an issuer that does not set it', async () => {
      await expect(verify(await sign({ groups: ['admin'] }))).resolves.toEqual({ sub: 'alice', groups: ['admin'] });
    });
  });

  it('passes on the e-mail address unless the token calls it unverified, and the phone number only when verified', async () => {
    await expect(verify(await sign({ email: 'ada@example.com' }))).resolves.toEqual({ sub: 'alice', groups: [], email: 'ada@example.com' });
    await expect(verify(await sign({ email: 'ada@example.com', email_verified: false }))).resolves.toEqual({ sub: 'alice', groups: [] });
    await expect(verify(await sign({ phone_number: '+4915112345678' }))).resolves.toEqual({ sub: 'alice', groups: [] });
    await expect(verify(await sign({ phone_number: '+4915112345678', phone_number_verified: 'true' }))).resolves.toEqual({ sub: 'alice', groups: [] });
    await expect(verify(await sign({ email: 42, phone_number: ['+1'], phone_number_verified: true }))).resolves.toEqual({ sub: 'alice', groups: [] });
  });

  it('hands the contact claims to the handlers in the authorizer context, as scalars, and leaves out what the token lacks', async () => {
    const methodArn = 'arn:aws:execute-api:eu-west-1:111122223333:api123/dev/POST/api/v1/orders';
    const withContact = await authorize(
      verify,
      `Bearer ${await sign({ groups: ['a', 'b'], email: 'ada@example.com', phone_number: '+4915112345678', phone_number_verified: true })}`,
      methodArn,
    );
    expect(withContact).toMatchObject({ kind: 'allowed', context: { sub: 'alice', groups: 'a,b', email: 'ada@example.com', phoneNumber: '+4915112345678' } });
    const without = await authorize(verify, `Bearer ${await sign({})}`, methodArn);
    expect(without).toMatchObject({ kind: 'allowed', context: { sub: 'alice', groups: '' } });
    expect(Object.keys((without as { context: object }).context).sort()).toEqual(['groups', 'sub']);
  });

  it('reads only well-formed bearer headers', () => {
    expect(bearerToken('Bearer a.b.c')).toBe('a.b.c');
    expect(bearerToken('bearer a.b.c')).toBeUndefined();
    expect(bearerToken('Basic dXNlcg==')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
