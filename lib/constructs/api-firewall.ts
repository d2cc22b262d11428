import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { WAF_EVALUATION_WINDOW_SECONDS, type FirewallConfig } from '../config';
import { problemTypeUri } from '#contracts/problem';
import { API_BASE_PATH } from '#contracts/api/route-contract';
import type { RouteSpec } from '../wiring';

export interface ApiFirewallProps {
  readonly api: RestApi;
  readonly routes: RouteSpec[];
  /** Requests per WAF_EVALUATION_WINDOW_SECONDS, from the capacity model. */
  readonly limits: Omit<FirewallConfig, 'enabled'>;
  readonly stage: string;
}

/** Where the payment provider's callbacks arrive: open routes under it are rated per provider address. */
const WEBHOOKS_PREFIX = `${API_BASE_PATH}/webhooks/`;

const TOO_MANY_REQUESTS_BODY = 'tooManyRequests';

/**
 * A regional WAF web ACL on the REST API stage, so that one caller cannot use up the stage for everyone:
 *
 * 1. a rate-based rule per bearer token (the `Authorization` header as a custom aggregation key; a
 *    request without one is not counted here, and the gateway answers it 401 without invoking anything),
 * 2. a rate-based rule per source address on the open routes that are documents (health, OpenAPI),
 * 3. one per source address on the payment provider's webhook, as high as the provider's whole peak,
 * 4. AWS's managed common rule set (its blocks answer 403 through the stage's WAF_FILTERED response).
 *
 * A rate-limited request gets 429 problem+json with Retry-After (a WAF custom response, which takes
 * precedence over the protected resource's own: "Custom responses for Block actions"; WAF sets the
 * content type itself, application/json). No WAF logging: its log records carry the request headers,
 * bearer tokens included; the rules' CloudWatch metrics and sampled requests say what was blocked.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const { limits, stage } = props;
    const openRoutes = props.routes.filter((route) => route.auth === 'none');
    const documents = openRoutes.filter((route) => !route.path.startsWith(WEBHOOKS_PREFIX));
    const webhooks = openRoutes.filter((route) => route.path.startsWith(WEBHOOKS_PREFIX));

    const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName: `ordersaga-${stage}-${name}`,
      sampledRequestsEnabled: true,
    });
    const tooManyRequests: CfnWebACL.RuleActionProperty = {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: TOO_MANY_REQUESTS_BODY,
          responseHeaders: [{ name: 'Retry-After', value: String(WAF_EVALUATION_WINDOW_SECONDS) }],
        },
      },
    };
    const rules: CfnWebACL.RuleProperty[] = [
      {
        name: 'PerBearerToken',
        priority: 0,
        action: tooManyRequests,
        visibilityConfig: visibility('per-token'),
        statement: {
          rateBasedStatement: {
            limit: limits.requestsPerToken,
            evaluationWindowSec: WAF_EVALUATION_WINDOW_SECONDS,
            aggregateKeyType: 'CUSTOM_KEYS',
            customKeys: [{ header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'NONE' }] } }],
          },
        },
      },
    ];
    if (documents.length > 0) {
      rules.push(
        this.perAddressRule('OpenDocumentsPerAddress', 1, documents, limits.openRouteRequestsPerAddress, tooManyRequests, visibility('open-documents-per-ip')),
      );
    }
    if (webhooks.length > 0) {
      rules.push(this.perAddressRule('WebhooksPerAddress', 2, webhooks, limits.webhookRequestsPerAddress, tooManyRequests, visibility('webhooks-per-ip')));
    }
    rules.push({
      name: 'AwsCommonRuleSet',
      priority: 3,
      overrideAction: { none: {} },
      visibilityConfig: visibility('common-rule-set'),
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      description: `ordersaga ${stage} - per-caller rate limits and the AWS common rule set on the REST API stage`,
      defaultAction: { allow: {} },
      visibilityConfig: visibility('web-acl'),
      customResponseBodies: {
        [TOO_MANY_REQUESTS_BODY]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: problemTypeUri('too-many-requests'),
            title: 'Too Many Requests',
            status: 429,
            detail: `This caller sent more requests than its share; retry after the number of seconds in Retry-After.`,
          }),
        },
      },
      rules,
    });
    const association = new CfnWebACLAssociation(this, 'StageAssociation', {
      resourceArn: props.api.deploymentStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
    // The stage's ARN is built from names, not a reference: the stage must exist first.
    association.node.addDependency(props.api.deploymentStage);
  }

  /** A rate-based rule per source address, counting only requests to the given routes. */
  private perAddressRule(
    name: string,
    priority: number,
    routes: RouteSpec[],
    limit: number,
    action: CfnWebACL.RuleActionProperty,
    visibilityConfig: CfnWebACL.VisibilityConfigProperty,
  ): CfnWebACL.RuleProperty {
    // The URI path WAF sees carries the stage (`/prod/api/v1/health`), or not behind a custom domain:
    // a path is matched by its end. Paths with parameters are matched by their fixed start instead.
    const matches: CfnWebACL.StatementProperty[] = routes.map((route) => {
      const fixed = route.path.split('{')[0]!;
      return {
        byteMatchStatement: {
          fieldToMatch: { uriPath: {} },
          positionalConstraint: fixed === route.path ? 'ENDS_WITH' : 'CONTAINS',
          searchString: fixed,
          textTransformations: [{ priority: 0, type: 'NONE' }],
        },
      };
    });
    return {
      name,
      priority,
      action,
      visibilityConfig,
      statement: {
        rateBasedStatement: {
          limit,
          evaluationWindowSec: WAF_EVALUATION_WINDOW_SECONDS,
          aggregateKeyType: 'IP',
          scopeDownStatement: matches.length === 1 ? matches[0] : { orStatement: { statements: matches } },
        },
      },
    };
  }
}
