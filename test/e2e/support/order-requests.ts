/** A valid POST /api/v1/orders body for one line (SPEC §2); the card token picks the simulator's behaviour (SPEC §3). */
export const orderBody = (sku: string, quantity = 1, paymentToken = 'tok_visa') => ({
  items: [{ sku, quantity }],
  shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  payment: { method: 'card', token: paymentToken },
});
