// Where this emulation still differs from AWS, and why that is safe: docs/local-runtime-fidelity.md#identity.
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface LocalTokenIssuer {
  issuer: string;
  audience: string;
  /** The public key set, handed to the authorizer as JWKS_JSON. */
  jwksJson: string;
  issue(claims: LocalTokenClaims): Promise<string>;
}

/**
 * What a local token says about its holder. The contact claims are OpenID Connect's standard ones,
 * as Cognito's ID tokens carry them; the authorizer passes them on (docs/decisions/0004-id-tokens-carry-the-contact.md).
 */
export interface LocalTokenClaims {
  sub: string;
  groups?: string[];
  email?: string;
  phone_number?: string;
  phone_number_verified?: boolean;
}

/**
 * The local runtime's stand-in for the stage's OIDC issuer: a fresh ES256 key per run, so tokens of
 * an earlier run are rejected, and tokens verified by the real authorizer code exactly as in AWS.
 */
export async function createLocalTokenIssuer(settings: { issuer: string; audience: string; lifetimeSeconds?: number }): Promise<LocalTokenIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const kid = `local-${Date.now().toString(36)}`;
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return {
    issuer: settings.issuer,
    audience: settings.audience,
    jwksJson: JSON.stringify({ keys: [jwk] }),
    issue: ({ sub, groups = [], ...contact }) =>
      new SignJWT({ groups, token_use: 'id', ...contact })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setIssuedAt()
        .setExpirationTime(`${settings.lifetimeSeconds ?? 3600}s`)
        .sign(privateKey),
  };
}
