import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';

process.env.TABLE_NAME = 'unit-table';
process.env.CURSOR_SIGNING_KEY = 'unit-cursor-key';

import { handler as adjustStock } from '#inventory/handlers/adjust-stock';
import { handler as getProduct } from '#inventory/handlers/get-product';
import { handler as listProducts } from '#inventory/handlers/list-products';
import { handler as putProduct } from '#inventory/handlers/put-product';

const dynamodb = mockClient(DynamoDBDocumentClient);
beforeEach(() => dynamodb.reset());

const customer = { sub: 'cust-1' };
const admin = { sub: 'admin-1', groups: ['admin'] };
const stored = (sku: string, stock = 5, version = 7) => ({
  pk: `PRODUCT#${sku}`,
  sk: 'PRODUCT',
  gsi1pk: 'PRODUCTS',
  gsi1sk: sku,
  entity: 'product',
  sku,
  name: `Product ${sku}`,
  price: 100,
  currency: 'EUR',
  stock,
  updatedAt: '2026-01-01T00:00:00.000Z',
  version,
});
const view = (sku: string, stock = 5) => ({ sku, name: `Product ${sku}`, price: 100, currency: 'EUR', stock, updatedAt: '2026-01-01T00:00:00.000Z' });
const body = (response: APIGatewayProxyResult) => JSON.parse(response.body) as Record<string, unknown>;

