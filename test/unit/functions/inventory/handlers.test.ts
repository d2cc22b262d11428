import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { apiGatewayEvent, lambdaContext } from '../../../support/api-gateway-event';

process.env.TABLE_NAME = 'unit-table';
process.env.CURSOR_SIGNING_KEY = 'unit-cursor-key';

import { handler as adjustStock } from '../../../../functions/inventory/handlers/adjust-stock';
import { handler as getProduct } from '../../../../functions/inventory/handlers/get-product';
import { handler as listProducts } from '../../../../functions/inventory/handlers/list-products';
import { handler as putProduct } from '../../../../functions/inventory/handlers/put-product';

const dynamodb = mockClient(DynamoDBDocumentClient);
beforeEach(() => dynamodb.reset());

const customer = { sub: 'cust-1' };
const admin = { sub: 'admin-1', groups: ['admin'] };
const stored = (sku: string, stock = 5) => ({ pk: `PRODUCT#${sku}`, sk: 'PRODUCT', gsi1pk: 'PRODUCTS', gsi1sk: sku, entity: 'product', sku, name: `Product ${sku}`, price: 100, currency: 'EUR', stock, updatedAt: '2026-01-01T00:00:00.000Z' });
const view = (sku: string, stock = 5) => ({ sku, name: `Product ${sku}`, price: 100, currency: 'EUR', stock, updatedAt: '2026-01-01T00:00:00.000Z' });
const body = (response: APIGatewayProxyResult) => JSON.parse(response.body) as Record<string, unknown>;

describe('GET /products/{sku}', () => {
  const get = (sku: string, caller: { sub: string } | null = customer) =>
    getProduct(apiGatewayEvent({ method: 'GET', path: `/api/v1/products/${sku}`, pathParameters: { sku }, caller: caller ?? undefined }), lambdaContext());

  it('answers the product without its keys', async () => {
    dynamodb.on(GetCommand, { Key: { pk: 'PRODUCT#SKU-1', sk: 'PRODUCT' } }).resolves({ Item: stored('SKU-1') });
    const response = await get('SKU-1');
    expect(response.statusCode).toBe(200);
    expect(body(response)).toEqual(view('SKU-1'));
  });

  it('answers 404 problem+json for an unknown sku', async () => {
    dynamodb.on(GetCommand).resolves({});
    const response = await get('NOPE');
    expect(response.statusCode).toBe(404);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
  });

  it('answers 400 for a malformed sku and 401 without a caller', async () => {
    expect((await get('bad sku')).statusCode).toBe(400);
    expect((await get('SKU-1', null)).statusCode).toBe(401);
  });
});

