import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';
import { startLocalTable, type LocalTable } from './local-table';

jest.setTimeout(120_000);

type Handler = typeof import('#inventory/handlers/get-product')['handler'];
let table: LocalTable;
let handlers: { getProduct: Handler; putProduct: Handler; adjustStock: Handler; listProducts: Handler };
let reservations: typeof import('#saga/adapters/stock-reservation-store');

beforeAll(async () => {
  table = await startLocalTable('catalog');
  // Imported only now: the handlers' DynamoDB client reads the endpoint the table set.
  handlers = {
    getProduct: (await import('#inventory/handlers/get-product')).handler,
    putProduct: (await import('#inventory/handlers/put-product')).handler,
    adjustStock: (await import('#inventory/handlers/adjust-stock')).handler,
    listProducts: (await import('#inventory/handlers/list-products')).handler,
  };
  reservations = await import('#saga/adapters/stock-reservation-store');
});

afterAll(async () => {
  await table?.stop();
});

const admin = { sub: 'admin-1', groups: ['admin'] };
const customer = { sub: 'cust-1' };
const body = (response: APIGatewayProxyResult) => JSON.parse(response.body) as Record<string, unknown>;

/** A PUT with a precondition: create (`If-None-Match: *`, the default) or replace (`If-Match`). */
const put = (sku: string, product: Record<string, unknown>, headers: Record<string, string> = { 'If-None-Match': '*' }) =>
  handlers.putProduct(
    apiGatewayEvent({ method: 'PUT', path: `/api/v1/products/${sku}`, pathParameters: { sku }, body: JSON.stringify(product), caller: admin, headers }),
    lambdaContext(),
  );
const get = (sku: string, headers: Record<string, string> = {}) =>
  handlers.getProduct(apiGatewayEvent({ method: 'GET', path: `/api/v1/products/${sku}`, pathParameters: { sku }, caller: customer, headers }), lambdaContext());
const etagOf = (response: APIGatewayProxyResult) => String(response.headers?.etag);
const adjust = (sku: string, delta: number) =>
  handlers.adjustStock(
    apiGatewayEvent({
      method: 'POST',
      path: `/api/v1/products/${sku}/stock-adjustments`,
      pathParameters: { sku },
      body: JSON.stringify({ delta }),
      caller: admin,
    }),
    lambdaContext(),
  );
const list = (query: string) => handlers.listProducts(apiGatewayEvent({ method: 'GET', path: '/api/v1/products', query, caller: customer }), lambdaContext());