describe('GET /products/{sku}', () => {
  const get = (sku: string, caller: { sub: string } | null = customer, headers: Record<string, string> = {}) =>
    getProduct(
      apiGatewayEvent({ method: 'GET', path: `/api/v1/products/${sku}`, pathParameters: { sku }, caller: caller ?? undefined, headers }),
      lambdaContext(),
    );

  it('answers the product without its keys, with its version as a strong ETag, read consistently', async () => {
    dynamodb.on(GetCommand, { Key: { pk: 'PRODUCT#SKU-1', sk: 'PRODUCT' } }).resolves({ Item: stored('SKU-1') });
    const response = await get('SKU-1');
    expect(response.statusCode).toBe(200);
    expect(body(response)).toEqual(view('SKU-1'));
    expect(response.headers?.etag).toBe('"7"');
    expect(dynamodb.commandCalls(GetCommand)[0]!.args[0].input.ConsistentRead).toBe(true);
  });

  it('answers 304 without a body when If-None-Match names the current tag (weakly compared), else 200', async () => {
    dynamodb.on(GetCommand).resolves({ Item: stored('SKU-1') });
    for (const held of ['"7"', 'W/"7"', '"6", "7"', '*']) {
      const response = await get('SKU-1', customer, { 'If-None-Match': held });
      expect({ held, status: response.statusCode, body: response.body, etag: response.headers?.etag }).toEqual({ held, status: 304, body: '', etag: '"7"' });
    }
    expect((await get('SKU-1', customer, { 'If-None-Match': '"6"' })).statusCode).toBe(200);
    expect((await get('SKU-1', customer, { 'If-None-Match': 'seven' })).statusCode).toBe(400);
  });

  it('an item written before versions existed is version 0', async () => {
    const { version: _none, ...unversioned } = stored('SKU-1');
    dynamodb.on(GetCommand).resolves({ Item: unversioned });
    expect((await get('SKU-1')).headers?.etag).toBe('"0"');
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
  const put = (sku: string, payload: unknown, headers: Record<string, string> = { 'If-None-Match': '*' }, caller: { sub: string; groups?: string[] } = admin) =>
    putProduct(
      apiGatewayEvent({ method: 'PUT', path: `/api/v1/products/${sku}`, pathParameters: { sku }, body: JSON.stringify(payload), caller, headers }),
      lambdaContext(),
    );
  const input = { name: 'Mug', price: 1290, currency: 'EUR', stock: 3 };
  const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

  it('creates with If-None-Match: * only if the sku is free (checked by the write), answering 201 with the ETag', async () => {
    dynamodb.on(UpdateCommand).resolves({ Attributes: { ...stored('SKU-9', 3, 1), ...input } });
    const created = await put('SKU-9', input);
    expect(created.statusCode).toBe(201);
    expect(body(created)).toMatchObject({ sku: 'SKU-9', ...input });
    expect(created.headers?.etag).toBe('"1"');
    expect(dynamodb.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      TableName: 'unit-table',
      Key: { pk: 'PRODUCT#SKU-9', sk: 'PRODUCT' },
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValues: 'ALL_NEW',
      ExpressionAttributeValues: expect.objectContaining({ ':gsi1pk': 'PRODUCTS', ':sku': 'SKU-9', ':stock': 3 }),
    });
    expect(dynamodb.commandCalls(UpdateCommand)[0]!.args[0].input.UpdateExpression).toContain('#version = if_not_exists(#version, :zero) + :one');
  });

  it('answers 412 to If-None-Match: * when the product exists, having changed nothing', async () => {
    dynamodb.on(UpdateCommand).rejects(conditionFailed());
    const response = await put('SKU-9', input);
    expect(response.statusCode).toBe(412);
    expect(body(response)).toMatchObject({ type: 'urn:ordersaga:problem:precondition-failed', status: 412 });
  });

  it("replaces with If-Match only the version it names, in the write's own condition: 200 with the new ETag, or 412", async () => {
    dynamodb
      .on(UpdateCommand)
      .resolvesOnce({ Attributes: stored('SKU-9', 3, 8) })
      .rejectsOnce(conditionFailed());
    const replaced = await put('SKU-9', input, { 'If-Match': '"7"' });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.headers?.etag).toBe('"8"');
    expect(dynamodb.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      ConditionExpression: '(attribute_exists(pk) AND #version IN (:expected0))',
      ExpressionAttributeValues: expect.objectContaining({ ':expected0': 7 }),
    });
    expect((await put('SKU-9', input, { 'If-Match': '"7"' })).statusCode).toBe(412);
    expect(dynamodb.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('answers 412 without writing to an If-Match that can never hold (a weak tag, a tag we never issued)', async () => {
    for (const tag of ['W/"7"', '"seven"']) expect((await put('SKU-9', input, { 'If-Match': tag })).statusCode).toBe(412);
    expect(dynamodb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('replaces whatever is there with If-Match: *, and a product written before versions existed with If-Match: "0"', async () => {
    dynamodb.on(UpdateCommand).resolves({ Attributes: stored('SKU-9', 3, 1) });
    expect((await put('SKU-9', input, { 'If-Match': '*' })).statusCode).toBe(200);
    expect(dynamodb.commandCalls(UpdateCommand)[0]!.args[0].input.ConditionExpression).toBe('attribute_exists(pk)');
    expect((await put('SKU-9', input, { 'If-Match': '"0"' })).statusCode).toBe(200);
    expect(dynamodb.commandCalls(UpdateCommand)[1]!.args[0].input.ConditionExpression).toContain('attribute_not_exists(#version)');
  });

  it('answers 428 to a PUT without a precondition, and 400 to a malformed or contradictory one, without writing', async () => {
    const unconditional = await put('SKU-9', input, {});
    expect(unconditional.statusCode).toBe(428);
    expect(body(unconditional)).toMatchObject({ type: 'urn:ordersaga:problem:precondition-required', status: 428 });
    expect((await put('SKU-9', input, { 'If-Match': '7' })).statusCode).toBe(400);
    expect((await put('SKU-9', input, { 'If-None-Match': '"7"' })).statusCode).toBe(400);
    expect((await put('SKU-9', input, { 'If-Match': '"7"', 'If-None-Match': '*' })).statusCode).toBe(400);
    expect(dynamodb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('answers 403 to a customer and 400 to an invalid body, without writing', async () => {
    expect((await put('SKU-9', input, { 'If-None-Match': '*' }, customer)).statusCode).toBe(403);
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

  it('adds the delta in one conditional update, counting the version up, and answers the product as it is now with its ETag', async () => {
    dynamodb.on(UpdateCommand).resolves({ Attributes: stored('SKU-1', 2, 8) });
    const response = await adjust('SKU-1', { delta: -3 });
    expect(response.statusCode).toBe(200);
    expect(body(response)).toEqual(view('SKU-1', 2));
    expect(response.headers?.etag).toBe('"8"');
    expect(dynamodb.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      UpdateExpression: 'SET stock = stock + :delta, updatedAt = :now, #version = if_not_exists(#version, :zero) + :one',
      ConditionExpression: 'attribute_exists(pk) AND stock BETWEEN :min AND :max',
      ExpressionAttributeValues: expect.objectContaining({ ':delta': -3, ':min': 3 }),
    });
    expect(dynamodb.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('answers 409 when stock would go below 0', async () => {
    dynamodb
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, Item: { stock: { N: '1' } } }));
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
    expect(dynamodb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      IndexName: 'gsi1',
      Limit: 3,
      ExpressionAttributeValues: { ':catalog': 'PRODUCTS' },
    });

    dynamodb.reset();
    dynamodb.on(QueryCommand).resolves({ Items: [stored('C')] });
    const next = await list(`limit=2&cursor=${encodeURIComponent(page.nextCursor as string)}`);
    expect(body(next)).toEqual({ items: [view('C')] });
    expect(dynamodb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      KeyConditionExpression: 'gsi1pk = :catalog AND gsi1sk > :after',
      ExpressionAttributeValues: { ':after': 'B' },
    });
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
