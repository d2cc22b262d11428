import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { SES_EMAIL_EVENTS } from '#contracts/email-events';
import { ENVIRONMENT } from '#contracts/environment';
import { loadStageConfig, readDeployInputs, StageConfigError } from '#lib/config';
import { ServiceFunction } from '#lib/constructs';
import { appWiring } from '#lib/wiring';
import { buildStack, PROD_DEPLOY_INPUTS } from './support/test-stack';
import { actionsOf, logicalIdOf, resource, resourcesOfType, statementsOfRole } from './support/template-queries';

/**
 * What the customer notifications deploy (docs/notifications.md): the SES configuration set and its
 * event destination on the default bus, the rule that follows SES's events, the sender identity per
 * stage, and grants no wider than the identity, the configuration set and sns:Publish.
 */
describe('customer messaging', () => {
  const prod = buildStack('prod', { wiring: appWiring });
  const functionOf = (built: typeof prod, id: string) =>
    built.stack.node.findAll().find((c): c is ServiceFunction => c instanceof ServiceFunction && c.spec.id === id)!;
  const roleStatements = (built: typeof prod, id: string) => statementsOfRole(built.template, logicalIdOf(functionOf(built, id).role));
  const envOf = (built: typeof prod, id: string) => resource(built.template, logicalIdOf(functionOf(built, id).function)).Properties.Environment.Variables;

  test("one configuration set, whose every e-mail event the application reads goes to the account's default bus", () => {
    const sets = resourcesOfType(prod.template, 'AWS::SES::ConfigurationSet');
    expect(sets).toHaveLength(1);
    const [setId] = sets[0]!;
    const [[, destination]] = resourcesOfType(prod.template, 'AWS::SES::ConfigurationSetEventDestination') as [[string, any]];
    expect(destination.Properties.ConfigurationSetName).toEqual({ Ref: setId });
    const target = destination.Properties.EventDestination;
    expect(target.Enabled).toBe(true);
    expect(JSON.stringify(target.EventBridgeDestination.EventBusArn)).toContain(':event-bus/default');
    expect([...target.MatchingEventTypes].sort()).toEqual(['bounce', 'complaint', 'delivery', 'reject', 'renderingFailure', 'send']);
  });

  test("the emailStatus rule is on the default bus and matches only SES's events of this context's tagged messages", () => {
    prod.template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'default',
      EventPattern: {
        source: ['aws.ses'],
        'detail-type': Object.values(SES_EMAIL_EVENTS),
        detail: { mail: { tags: { 'ordersaga-order': [{ exists: true }] } } },
      },
      Targets: Match.arrayWith([Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalIdOf(functionOf(prod, 'recordEmailStatus').function), 'Arn'] } })]),
    });
  });

  test('the notifier sends only from the stage identity with the configuration set, and texts with sns:Publish; the status follower sends nothing', () => {
    const statements = roleStatements(prod, 'notifyCustomer');
    const ses = statements.filter((statement) => actionsOf(statement).includes('ses:SendEmail'));
    expect(ses).toHaveLength(1);
    expect(actionsOf(ses[0]!)).toEqual(['ses:SendEmail']);
    const resources = JSON.stringify(ses[0]!.Resource);
    expect(resources).toContain(PROD_DEPLOY_INPUTS.notificationEmail!.sesIdentityArn!);
    expect(resources).toContain(':configuration-set/');
    expect(statements.filter((statement) => actionsOf(statement).includes('sns:Publish')).map((statement) => statement.Resource)).toEqual(['*']);
    expect(envOf(prod, 'notifyCustomer')).toMatchObject({ [ENVIRONMENT.emailFromAddress]: 'orders@shop.example.com', [ENVIRONMENT.smsEnabled]: 'true' });
    expect(
      roleStatements(prod, 'recordEmailStatus')
        .flatMap(actionsOf)
        .filter((action) => /^(ses|sns):/.test(action)),
    ).toEqual([]);
  });

  test('prod refuses to synthesize without the sender identity; the deploy inputs give it', () => {
    expect(() => loadStageConfig('prod', { ...PROD_DEPLOY_INPUTS, notificationEmail: undefined })).toThrow(StageConfigError);
    expect(() => loadStageConfig('prod', { ...PROD_DEPLOY_INPUTS, notificationEmail: undefined })).toThrow(/notificationFromAddress/);
    const inputs = readDeployInputs(
      (key) =>
        ({ notificationFromAddress: 'orders@shop.example.com', notificationSesIdentityArn: 'arn:aws:ses:eu-west-1:111122223333:identity/shop.example.com' })[
          key
        ],
      {},
    );
    expect(inputs.notificationEmail).toEqual({
      fromAddress: 'orders@shop.example.com',
      sesIdentityArn: 'arn:aws:ses:eu-west-1:111122223333:identity/shop.example.com',
    });
    // An address off the identity's domain is refused: SES would refuse every message.
    expect(() =>
      loadStageConfig('prod', {
        ...PROD_DEPLOY_INPUTS,
        notificationEmail: { fromAddress: 'orders@elsewhere.example', sesIdentityArn: 'arn:aws:ses:eu-west-1:111122223333:identity/shop.example.com' },
      }),
    ).toThrow(/fromAddress/);
  });

  test('a stage without a sender says so at synth, grants no ses:SendEmail and tells the notifier no sender', () => {
    const config = loadStageConfig('dev');
    const built = buildStack('dev', { wiring: appWiring, config: { ...config, notifications: { sms: false } } });
    Annotations.fromStack(built.stack).hasWarning('*', Match.stringLikeRegexp('No sender for customer e-mail'));
    expect(roleStatements(built, 'notifyCustomer').flatMap(actionsOf)).not.toContain('ses:SendEmail');
    expect(roleStatements(built, 'notifyCustomer').flatMap(actionsOf)).not.toContain('sns:Publish');
    expect(envOf(built, 'notifyCustomer')[ENVIRONMENT.emailFromAddress]).toBeUndefined();
  });
});
