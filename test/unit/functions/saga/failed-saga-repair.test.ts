import fc from 'fast-check';
import { executionArnOf, MAX_SAGA_REDRIVES, repairOfSaga } from '#saga/domain/failed-saga-repair';

describe('what the reconciler does with the saga of an order pending too long', () => {
  it.each([
    ['RUNNING', 0, 'running'],
    ['PENDING_REDRIVE', 1, 'running'],
    ['SUCCEEDED', 0, 'succeeded-while-pending'],
    ['FAILED', 0, 'redrive'],
    ['TIMED_OUT', 1, 'redrive'],
    ['ABORTED', 2, 'redrive'],
    ['FAILED', 3, 'give-up'],
    ['TIMED_OUT', 7, 'give-up'],
  ])('%s after %i redrives → %s', (status, redriveCount, repair) => {
    expect(repairOfSaga({ status, redriveCount, redriveStatus: 'REDRIVABLE' })).toBe(repair);
  });

  it('gives up when Step Functions will not redrive it (14 days passed, history full)', () => {
    expect(repairOfSaga({ status: 'FAILED', redriveCount: 0, redriveStatus: 'NOT_REDRIVABLE' })).toBe('give-up');
  });

  it('never redrives more than the bound, whatever the status', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'),
        fc.nat(2000),
        fc.option(fc.constantFrom('REDRIVABLE', 'NOT_REDRIVABLE'), { nil: undefined }),
        (status, redriveCount, redriveStatus) => {
          const repair = repairOfSaga({ status, redriveCount, redriveStatus });
          if (repair === 'redrive') expect(redriveCount).toBeLessThan(MAX_SAGA_REDRIVES);
          if (repair === 'redrive' || repair === 'give-up') expect(['FAILED', 'TIMED_OUT', 'ABORTED']).toContain(status);
        },
      ),
    );
  });

  it('takes its bound as a setting', () => {
    expect(repairOfSaga({ status: 'FAILED', redriveCount: 3 }, 5)).toBe('redrive');
    expect(repairOfSaga({ status: 'FAILED', redriveCount: 0 }, 0)).toBe('give-up');
  });
});

describe('the execution ARN of a saga', () => {
  it('is the state machine ARN with `execution` and the name', () => {
    expect(executionArnOf('arn:aws:states:eu-west-1:123456789012:stateMachine:OrderSaga-dev-orderSaga', 'order-1')).toBe(
      'arn:aws:states:eu-west-1:123456789012:execution:OrderSaga-dev-orderSaga:order-1',
    );
    expect(executionArnOf('arn:aws-cn:states:cn-north-1:123456789012:stateMachine:m', 'o')).toBe('arn:aws-cn:states:cn-north-1:123456789012:execution:m:o');
  });

  it('refuses anything but a state machine ARN', () => {
    expect(() => executionArnOf('arn:aws:states:eu-west-1:123456789012:execution:m:o', 'x')).toThrow(/not a state machine ARN/);
    expect(() => executionArnOf('orderSaga', 'x')).toThrow(/not a state machine ARN/);
  });
});
