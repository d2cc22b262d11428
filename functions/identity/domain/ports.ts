/** What the identity context's use case needs: a verifier of the stage issuer's tokens (adapters/jose-token-verifier.ts). */

export interface VerifiedIdentity {
  sub: string;
  groups: string[];
  /** The token's `email` claim, unless the token says it is not verified (`email_verified: false`). */
  email?: string;
  /** The token's `phone_number` claim, only when `phone_number_verified` is true. */
  phoneNumber?: string;
}

/** The token is not one of the stage issuer's, valid now, for this API: the caller is unauthorized. */
export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** Verifies a bearer token; throws InvalidTokenError for a token that does not pass. */
export type TokenVerifier = (token: string) => Promise<VerifiedIdentity>;
