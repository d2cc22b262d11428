/** The small catalog `npm start` seeds, so an order can be placed straight away. */
export const seedCatalog = [
  { sku: 'SKU-1', name: 'Espresso beans 1 kg', price: 2490, currency: 'EUR', stock: 100 },
  { sku: 'SKU-2', name: 'Ceramic mug', price: 1290, currency: 'EUR', stock: 50 },
  { sku: 'SKU-3', name: 'Hand grinder', price: 6900, currency: 'EUR', stock: 10 },
  { sku: 'SKU-4', name: 'Milk frother', price: 3900, currency: 'EUR', stock: 3 },
  { sku: 'SKU-5', name: 'Limited-edition kettle', price: 12900, currency: 'EUR', stock: 1 },
];

/**
 * Seeds through the API itself (PUT /products/{sku} as an admin), so seeding takes the same path and
 * validation as any client. A product that already exists (a persisted folder) is left as it is.
 */
export async function seedThroughApi(baseUrl: string, adminToken: string): Promise<number> {
  let created = 0;
  for (const { sku, ...product } of seedCatalog) {
    const url = `${baseUrl}/api/v1/products/${sku}`;
    const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const existing = await fetch(url, { headers });
    if (existing.status === 200) continue;
    const response = await fetch(url, { method: 'PUT', headers, body: JSON.stringify(product) });
    if (response.status !== 201 && response.status !== 200) throw new Error(`seeding ${sku} failed: ${response.status} ${await response.text()}`);
    created += 1;
  }
  return created;
}
