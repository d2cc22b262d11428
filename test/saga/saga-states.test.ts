import { measureSagaStates } from '#bench/saga-states';

/** The bench's figures are the state machines': they must not drift from what docs/saga.md promises. */
describe('states entered per order (bench/saga-states.ts)', () => {
  it('runs every path through the real ASL, with the order saga as a Standard and as an Express workflow, and counts its states and billed transitions', async () => {
    const rows = await measureSagaStates();
    const standard = Object.fromEntries(rows.filter((row) => row.workflow === 'standard').map((row) => [row.path, row]));
    const express = Object.fromEntries(rows.filter((row) => row.workflow === 'express').map((row) => [row.path, row]));

    // Standard: every state entered (and every retry) is a billed transition.
    expect(standard['happy (tok_visa)']).toMatchObject({
      outcome: 'confirmed',
      statesEntered: 2,
      transitions: 2,
      expressExecutions: 0,
      usdPerMillionOrders: 50,
    });
    expect(standard['out of stock']).toMatchObject({ outcome: 'cancelled out_of_stock', statesEntered: 2 });
    expect(standard['declined (tok_declined)']).toMatchObject({ outcome: 'cancelled payment_declined', statesEntered: 3 });
    expect(standard['flaky (tok_flaky: 2 retries)']).toMatchObject({ outcome: 'confirmed', statesEntered: 2, transitions: 4 });
    expect(standard['unavailable (tok_unavailable)']).toMatchObject({ outcome: 'cancelled payment_unavailable', statesEntered: 3, transitions: 6 });
    expect(standard['async, webhook (tok_async)']).toMatchObject({ outcome: 'confirmed', statesEntered: 4 });
    expect(standard['async, timed out']).toMatchObject({ outcome: 'cancelled payment_unavailable', statesEntered: 4 });
    expect(standard['cancelled while pending']).toMatchObject({ outcome: 'cancelled customer_cancelled', statesEntered: 3 });
    expect(standard['cancelled after confirm']).toMatchObject({ outcome: 'cancelled customer_cancelled', statesEntered: 1 });

    // Express: the same states, one request per order saga run; only what waits (Standard) bills transitions.
    for (const [path, row] of Object.entries(standard)) expect({ path, states: express[path]?.statesEntered }).toEqual({ path, states: row.statesEntered });
    expect(express['happy (tok_visa)']).toMatchObject({ outcome: 'confirmed', transitions: 0, expressExecutions: 1, usdPerMillionOrders: 1 });
    expect(express['unavailable (tok_unavailable)']).toMatchObject({ transitions: 0, expressExecutions: 1 });
    expect(express['async, webhook (tok_async)']).toMatchObject({ outcome: 'confirmed', transitions: 2, expressExecutions: 1 });
    expect(express['cancelled after confirm']).toMatchObject({ transitions: 1, expressExecutions: 0 });
  });
});
