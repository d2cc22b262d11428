import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { InvalidTokenError, type TokenVerifier, type VerifiedIdentity } from '../domain/ports';

export interface TokenVerifierSettings {
  issuer: string;
  audience: string;
  jwksUrl?: string;
  jwksJson?: string;
  /**
   * The `token_use` a token must carry. Cognito marks every token `access` or `id`, and both name the
   * app client (as `client_id` or `aud`), so without this check one kind passes for the other. The
   * stack asks for `id` where it trusts a user pool (docs/decisions/0004-id-tokens-carry-the-contact.md).
   * Other issuers need not set the claim: leave it unset for them.
   */
  tokenUse?: 'access' | 'id';
}

/** Asymmetric algorithms only: no `none`, and no HS* so a public key can never be used as an HMAC secret. */
export const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];
const CLOCK_TOLERANCE_SECONDS = 30;

function groupsOf(payload: JWTPayload): string[] {
  const claim = payload['cognito:groups'] ?? payload.groups;
  return Array.isArray(claim) ? claim.filter((group): group is string => typeof group === 'string') : [];
}

/**
 * The contact claims the API passes on to the handlers (OpenID Connect's standard claims, as Cognito's
 * ID tokens carry them: "Understanding the identity (ID) token"). An address a token calls unverified
 * is not used; a phone number only when the token says it is verified.
 */
function contactOf(payload: JWTPayload): Pick<VerifiedIdentity, 'email' | 'phoneNumber'> {
  const email = typeof payload.email === 'string' && payload.email !== '' && payload.email_verified !== false ? payload.email : undefined;
  const phone =
    typeof payload.phone_number === 'string' && payload.phone_number !== '' && payload.phone_number_verified === true ? payload.phone_number : undefined;
  return { ...(email ? { email } : {}), ...(phone ? { phoneNumber: phone } : {}) };
}

/** Cognito access tokens carry the app client in `client_id` instead of `aud` ("Understanding user pool JSON web tokens"). */
function audienceMatches(payload: JWTPayload, audience: string): boolean {
  const aud = payload.aud;
  if (Array.isArray(aud) ? aud.includes(audience) : aud === audience) return true;
  return payload.aud === undefined && payload.client_id === audience;
}

/** Verifies bearer tokens against one issuer; the JWKS is fetched once per cold start and cached by jose. */
export function createTokenVerifier(settings: TokenVerifierSettings): TokenVerifier {
  let keys: ReturnType<typeof createRemoteJWKSet> | ReturnType<typeof createLocalJWKSet>;
  if (settings.jwksJson) keys = createLocalJWKSet(JSON.parse(settings.jwksJson) as JSONWebKeySet);
  else if (settings.jwksUrl) keys = createRemoteJWKSet(new URL(settings.jwksUrl));
  else throw new Error('token verifier needs JWKS_URL or JWKS_JSON');

  return async function verify(token: string): Promise<VerifiedIdentity> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        algorithms: ALLOWED_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw new InvalidTokenError((error as Error).message);
    }
    if (!audienceMatches(payload, settings.audience)) throw new InvalidTokenError('unexpected audience');
    if (settings.tokenUse !== undefined && payload.token_use !== settings.tokenUse) {
      throw new InvalidTokenError(`token_use is ${JSON.stringify(payload.token_use ?? null)}, not "${settings.tokenUse}"`);
    }
    return { sub: payload.sub!, groups: groupsOf(payload), ...contactOf(payload) };
  };
}
