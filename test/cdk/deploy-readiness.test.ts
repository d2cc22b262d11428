import { Validations } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { loadStageConfig, parseStageConfig, readDeployInputs, StageConfigError, WAF_EVALUATION_WINDOW_SECONDS } from '#lib/config';
import { type Observability, ServiceFunction } from '#lib/constructs';
import { appWiring, wiringForStage } from '#lib/wiring';
import { fixtureWiring } from '../fixtures/wiring/fixture-wiring';
import { buildStack, PROD_DEPLOY_INPUTS, testDeployInputs } from './support/test-stack';
import { logicalIdOf, resource, resourcesOfType, type CfnResource } from './support/template-queries';

/**
 * What a deployed stage needs that a local run never shows, read off the synthesized templates:
 * alarms that reach someone, retained resources without fixed names (so prod can be created again),
 * the capacity for the seed's peak, the WAF, and the smaller ones (API Gateway's permissions naming
 * their account, dead-letter queues saying which queues may use them, no example subscriber in prod,
 * the user pool's e-mail, the authorizer's token_use).
 */
const JWKS = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1' }] });
const dev = buildStack('dev');
const prod = buildStack('prod');
const localstack = buildStack('localstack', { inputs: { jwksJson: JWKS } });
const prodReal = buildStack('prod', { wiring: appWiring });
const stages = { dev, prod, localstack, 'prod (real wiring)': prodReal };

const resources = (built: { template: Template }) => Object.entries(built.template.toJSON().Resources as Record<string, CfnResource>);
/** Acknowledged cdk-nag rule ids (CDK keeps them as `Annotation::<id>`). */
const acknowledgedNagRules = (scope: IConstruct) =>
  scope.node
    .findAll()
    .flatMap((construct) => construct.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
    .flatMap((entry) => Object.keys(entry.data as Record<string, string>))
    .map((id) => id.replace(/^Annotation::/, ''));

describe('alarms reach someone', () => {
  test.each(Object.entries(stages))("%s: CloudWatch may publish to the alarm topic, for this account's alarms only", (_stage, built) => {
    const topic = (built.stack.node.findChild('Observability') as Observability).alarmTopic;
    built.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: logicalIdOf(topic) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          // The TLS-only statement stays.
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: { Ref: logicalIdOf(topic) },
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: {
                'aws:SourceArn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:*']],
                },
              },
            },
          }),
        ]),
      },
    });
  });

  test('prod does not synthesize without a recipient, and says which inputs give one', () => {
    const { alarmEmails: _none, ...withoutRecipient } = PROD_DEPLOY_INPUTS;
    expect(() => loadStageConfig('prod', withoutRecipient)).toThrow(StageConfigError);
    expect(() => loadStageConfig('prod', withoutRecipient)).toThrow(/prod alarms must reach someone: deploy with -c alarmEmail=[\s\S]*at alarms\.notify/);
    expect(loadStageConfig('prod', { ...withoutRecipient, alarmTopicArns: ['arn:aws:sns:eu-west-1:111122223333:on-call'] }).alarms.notify.topicArns).toEqual([
      'arn:aws:sns:eu-west-1:111122223333:on-call',
    ]);
  });

  test('prod e-mails the recipients it is given (undelivered notifications kept), and notifies an existing topic from every alarm', () => {
    prod.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'alarms@example.com', RedrivePolicy: Match.anyValue() });
    const onCall = 'arn:aws:sns:eu-west-1:111122223333:on-call';
    const forwarding = buildStack('prod', { inputs: { alarmTopicArns: [onCall] } });
    const alarms = resourcesOfType(forwarding.template, 'AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThan(10);
    for (const [, alarm] of alarms) expect(alarm.Properties.AlarmActions).toEqual([expect.objectContaining({ Ref: expect.any(String) }), onCall]);
  });

  test('the recipients are deploy inputs, from context or the environment', () => {
    const context = (values: Record<string, string>) => (key: string) => values[key];
    expect(readDeployInputs(context({ alarmEmail: 'a@example.com, b@example.com' }), {})).toEqual({ alarmEmails: ['a@example.com', 'b@example.com'] });
    expect(readDeployInputs(context({}), { ORDERSAGA_ALARM_TOPIC_ARN: 'arn:aws:sns:eu-west-1:111122223333:on-call' })).toEqual({
      alarmTopicArns: ['arn:aws:sns:eu-west-1:111122223333:on-call'],
    });
    expect(() => loadStageConfig('prod', { ...PROD_DEPLOY_INPUTS, alarmEmails: ['not an address'] })).toThrow(/alarms\.notify\.emails/);
  });
});

