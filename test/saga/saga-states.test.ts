import { measureSagaStates } from '#bench/saga-states';

/** The bench's figures are the state machine's: they must not drift from what docs/saga.md promises. */
describe('states entered per order (bench/saga-states.ts)', () => {
  it('runs every path through the real ASL and counts its states and billed transitions', async () => {
    const rows = await measureSagaStates();
    const byPath = Object.fromEntries(rows.map((row) => [row.path, row]));

    expect(byPath['happy (tok_visa)']).toMatchObject({ outcome: 'confirmed', statesEntered: 3, transitions: 3, usdPerMillionOrders: 75 });
    expect(byPath['out of stock']).toMatchObject({ outcome: 'cancelled out_of_stock', statesEntered: 2 });
    expect(byPath['declined (tok_declined)']).toMatchObject({ outcome: 'cancelled payment_declined', statesEntered: 3 });
    expect(byPath['flaky (tok_flaky: 2 retries)']).toMatchObject({ outcome: 'confirmed', statesEntered: 3, transitions: 5 });
    expect(byPath['unavailable (tok_unavailable)']).toMatchObject({ outcome: 'cancelled payment_unavailable', statesEntered: 3, transitions: 6 });
    expect(byPath['async, webhook (tok_async)']).toMatchObject({ outcome: 'confirmed', statesEntered: 5 });
    expect(byPath['async, timed out']).toMatchObject({ outcome: 'cancelled payment_unavailable', statesEntered: 4 });
    expect(byPath['cancelled while pending']).toMatchObject({ outcome: 'cancelled customer_cancelled', statesEntered: 4 });
    expect(byPath['cancelled after confirm']).toMatchObject({ outcome: 'cancelled customer_cancelled', statesEntered: 1 });
  });
});
