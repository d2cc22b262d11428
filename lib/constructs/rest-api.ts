import { Annotations, Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageConfig, ThrottleConfig } from '../config';
import { assertContractsMatchRoutes } from '#contracts/api/contract-coverage';
import { corsPreflight, type CorsPolicy } from '#contracts/cors';
import type { RouteContract } from '#contracts/api/route-contract';
import type { AuthorizerSpec, RouteSpec } from '../wiring';
import { jsonAccessLogFormat } from './access-log-format';
import type { FunctionRegistry } from './function-registry';
import { acknowledgeNagRules } from './nag-acknowledgements';
import { addProblemGatewayResponses } from './problem-gateway-responses';
import { methodRequestValidation } from './request-models';
import { dataRemovalPolicy, logRetention } from './stage-policies';

export interface RestApiProps {
  readonly routes: RouteSpec[];
  /** One per route: the gateway's request models and required parameters come from them. */
  readonly contracts: RouteContract[];
  readonly authorizer: AuthorizerSpec;
  readonly functions: FunctionRegistry;
  readonly config: Pick<StageConfig, 'stage' | 'api' | 'tracing' | 'logRetentionDays' | 'retainData'>;
}

/** `POST /api/v1/orders`, the key the stage configuration's methodThrottles use. */
export const routeKey = (route: Pick<RouteSpec, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/**
 * The public REST API, built from the route table: one Lambda proxy integration per route, the
 * REQUEST token authorizer on every route whose auth is not `none`, request validation from the
 * routes' contracts, stage and per-method throttling, JSON access logs, tracing, CORS preflight and
 * problem+json gateway responses.
 */
export class RestApi extends Construct {
  readonly api: apigw.RestApi;
  readonly accessLogs: LogGroup;
  readonly tokenAuthorizer: apigw.RequestAuthorizer;

  constructor(scope: Construct, id: string, props: RestApiProps) {
    super(scope, id);
    const { config, routes, functions } = props;
    assertUniqueRoutes(routes);
    assertContractsMatchRoutes(routes, props.contracts);
    const contractOf = new Map(props.contracts.map((contract) => [routeKey(contract), contract]));

    const cors: CorsPolicy = { allowOrigins: config.api.corsAllowOrigins, allowCredentials: config.api.corsAllowCredentials };
    // The preflight is the gateway's (a mock method per resource); the functions answer CORS on real requests.
    const preflight = corsPreflight(
      cors,
      routes.map((route) => route.method),
    );

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: logRetention(config),
      removalPolicy: dataRemovalPolicy(config),
    });

    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: `ordersaga-${config.stage}`,
      description: 'ordersaga public API',
      endpointTypes: [apigw.EndpointType.REGIONAL],
      // Access and execution logs need the account-level CloudWatch role; this stack sets it.
      cloudWatchRole: true,
      deployOptions: {
        stageName: config.stage,
        throttlingRateLimit: config.api.throttle.rateLimit,
        throttlingBurstLimit: config.api.throttle.burstLimit,
        methodOptions: this.methodThrottles(routes, config.api.methodThrottles),
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        // Never log request/response bodies: they hold addresses and payment tokens.
        dataTraceEnabled: false,
        tracingEnabled: config.tracing,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: jsonAccessLogFormat(),
      },
      defaultCorsPreflightOptions: {
        allowOrigins: preflight.allowOrigins,
        allowCredentials: preflight.allowCredentials,
        allowMethods: preflight.allowMethods,
        allowHeaders: preflight.allowHeaders,
        maxAge: Duration.seconds(preflight.maxAgeSeconds),
      },
    });

    const authorizerFunction = functions.get(props.authorizer.functionId, 'the API authorizer');
    this.tokenAuthorizer = new apigw.RequestAuthorizer(this, 'TokenAuthorizer', {
      handler: authorizerFunction.function,
      identitySources: [apigw.IdentitySource.header(props.authorizer.identitySource)],
      resultsCacheTtl: Duration.seconds(props.authorizer.resultTtlSeconds),
    });

    // Body and parameter validation at the gateway; each method's models and parameters come from its contract.
    const requestValidator = this.api.addRequestValidator('RequestValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });

    for (const route of routes) {
      const target = functions.get(route.functionId, `route ${routeKey(route)}`);
      const resource = this.api.root.resourceForPath(route.path.replace(/^\//, ''));
      const method = resource.addMethod(route.method, new apigw.LambdaIntegration(target.function, { proxy: true, allowTestInvoke: false }), {
        operationName: route.summary,
        requestValidator,
        ...methodRequestValidation(this.api, contractOf.get(routeKey(route))!),
        ...(route.auth === 'none'
          ? { authorizationType: apigw.AuthorizationType.NONE }
          : { authorizationType: apigw.AuthorizationType.CUSTOM, authorizer: this.tokenAuthorizer }),
      });
      if (route.auth === 'none') {
        acknowledgeNagRules(method, {
          id: 'AwsSolutions-APIG4',
          reason: `${routeKey(route)} is public by contract (docs/api.md: health, the OpenAPI document, and the provider webhook, which its handler authenticates by its HMAC signature).`,
        });
      }
    }

    addProblemGatewayResponses(this.api, { cors });
    this.acknowledgeNagFindings(config);
  }

  /** Per-method throttles from the stage configuration, as stage method settings. */
  private methodThrottles(routes: RouteSpec[], throttles: Record<string, ThrottleConfig>): Record<string, apigw.MethodDeploymentOptions> {
    const options: Record<string, apigw.MethodDeploymentOptions> = {};
    for (const [key, limits] of Object.entries(throttles)) {
      const route = routes.find((candidate) => routeKey(candidate) === key);
      if (!route) {
        // Not an error: configuration may name a route that a later change adds to the route table.
        Annotations.of(this).addWarningV2(
          'ordersaga:unknownThrottledRoute',
          `methodThrottles names "${key}", which is not in the route table; it has no effect`,
        );
        continue;
      }
      options[`${route.path}/${route.method}`] = { throttlingRateLimit: limits.rateLimit, throttlingBurstLimit: limits.burstLimit };
    }
    return options;
  }

  private acknowledgeNagFindings(config: RestApiProps['config']): void {
    if (!config.tracing) {
      acknowledgeNagRules(this.api, { id: 'Serverless-APIGWXrayEnabled', reason: 'Tracing is off for this stage by configuration (LocalStack has no X-Ray).' });
    }
    acknowledgeNagRules(this.api, {
      id: 'AwsSolutions-COG4',
      reason:
        'Routes are protected by a Lambda REQUEST authorizer that verifies the issuer JWT (Cognito or any OIDC issuer by configuration); a Cognito authorizer would not run on LocalStack or with an external issuer.',
    });
    const cloudWatchRole = this.api.node.tryFindChild('CloudWatchRole');
    if (cloudWatchRole) {
      acknowledgeNagRules(cloudWatchRole, {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: 'The account-level API Gateway logging role uses the AWS-managed policy AWS documents for exactly this purpose.',
      });
    }
  }
}

function assertUniqueRoutes(routes: RouteSpec[]): void {
  const seen = new Set<string>();
  for (const route of routes) {
    if (seen.has(routeKey(route))) throw new Error(`the route table lists ${routeKey(route)} twice`);
    seen.add(routeKey(route));
  }
}