describe('prod can be created again after a rollback or a delete', () => {
  /** A property that names the resource: a fixed value, or one that does not change with the stack's id. */
  const fixedNames = (built: { template: Template }) =>
    resources(built)
      .filter(([, r]) => r.DeletionPolicy === 'Retain')
      .flatMap(([id, r]) =>
        Object.entries(r.Properties ?? {})
          .filter(([key, value]) => /Name$/.test(key) && !JSON.stringify(value).includes('AWS::StackId'))
          .map(([key, value]) => `${id} (${r.Type}) ${key}=${JSON.stringify(value)}`),
      );

  test.each(Object.entries(stages))('%s: no retained resource carries a fixed name', (_stage, built) => {
    expect(fixedNames(built)).toEqual([]);
  });

  test('prod does retain its data, and the names it must know in advance change with each create', () => {
    const retained = resources(prod).filter(([, r]) => r.DeletionPolicy === 'Retain');
    expect(retained.map(([, r]) => r.Type)).toEqual(
      expect.arrayContaining(['AWS::DynamoDB::Table', 'AWS::Logs::LogGroup', 'AWS::SQS::Queue', 'AWS::Cognito::UserPool', 'AWS::KMS::Key']),
    );
    const named = retained.filter(([, r]) => r.Properties.LogGroupName ?? r.Properties.QueueName);
    // The Step Functions log groups (vendedlogs prefix) and the rule target queue a dead-letter queue admits.
    expect(named.length).toBe(fixtureWiring.stateMachines.length + fixtureWiring.queues.length);
    for (const [, r] of named) expect(JSON.stringify(r.Properties.LogGroupName ?? r.Properties.QueueName)).toContain('"Ref":"AWS::StackId"');
  });
});

describe("capacity: prod admits the seed's peak", () => {
  test('POST /api/v1/orders: at least 100 requests/s with a burst of at least 200, on the synthesized prod stage', () => {
    const [[, stage]] = resourcesOfType(prodReal.template, 'AWS::ApiGateway::Stage');
    const placeOrder = (
      stage.Properties.MethodSettings as { ResourcePath: string; HttpMethod: string; ThrottlingRateLimit: number; ThrottlingBurstLimit: number }[]
    ).find((setting) => setting.ResourcePath === '/~1api~1v1~1orders' && setting.HttpMethod === 'POST')!;
    expect(placeOrder.ThrottlingRateLimit).toBeGreaterThanOrEqual(100);
    expect(placeOrder.ThrottlingBurstLimit).toBeGreaterThanOrEqual(200);
    expect(stage.Properties.MethodSettings).toContainEqual(
      expect.objectContaining({ ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: prodReal.config.api.throttle.rateLimit }),
    );
    expect(prodReal.config.api.throttle.rateLimit).toBeGreaterThanOrEqual(placeOrder.ThrottlingRateLimit);
  });

  test('the table is pre-warmed for a burst, and the outbox reads each stream shard with several batches at once', () => {
    expect(resource(prodReal.template, logicalIdOf(prodReal.stack.node.findChild('Data').node.findChild('Table'))).Properties.WarmThroughput).toEqual({
      WriteUnitsPerSecond: prodReal.config.capacity.tableWarmWriteUnitsPerSecond,
    });
    expect(prodReal.config.capacity.tableWarmWriteUnitsPerSecond).toBeGreaterThanOrEqual(100 * 2 * 39);
    const outbox = resourcesOfType(prodReal.template, 'AWS::Lambda::EventSourceMapping').find(([, mapping]) => mapping.Properties.BatchSize === 50)!;
    expect(outbox[1].Properties.ParallelizationFactor).toBe(prodReal.config.capacity.streamParallelization.domainEventOutbox);
    expect(prodReal.config.capacity.streamParallelization.domainEventOutbox).toBeGreaterThan(1);
  });
});

