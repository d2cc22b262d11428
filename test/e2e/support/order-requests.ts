/** A valid POST /api/v1/orders body for one line; the card token picks the simulator's behaviour (local/payments/test-card-tokens.ts). */
export const orderBody = (sku: string, quantity = 1, paymentToken = 'tok_visa') => ({
  items: [{ sku, quantity }],
  shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  payment: { method: 'card', token: paymentToken },
});