describe('PUT and GET /products/{sku}', () => {
  it('creates (201), replaces with the ETag it read (200) and reads a product', async () => {
    const created = await put('MUG', { name: 'Mug', price: 1290, currency: 'EUR', stock: 5 });
    expect(created.statusCode).toBe(201);
    expect(etagOf(created)).toBe('"1"');
    const replaced = await put('MUG', { name: 'Big mug', price: 1490, currency: 'EUR', stock: 7 }, { 'If-Match': etagOf(await get('MUG')) });
    expect(replaced.statusCode).toBe(200);
    const read = await get('MUG');
    expect(read.statusCode).toBe(200);
    expect(body(read)).toEqual({ sku: 'MUG', name: 'Big mug', price: 1490, currency: 'EUR', stock: 7, updatedAt: body(replaced).updatedAt });
    expect(etagOf(read)).toBe(etagOf(replaced));
    expect((await get('MUG', { 'If-None-Match': etagOf(read) })).statusCode).toBe(304);
    const { Item } = await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: { pk: 'PRODUCT#MUG', sk: 'PRODUCT' } }));
    expect(Item).toMatchObject({ entity: 'product', gsi1pk: 'PRODUCTS', gsi1sk: 'MUG', version: 2 });
  });

  it('answers 404 for an unknown sku', async () => {
    expect((await get('NO-SUCH-SKU')).statusCode).toBe(404);
  });

  it('of concurrent creations of one sku, exactly one answers 201; the others 412 and change nothing', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => put('RACE', { name: `Race ${i}`, price: 1, currency: 'EUR', stock: 1 })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 412, 412, 412, 412, 412, 412, 412, 412, 412]);
    expect(body(await get('RACE')).name).toBe(body(answers.find((a) => a.statusCode === 201)!).name);
  });

  it('of concurrent replacements from one read, exactly one wins', async () => {
    await put('TWICE', { name: 'Twice', price: 1, currency: 'EUR', stock: 1 });
    const tag = etagOf(await get('TWICE'));
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => put('TWICE', { name: `Twice ${i}`, price: 1, currency: 'EUR', stock: 1 }, { 'If-Match': tag })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 412, 412, 412, 412]);
  });

  it('refuses a PUT without a precondition (428) and changes nothing', async () => {
    await put('NAKED', { name: 'Naked', price: 1, currency: 'EUR', stock: 4 });
    expect((await put('NAKED', { name: 'Naked', price: 1, currency: 'EUR', stock: 99 }, {})).statusCode).toBe(428);
    expect(body(await get('NAKED')).stock).toBe(4);
  });

  it('replaces a product written before versions existed: it reads as version 0, and If-Match "0" holds', async () => {
    await table.documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          pk: 'PRODUCT#OLD',
          sk: 'PRODUCT',
          entity: 'product',
          gsi1pk: 'PRODUCTS',
          gsi1sk: 'OLD',
          sku: 'OLD',
          name: 'Old',
          price: 1,
          currency: 'EUR',
          stock: 2,
          updatedAt: '2026-01-01T00:00:00.000Z',
        },
      }),
    );
    const read = await get('OLD');
    expect(etagOf(read)).toBe('"0"');
    const replaced = await put('OLD', { name: 'Old', price: 2, currency: 'EUR', stock: 2 }, { 'If-Match': etagOf(read) });
    expect(replaced.statusCode).toBe(200);
    expect(etagOf(replaced)).toBe('"1"');
  });
});

describe('a stale save cannot bring sold stock back (lost update)', () => {
  const product = { name: 'Scarce', price: 500, currency: 'EUR', stock: 5 };
  const pendingOrder = async (orderId: string) => {
    await table.documentClient.send(
      new PutCommand({ TableName: table.tableName, Item: { pk: `ORDER#${orderId}`, sk: 'ORDER', entity: 'order', id: orderId, status: 'pending' } }),
    );
  };

  it('an admin who read the product before the saga reserved stock gets 412, and the stock the order holds stays taken', async () => {
    await put('SCARCE', product);
    const before = await get('SCARCE');
    await pendingOrder('ORDER-LOST-1');
    const write = { orderId: 'ORDER-LOST-1', lines: [{ sku: 'SCARCE', quantity: 3 }], correlationId: 'c-1', now: new Date() };
    await reservations.reserveStock(write);

    const afterReservation = await get('SCARCE');
    expect(body(afterReservation).stock).toBe(2);
    expect(etagOf(afterReservation)).not.toBe(etagOf(before));

    // The admin saves the product as they read it (stock 5), renamed: refused, nothing changes.
    const stale = await put('SCARCE', { ...product, name: 'Scarce (renamed)' }, { 'If-Match': etagOf(before) });
    expect(stale.statusCode).toBe(412);
    expect(body(await get('SCARCE'))).toMatchObject({ name: 'Scarce', stock: 2 });

    // The release counts the version up too: a tag read while the stock was reserved is stale after it.
    await reservations.releaseStock(write);
    const afterRelease = await get('SCARCE');
    expect(body(afterRelease).stock).toBe(5);
    expect(etagOf(afterRelease)).not.toBe(etagOf(afterReservation));
    expect((await put('SCARCE', product, { 'If-Match': etagOf(afterReservation) })).statusCode).toBe(412);
    // Read again, the save goes through.
    expect((await put('SCARCE', { ...product, stock: 6 }, { 'If-Match': etagOf(afterRelease) })).statusCode).toBe(200);
  });

  it('a stock adjustment since the read makes the read stale too', async () => {
    await put('ADJUSTED', product);
    const before = await get('ADJUSTED');
    const adjusted = await adjust('ADJUSTED', -2);
    expect(etagOf(adjusted)).not.toBe(etagOf(before));
    expect((await put('ADJUSTED', product, { 'If-Match': etagOf(before) })).statusCode).toBe(412);
    expect(body(await get('ADJUSTED')).stock).toBe(3);
    expect((await put('ADJUSTED', product, { 'If-Match': etagOf(adjusted) })).statusCode).toBe(200);
  });
});