describe('the WAF web ACL on the API stage', () => {
  const webAcl = (built: typeof dev) =>
    resourcesOfType(built.template, 'AWS::WAFv2::WebACL').map(([id, acl]): Record<string, any> => ({ id, ...acl.Properties }));

  test.each([
    ['prod', prodReal],
    ['dev', dev],
  ] as const)('%s: common rule set, a rate limit per bearer token and per address on the open routes, associated with the stage', (_stage, built) => {
    const [acl] = webAcl(built);
    expect(acl).toBeDefined();
    expect(acl!.Scope).toBe('REGIONAL');
    expect(acl!.DefaultAction).toEqual({ Allow: {} });
    const rule = (name: string) => (acl!.Rules as any[]).find((candidate) => candidate.Name === name);
    expect(rule('AwsCommonRuleSet').Statement).toEqual({ ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } });
    expect(rule('PerBearerToken').Statement.RateBasedStatement).toEqual({
      Limit: built.config.firewall.requestsPerToken,
      EvaluationWindowSec: WAF_EVALUATION_WINDOW_SECONDS,
      AggregateKeyType: 'CUSTOM_KEYS',
      CustomKeys: [{ Header: { Name: 'authorization', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } }],
    });
    const webhooks = rule('WebhooksPerAddress').Statement.RateBasedStatement;
    expect(webhooks).toMatchObject({ Limit: built.config.firewall.webhookRequestsPerAddress, AggregateKeyType: 'IP' });
    expect(JSON.stringify(webhooks.ScopeDownStatement)).toContain('/api/v1/webhooks/payments');
    const documents = JSON.stringify(rule('OpenDocumentsPerAddress').Statement.RateBasedStatement.ScopeDownStatement);
    expect(documents).toContain('/api/v1/health');
    expect(documents).not.toContain('webhooks');
    // A rate-limited caller gets 429 problem+json and when to retry.
    for (const name of ['PerBearerToken', 'OpenDocumentsPerAddress', 'WebhooksPerAddress']) {
      expect(rule(name).Action.Block.CustomResponse).toEqual({
        ResponseCode: 429,
        CustomResponseBodyKey: 'tooManyRequests',
        ResponseHeaders: [{ Name: 'Retry-After', Value: String(WAF_EVALUATION_WINDOW_SECONDS) }],
      });
    }
    expect(JSON.parse(acl!.CustomResponseBodies.tooManyRequests.Content)).toMatchObject({
      type: 'urn:ordersaga:problem:too-many-requests',
      status: 429,
      title: 'Too Many Requests',
    });
    const [[stageId]] = resourcesOfType(built.template, 'AWS::ApiGateway::Stage');
    const [[, association]] = resourcesOfType(built.template, 'AWS::WAFv2::WebACLAssociation');
    expect(association.Properties.WebACLArn).toEqual({ 'Fn::GetAtt': [acl!.id, 'Arn'] });
    expect(JSON.stringify(association.Properties.ResourceArn)).toContain(`"/stages/",{"Ref":"${stageId}"}`);
  });

  test("prod no longer acknowledges cdk-nag's APIG3 (no WAF); localstack, which has no WAF, does", () => {
    expect(acknowledgedNagRules(prodReal.stack)).not.toContain('AwsSolutions-APIG3');
    expect(webAcl(localstack)).toEqual([]);
    expect(acknowledgedNagRules(localstack.stack)).toContain('AwsSolutions-APIG3');
  });

  test('prod refuses to go without it', () => {
    const settings = { ...structuredClone(prod.config), firewall: { ...prod.config.firewall, enabled: false } };
    expect(() => parseStageConfig(settings)).toThrow(/always has the web ACL[\s\S]*at firewall\.enabled/);
  });
});

