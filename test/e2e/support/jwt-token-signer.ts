import { importJWK, SignJWT, type JWK } from 'jose';

export interface JwtTokenSignerSettings {
  /** The private half written by `npm run e2e:keys` (its `kid` and `alg` go into every token). */
  privateJwk: JWK;
  /** Must equal the stage's external issuer and audience (lib/config/stages/localstack.ts by default). */
  issuer: string;
  audience: string;
  lifetimeSeconds?: number;
}

export type TokenSigner = (sub: string, groups?: string[]) => Promise<string>;

/**
 * Signs bearer tokens as the stage's external issuer would, for a deployed stack whose authorizer
 * was given the matching public key set (`npm run local:deploy -- -c jwksFile=…`). The claims are the
 * ones the authorizer reads: `sub`, `groups` (role `admin`), issuer, audience and expiry.
 */
export async function createJwtTokenSigner(settings: JwtTokenSignerSettings): Promise<TokenSigner> {
  const { privateJwk } = settings;
  if (!privateJwk.alg || !privateJwk.kid || !privateJwk.d) {
    throw new Error('the signing key must be a private JWK with "alg" and "kid" (run npm run e2e:keys)');
  }
  const key = await importJWK(privateJwk, privateJwk.alg);
  return (sub, groups = []) =>
    new SignJWT({ groups, token_use: 'access' })
      .setProtectedHeader({ alg: privateJwk.alg!, kid: privateJwk.kid!, typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(settings.issuer)
      .setAudience(settings.audience)
      .setIssuedAt()
      .setExpirationTime(`${settings.lifetimeSeconds ?? 3600}s`)
      .sign(key);
}