describe('POST /products/{sku}/stock-adjustments', () => {
  it('of 50 concurrent removals of 1 from a stock of 20, exactly 20 succeed and stock ends at 0', async () => {
    await put('HOT', { name: 'Limited kettle', price: 12900, currency: 'EUR', stock: 20 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => adjust('HOT', -1)));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(30);
    // Every success saw a distinct stock level: 19, 18, …, 0.
    expect(
      answers
        .filter((a) => a.statusCode === 200)
        .map((a) => body(a).stock as number)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(body(await get('HOT')).stock).toBe(0);
  });

  it('loses no concurrent addition', async () => {
    await put('BULK', { name: 'Bulk', price: 1, currency: 'EUR', stock: 0 });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => adjust('BULK', i + 1)));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(body(await get('BULK')).stock).toBe((30 * 31) / 2);
  });

  it('refuses a removal below 0 with 409, saying what the stock is, and changes nothing', async () => {
    await put('FEW', { name: 'Few', price: 1, currency: 'EUR', stock: 3 });
    const refused = await adjust('FEW', -4);
    expect(refused.statusCode).toBe(409);
    expect(body(refused).detail).toBe('Stock of FEW is 3: removing 4 would take it below 0.');
    expect(body(await get('FEW')).stock).toBe(3);
    expect(body(await adjust('FEW', -3)).stock).toBe(0);
  });

  it('answers 404 for an unknown sku and creates nothing', async () => {
    expect((await adjust('GHOST', 5)).statusCode).toBe(404);
    const { Item } = await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: { pk: 'PRODUCT#GHOST', sk: 'PRODUCT' } }));
    expect(Item).toBeUndefined();
  });
});

describe('GET /products', () => {
  const skus = Array.from({ length: 57 }, (_, i) => `PAGE-${String(i).padStart(3, '0')}`);

  beforeAll(async () => {
    // Created out of order: the listing orders them, not the insertion.
    for (const sku of [...skus].reverse()) await put(sku, { name: sku, price: 100, currency: 'EUR', stock: 1 });
  });

  async function everySkuInTable(): Promise<string[]> {
    const { Items = [] } = await table.documentClient.send(
      new ScanCommand({ TableName: table.tableName, FilterExpression: 'entity = :product', ExpressionAttributeValues: { ':product': 'product' } }),
    );
    return Items.map((item) => item.sku as string).sort();
  }

  it.each([1, 7, 20, 57, 100])('walks the whole catalog in sku order with limit=%d: no duplicate, no gap, no empty last page', async (limit) => {
    const expected = await everySkuInTable();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await list(`limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page = body(response) as { items: { sku: string }[]; nextCursor?: string };
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((item) => item.sku));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / limit));
    expect(seen).toEqual(expect.arrayContaining(skus));
  });

  it('answers 20 products by default', async () => {
    expect((body(await list('')).items as unknown[]).length).toBe(20);
  });

  it('refuses a tampered cursor with 400', async () => {
    const cursor = body(await list('limit=5')).nextCursor as string;
    const tampered = cursor.replace(/^./, (c) => (c === 'e' ? 'f' : 'e'));
    const response = await list(`cursor=${encodeURIComponent(tampered)}`);
    expect(response.statusCode).toBe(400);
    expect(body(response).errors).toEqual([{ path: 'cursor', message: 'not a cursor this listing issued' }]);
  });
});
