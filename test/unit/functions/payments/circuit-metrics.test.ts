import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { recordCircuitFastFailed, recordCircuitOpened } from '#payments/adapters/circuit-metrics';

describe('payment circuit metrics', () => {
  it('counts openings and fast failures under the names the alarm watches', () => {
    const added = jest.spyOn(Metrics.prototype, 'addMetric');
    recordCircuitOpened();
    recordCircuitFastFailed();
    expect(added).toHaveBeenCalledWith('PaymentCircuitOpened', MetricUnit.Count, 1);
    expect(added).toHaveBeenCalledWith('PaymentCircuitFastFailed', MetricUnit.Count, 1);
    added.mockRestore();
  });
});