describe('PUT /products/{sku}', () => {
  const put = (sku: string, payload: unknown, caller: { sub: string; groups?: string[] } = admin) =>
    putProduct(apiGatewayEvent({ method: 'PUT', path: `/api/v1/products/${sku}`, pathParameters: { sku }, body: JSON.stringify(payload), caller }), lambdaContext());
  const input = { name: 'Mug', price: 1290, currency: 'EUR', stock: 3 };

  it('answers 201 when it created the product, 200 when it replaced one', async () => {
    dynamodb.on(UpdateCommand).resolvesOnce({}).resolvesOnce({ Attributes: stored('SKU-9') });
    const created = await put('SKU-9', input);
    expect(created.statusCode).toBe(201);
    expect(body(created)).toMatchObject({ sku: 'SKU-9', ...input });
    expect((await put('SKU-9', input)).statusCode).toBe(200);
  });

  it('writes every attribute in one update, keeping the catalog index keys', async () => {
    dynamodb.on(UpdateCommand).resolves({});
    await put('SKU-9', input);
    const [call] = dynamodb.commandCalls(UpdateCommand);
    expect(call!.args[0].input).toMatchObject({
      TableName: 'unit-table',
      Key: { pk: 'PRODUCT#SKU-9', sk: 'PRODUCT' },
      ReturnValues: 'ALL_OLD',
      ExpressionAttributeValues: expect.objectContaining({ ':gsi1pk': 'PRODUCTS', ':sku': 'SKU-9', ':stock': 3 }),
    });
  });

  it('answers 403 to a customer and 400 to an invalid body, without writing', async () => {
    expect((await put('SKU-9', input, customer)).statusCode).toBe(403);
    const invalid = await put('SKU-9', { ...input, price: -1, colour: 'red' });
    expect(invalid.statusCode).toBe(400);
    expect(body(invalid).errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/price' }), expect.objectContaining({ path: '/' })]));
    expect(dynamodb.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});

describe('POST /products/{sku}/stock-adjustments', () => {
  const adjust = (sku: string, payload: unknown, caller: { sub: string; groups?: string[] } = admin) =>
    adjustStock(
      apiGatewayEvent({ method: 'POST', path: `/api/v1/products/${sku}/stock-adjustments`, pathParameters: { sku }, body: JSON.stringify(payload), caller }),
      lambdaContext(),
    );

  it('adds the delta in one conditional update and answers the product as it is now', async () => {
    dynamodb.on(UpdateCommand).resolves({ Attributes: stored('SKU-1', 2) });
    const response = await adjust('SKU-1', { delta: -3 });
    expect(response.statusCode).toBe(200);
    expect(body(response)).toEqual(view('SKU-1', 2));
    expect(dynamodb.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      UpdateExpression: 'SET stock = stock + :delta, updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND stock BETWEEN :min AND :max',
      ExpressionAttributeValues: expect.objectContaining({ ':delta': -3, ':min': 3 }),
    });
    expect(dynamodb.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('answers 409 when stock would go below 0', async () => {
    dynamodb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, Item: { stock: { N: '1' } } }));
    const response = await adjust('SKU-1', { delta: -2 });
    expect(response.statusCode).toBe(409);
    expect(body(response).detail).toContain('is 1');
  });

  it('answers 404 for an unknown sku', async () => {
    dynamodb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    expect((await adjust('SKU-404', { delta: 1 })).statusCode).toBe(404);
  });

  it('answers 400 for a zero delta and 403 to a customer', async () => {
    expect((await adjust('SKU-1', { delta: 0 })).statusCode).toBe(400);
    expect((await adjust('SKU-1', { delta: 1 }, customer)).statusCode).toBe(403);
    expect(dynamodb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('answers a generic 500 that leaks no table name when DynamoDB fails', async () => {
    dynamodb.on(UpdateCommand).rejects(new Error('Requested resource not found: Table: unit-table not found'));
    const response = await adjust('SKU-1', { delta: 1 });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('unit-table');
  });
});

describe('GET /products', () => {
  const list = (query = '') => listProducts(apiGatewayEvent({ method: 'GET', path: '/api/v1/products', query, caller: customer }), lambdaContext());

  it('reads one item more than the page to know whether a cursor is due', async () => {
    dynamodb.on(QueryCommand).resolves({ Items: [stored('A'), stored('B'), stored('C')] });
    const response = await list('limit=2');
    expect(response.statusCode).toBe(200);
    const page = body(response);
    expect(page.items).toEqual([view('A'), view('B')]);
    expect(typeof page.nextCursor).toBe('string');
    expect(dynamodb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({ IndexName: 'gsi1', Limit: 3, ExpressionAttributeValues: { ':catalog': 'PRODUCTS' } });

    dynamodb.reset();
    dynamodb.on(QueryCommand).resolves({ Items: [stored('C')] });
    const next = await list(`limit=2&cursor=${encodeURIComponent(page.nextCursor as string)}`);
    expect(body(next)).toEqual({ items: [view('C')] });
    expect(dynamodb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({ KeyConditionExpression: 'gsi1pk = :catalog AND gsi1sk > :after', ExpressionAttributeValues: { ':after': 'B' } });
  });

  it('answers a last page without a cursor, and the default page size is 20', async () => {
    dynamodb.on(QueryCommand).resolves({ Items: [stored('A')] });
    expect(body(await list())).toEqual({ items: [view('A')] });
    expect(dynamodb.commandCalls(QueryCommand)[0]!.args[0].input.Limit).toBe(21);
  });

  it.each(['limit=0', 'limit=101', 'limit=x', 'cursor=abc', 'cursor=eyJhZnRlclNrdSI6IkIifQ.AAAA'])('answers 400 to %s', async (query) => {
    const response = await list(query);
    expect(response.statusCode).toBe(400);
    expect(dynamodb.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('refuses a cursor whose position was edited', async () => {
    dynamodb.on(QueryCommand).resolves({ Items: [stored('A'), stored('B')] });
    const cursor = body(await list('limit=1')).nextCursor as string;
    const [, mac] = cursor.split('.');
    const edited = `${Buffer.from(JSON.stringify({ afterSku: 'Z' })).toString('base64url')}.${mac}`;
    expect((await list(`cursor=${edited}`)).statusCode).toBe(400);
  });
});
