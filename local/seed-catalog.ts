import { routePath } from '#lib/wiring';
/** The small catalog `npm start` seeds, so an order can be placed straight away. */
export const seedCatalog = [
  { sku: 'SKU-1', name: 'Espresso beans 1 kg', price: 2490, currency: 'EUR', stock: 100 },
  { sku: 'SKU-2', name: 'Ceramic mug', price: 1290, currency: 'EUR', stock: 50 },
  { sku: 'SKU-3', name: 'Hand grinder', price: 6900, currency: 'EUR', stock: 10 },
  { sku: 'SKU-4', name: 'Milk frother', price: 3900, currency: 'EUR', stock: 3 },
  { sku: 'SKU-5', name: 'Limited-edition kettle', price: 12900, currency: 'EUR', stock: 1 },
];

/**
 * Seeds through the API itself (putProduct as an admin), so seeding takes the same path and
 * validation as any client. Each PUT creates only (`If-None-Match: *`): a product that already exists
 * (a persisted folder) answers 412 and is left as it is, stock and all.
 */
export async function seedThroughApi(baseUrl: string, adminToken: string): Promise<number> {
  let created = 0;
  for (const { sku, ...product } of seedCatalog) {
    const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', 'if-none-match': '*' };
    const response = await fetch(`${baseUrl}${routePath('putProduct', { sku })}`, { method: 'PUT', headers, body: JSON.stringify(product) });
    if (response.status === 412) {
      await response.arrayBuffer();
      continue;
    }
    if (response.status !== 201) throw new Error(`seeding ${sku} failed: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    created += 1;
  }
  return created;
}