describe('smaller findings', () => {
  test.each(Object.entries(stages))(
    "%s: every Lambda permission for API Gateway names the stack's account as SourceAccount; EventBridge's name their rule",
    (_stage, built) => {
      const permissions = resourcesOfType(built.template, 'AWS::Lambda::Permission');
      const byPrincipal = (principal: string) => permissions.filter(([, permission]) => permission.Properties.Principal === principal);
      expect(byPrincipal('apigateway.amazonaws.com').length).toBeGreaterThan(0);
      expect(byPrincipal('apigateway.amazonaws.com').length + byPrincipal('events.amazonaws.com').length).toBe(permissions.length);
      for (const [id, permission] of byPrincipal('apigateway.amazonaws.com')) {
        expect({ id, sourceAccount: permission.Properties.SourceAccount }).toEqual({ id, sourceAccount: { Ref: 'AWS::AccountId' } });
      }
      // EventBridge invocations were documented to fail with a SourceAccount; the rule's ARN (this
      // account's, a reference Control Tower's rule reads) scopes them instead.
      for (const [id, permission] of byPrincipal('events.amazonaws.com')) {
        expect({ id, sourceAccount: permission.Properties.SourceAccount, sourceArn: permission.Properties.SourceArn }).toEqual({
          id,
          sourceAccount: undefined,
          sourceArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] },
        });
      }
    },
  );

  test.each(Object.entries(stages))('%s: every dead-letter queue says which queues may use it: the queues that name it, or none', (_stage, built) => {
    const queues = resources(built).filter(([, r]) => r.Type === 'AWS::SQS::Queue');
    const sourcesOf = new Map<string, unknown[]>();
    for (const [, queue] of queues) {
      const target = queue.Properties.RedrivePolicy?.deadLetterTargetArn?.['Fn::GetAtt']?.[0] as string | undefined;
      if (target) sourcesOf.set(target, [...(sourcesOf.get(target) ?? []), queue.Properties.QueueName]);
    }
    const deadLetterQueues = queues.filter(([, queue]) => !queue.Properties.RedrivePolicy);
    expect(deadLetterQueues.length).toBeGreaterThan(0);
    for (const [id, queue] of deadLetterQueues) {
      const sources = sourcesOf.get(id);
      const policy = queue.Properties.RedriveAllowPolicy;
      if (!sources) {
        expect({ id, policy }).toEqual({ id, policy: { redrivePermission: 'denyAll' } });
        continue;
      }
      expect({ id, permission: policy.redrivePermission, count: policy.sourceQueueArns.length }).toEqual({ id, permission: 'byQueue', count: sources.length });
      // The source's ARN is built from its name (a reference would be a cycle): the same name, in this account.
      for (const name of sources as { 'Fn::Join': [string, [string, unknown]] }[]) {
        const arns = JSON.stringify(policy.sourceQueueArns);
        expect(arns).toContain(`:${name['Fn::Join'][1][0]}`);
        expect(arns).toContain('"Ref":"AWS::AccountId"');
      }
    }
  });

  test("the example subscriber queue (another team's, as an example) is a stage option, off in prod", () => {
    expect([dev.config.exampleSubscriber, prod.config.exampleSubscriber]).toEqual([true, false]);
    const queueNames = resourcesOfType(prodReal.template, 'AWS::SQS::Queue').map(([id]) => id);
    expect(queueNames.filter((id) => id.includes('exampleSubscriber') || id.includes('exampleTeamSubscription'))).toEqual([]);
    expect(
      resourcesOfType(prodReal.template, 'AWS::Events::Rule')
        .map(([id]) => id)
        .filter((id) => id.includes('exampleTeam')),
    ).toEqual([]);
    // Off, the queue goes, and so do the rule targets that fill it (a rule left with none goes too).
    const withoutExample = wiringForStage(appWiring, { exampleSubscriber: false });
    expect(withoutExample.queues.map((queue) => queue.id)).not.toContain('exampleSubscriber');
    expect(withoutExample.eventRules.map((rule) => rule.id)).toEqual(
      appWiring.eventRules.map((rule) => rule.id).filter((id) => id !== 'exampleTeamSubscription'),
    );
    expect(wiringForStage(appWiring, { exampleSubscriber: true })).toBe(appWiring);
    // A queue that is not an example stays.
    expect(wiringForStage(fixtureWiring, { exampleSubscriber: false })).toBe(fixtureWiring);
  });

  describe("the user pool's e-mail", () => {
    test('prod sends through the SES identity it is given, and shoppers sign themselves up', () => {
      prod.template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
        EmailConfiguration: {
          EmailSendingAccount: 'DEVELOPER',
          From: 'no-reply@shop.example.com',
          SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-1:', { Ref: 'AWS::AccountId' }, ':identity/shop.example.com']] },
        },
      });
    });

    test("dev keeps Cognito's own sender", () => {
      const [[, pool]] = resourcesOfType(dev.template, 'AWS::Cognito::UserPool');
      expect(pool.Properties.EmailConfiguration).toBeUndefined();
    });

    test.each([
      [
        'prod without an SES identity',
        () => loadStageConfig('prod', { alarmEmails: ['alarms@example.com'] }),
        /Cognito's own sender stops after 50 e-mails a day[\s\S]*at auth\.email/,
      ],
      [
        'a sender not on the identity',
        () =>
          loadStageConfig(
            'prod',
            testDeployInputs('prod', {
              userPoolEmail: { fromAddress: 'no-reply@other.example', sesIdentityArn: PROD_DEPLOY_INPUTS.userPoolEmail!.sesIdentityArn },
            }),
          ),
        /fromAddress must be the SES identity itself or an address on its domain/,
      ],
      [
        'half an identity',
        () => loadStageConfig('prod', testDeployInputs('prod', { userPoolEmail: { fromAddress: 'no-reply@shop.example.com' } })),
        /at auth\.email\.sesIdentityArn/,
      ],
      [
        'an identity that is not an SES ARN',
        () => loadStageConfig('prod', testDeployInputs('prod', { userPoolEmail: { fromAddress: 'a@b.example', sesIdentityArn: 'b.example' } })),
        /an SES identity ARN is arn:aws:ses/,
      ],
    ])('%s is refused with the setting named', (_case, load, message) => {
      expect(load).toThrow(StageConfigError);
      expect(load).toThrow(message);
    });

    test('prod may instead turn self sign-up off, and needs no SES identity then', () => {
      const settings = { ...structuredClone(prod.config), auth: { kind: 'cognito' as const, selfSignUp: false } };
      expect(parseStageConfig(settings).auth).toEqual({ kind: 'cognito', selfSignUp: false });
    });

    test('the identity is read from context or the environment', () => {
      const arn = 'arn:aws:ses:eu-west-1:111122223333:identity/no-reply@shop.example.com';
      expect(readDeployInputs((key) => ({ userPoolFromAddress: 'no-reply@shop.example.com', userPoolSesIdentityArn: arn })[key], {})).toEqual({
        userPoolEmail: { fromAddress: 'no-reply@shop.example.com', sesIdentityArn: arn },
      });
      expect(readDeployInputs(() => undefined, { ORDERSAGA_USER_POOL_FROM_ADDRESS: 'x@shop.example.com', ORDERSAGA_USER_POOL_SES_IDENTITY_ARN: arn })).toEqual({
        userPoolEmail: { fromAddress: 'x@shop.example.com', sesIdentityArn: arn },
      });
    });
  });

  test('the authorizer takes only Cognito ID tokens (they carry the contact) where it trusts a user pool, and leaves token_use alone for other issuers', () => {
    const authorizerEnv = (built: typeof dev) => {
      const fn = built.stack.node.findAll().find((c): c is ServiceFunction => c instanceof ServiceFunction && c.spec.id === 'authorizer')!;
      return resource(built.template, logicalIdOf(fn.function)).Properties.Environment.Variables;
    };
    expect(authorizerEnv(prod).JWT_TOKEN_USE).toBe('id');
    expect(authorizerEnv(dev).JWT_TOKEN_USE).toBe('id');
    expect(authorizerEnv(localstack).JWT_TOKEN_USE).toBeUndefined();
  });
});
