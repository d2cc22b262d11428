import { countTransitions } from '#bench/state-transitions';

type HistoryEvent = Parameters<typeof countTransitions>[0]['history'][number];
const entered = (name: string) => ({ type: 'TaskStateEntered', stateEnteredEventDetails: { name } }) as unknown as HistoryEvent;
const event = (type: string) => ({ type }) as unknown as HistoryEvent;

describe('state transitions (bench/state-transitions.ts)', () => {
  it('counts a transition per state entered and one per retry', () => {
    const history = [
      event('ExecutionStarted'),
      entered('ReserveStock'),
      event('TaskScheduled'),
      event('TaskSucceeded'),
      entered('TakePayment'),
      event('TaskScheduled'),
      event('TaskFailed'),
      event('TaskScheduled'),
      event('TaskFailed'),
      event('TaskScheduled'),
      event('TaskSucceeded'),
      entered('ConfirmOrder'),
      event('TaskScheduled'),
      event('ExecutionSucceeded'),
    ];
    expect(countTransitions({ history })).toEqual({ states: ['ReserveStock', 'TakePayment', 'ConfirmOrder'], retries: 2, transitions: 5 });
  });

  it('counts a state entered twice twice', () => {
    const history = [
      entered('TakePayment'),
      event('TaskScheduled'),
      entered('AwaitPaymentAuthorization'),
      event('TaskScheduled'),
      entered('TakePayment'),
      event('TaskScheduled'),
    ];
    expect(countTransitions({ history })).toMatchObject({ retries: 0, transitions: 3 });
  });
});
