import { Annotations, Duration, Stack, Token } from 'aws-cdk-lib';
import { AccountRecovery, FeaturePlan, Mfa, UserPool, type UserPoolClient, UserPoolEmail } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { sesIdentityOf, StageConfigError, type StageConfig, type UserPoolEmailConfig } from '../config';
import type { TokenIssuerSettings } from '../wiring';
import { acknowledgeNagRules } from './nag-acknowledgements';
import { dataRemovalPolicy } from './stage-policies';

/**
 * Cognito sends through the verified SES identity ("Email settings for Amazon Cognito user pools",
 * developer mode): no daily cap but SES's own. CDK builds the identity's ARN in the stack's account,
 * so an ARN naming another account is refused where the account is known at synth.
 */
function sesEmail(scope: Construct, email: UserPoolEmailConfig): UserPoolEmail {
  const identity = sesIdentityOf(email.sesIdentityArn)!;
  const account = Stack.of(scope).account;
  if (!Token.isUnresolved(account) && account !== identity.account) {
    throw new StageConfigError(
      `auth.email.sesIdentityArn is in account ${identity.account}, but the stack deploys to ${account}: Cognito sends through an identity of its own account`,
    );
  }
  return UserPoolEmail.withSES({
    fromEmail: email.fromAddress,
    sesRegion: identity.region,
    ...(identity.identity.includes('@') ? {} : { sesVerifiedDomain: identity.identity }),
  });
}

export interface IdentityProviderProps {
  readonly config: Pick<StageConfig, 'auth' | 'retainData' | 'deletionProtection'>;
}

/**
 * Who issues the bearer tokens the authorizer accepts: a Cognito user pool this stack creates (with
 * an app client, whose id is the audience, and the `admin` group), or an external OIDC issuer from
 * the stage configuration (LocalStack has no Cognito).
 */
export class IdentityProvider extends Construct {
  readonly tokenIssuer: TokenIssuerSettings;
  readonly userPool?: UserPool;
  readonly userPoolClient?: UserPoolClient;

  constructor(scope: Construct, id: string, props: IdentityProviderProps) {
    super(scope, id);
    const { config } = props;
    if (config.auth.kind === 'external') {
      const { issuer, audience, jwksUrl, jwksJson } = config.auth;
      this.tokenIssuer = { issuer, audience, jwksUrl, jwksJson };
      if (jwksJson !== undefined && (JSON.parse(jwksJson) as { keys: unknown[] }).keys.length === 0) {
        Annotations.of(this).addWarningV2(
          'ordersaga:emptyJwks',
          `No signing keys for issuer ${issuer}: every authorized route will answer 401. Pass the key set with -c jwksFile=<path> (or -c jwksJson=… / ORDERSAGA_JWKS_JSON).`,
        );
      }
      return;
    }

    const { selfSignUp, email } = config.auth;
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: selfSignUp,
      email: email ? sesEmail(this, email) : undefined,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: config.deletionProtection,
      removalPolicy: dataRemovalPolicy(config),
    });
    this.userPool.addGroup('AdminGroup', { groupName: 'admin', description: 'May call the admin routes' });
    this.userPoolClient = this.userPool.addClient('WebClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    // ProviderURL is `cognito-idp.<region>.amazonaws.com/<poolId>`, without the scheme the `iss` claim has.
    const issuer = `https://${this.userPool.userPoolProviderUrl}`;
    this.tokenIssuer = {
      issuer,
      audience: this.userPoolClient.userPoolClientId,
      jwksUrl: `${issuer}/.well-known/jwks.json`,
      // The API takes the ID token: it carries the customer's verified e-mail address and phone
      // number, which orders default their contact to, and names this app client in `aud`. An access
      // token (no contact claims) must not pass for one (docs/decisions/0004-id-tokens-carry-the-contact.md).
      tokenUse: 'id',
    };

    acknowledgeNagRules(
      this.userPool,
      {
        id: 'AwsSolutions-COG2',
        reason: 'Shoppers may enrol a TOTP second factor (MFA optional); requiring it of every customer is a product decision, not a default.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason: 'The Plus feature plan (threat protection) is billed per active user; Essentials is the default until the business opts in.',
      },
    );
  }
}
