import { handler } from '#platform/handlers/health';
import { apiGatewayEvent, lambdaContext } from '#test/support/api-gateway-event';

describe('GET /api/v1/health', () => {
  it('answers 200 {status:"ok"} and echoes the correlation id', async () => {
    const response = await handler(apiGatewayEvent({ method: 'GET', path: '/api/v1/health', headers: { 'X-Correlation-Id': 'corr-1' } }), lambdaContext());
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
    expect(response.headers?.['x-correlation-id']).toBe('corr-1');
  });
});
