import { Annotations, Duration } from 'aws-cdk-lib';
import { AccountRecovery, FeaturePlan, Mfa, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import type { TokenIssuerSettings } from '../wiring';
import { acknowledgeNagRules } from './nag-acknowledgements';
import { dataRemovalPolicy } from './stage-policies';

export interface IdentityProviderProps {
  config: Pick<StageConfig, 'auth' | 'retainData' | 'deletionProtection'>;
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

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
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
