import { CONFLICT_RATE_VARIABLE, conflictRateFromEnvironment } from '#local/fault-injection-settings';

describe('LOCAL_DYNAMODB_CONFLICT_RATE (npm start, the e2e suite)', () => {
  test('is a share from 0 to 1; unset or empty is no injection', () => {
    expect(conflictRateFromEnvironment({})).toBe(0);
    expect(conflictRateFromEnvironment({ [CONFLICT_RATE_VARIABLE]: ' ' })).toBe(0);
    expect(conflictRateFromEnvironment({ [CONFLICT_RATE_VARIABLE]: '0.2' })).toBe(0.2);
    expect(conflictRateFromEnvironment({ [CONFLICT_RATE_VARIABLE]: '1' })).toBe(1);
  });

  test('anything else stops the start with a message that names the variable and an example', () => {
    for (const text of ['20%', '-0.1', '1.5', 'often']) {
      expect(() => conflictRateFromEnvironment({ [CONFLICT_RATE_VARIABLE]: text })).toThrow(
        `LOCAL_DYNAMODB_CONFLICT_RATE="${text}" is not a share from 0 to 1 (e.g. LOCAL_DYNAMODB_CONFLICT_RATE=0.2).`,
      );
    }
  });
});
