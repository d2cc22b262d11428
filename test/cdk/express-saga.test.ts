import { loadStageConfig, type StageConfig } from '#lib/config';
import { appWiring } from '#lib/wiring';
import { buildStack, testDeployInputs } from './support/test-stack';

/**
 * The stage setting saga.workflowType makes the order saga's parent an Express workflow; the machines
 * it hands over to stay Standard, and an Express machine logs at saga.expressLogLevel (ERROR unless the
 * stage says otherwise: CloudWatch Logs bills what it ingests).
 */
const withSaga = (stage: string, saga: Partial<StageConfig['saga']>): StageConfig => {
  const config = loadStageConfig(stage, testDeployInputs(stage));
  return { ...config, saga: { ...config.saga, ...saga } };
};

const machines = (stage: string, saga: Partial<StageConfig['saga']>) => {
  const { template } = buildStack(stage, { wiring: appWiring, config: withSaga(stage, saga) });
  const found = template.findResources('AWS::StepFunctions::StateMachine');
  return Object.fromEntries(
    Object.values(found).map((machine) => {
      const props = machine.Properties as { StateMachineName: string; StateMachineType: string; LoggingConfiguration: { Level: string } };
      return [props.StateMachineName.split('-').at(-1)!, { type: props.StateMachineType, logLevel: props.LoggingConfiguration.Level }];
    }),
  );
};

describe('the order saga as an Express workflow', () => {
  test('Standard by default: every machine Standard, logging ALL', () => {
    expect(loadStageConfig('prod', testDeployInputs('prod')).saga.workflowType).toBe('standard');
    expect(machines('prod', {})).toEqual({
      orderSaga: { type: 'STANDARD', logLevel: 'ALL' },
      orderPaymentAuthorization: { type: 'STANDARD', logLevel: 'ALL' },
      orderCancellation: { type: 'STANDARD', logLevel: 'ALL' },
    });
  });

  test('express: the parent is Express and logs ERROR by default; what waits stays Standard', () => {
    expect(machines('prod', { workflowType: 'express' })).toEqual({
      orderSaga: { type: 'EXPRESS', logLevel: 'ERROR' },
      orderPaymentAuthorization: { type: 'STANDARD', logLevel: 'ALL' },
      orderCancellation: { type: 'STANDARD', logLevel: 'ALL' },
    });
  });

  test('dev logs every event of an Express saga', () => {
    expect(loadStageConfig('dev').saga.expressLogLevel).toBe('ALL');
    expect(machines('dev', { workflowType: 'express' }).orderSaga).toEqual({ type: 'EXPRESS', logLevel: 'ALL' });
  });
});
