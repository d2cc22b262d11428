import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookSender } from '#contracts/payment-provider/webhook-delivery';
import { verifyWebhookSignature } from '#contracts/payment-provider/webhook-signature';

interface Received {
  signature: string | undefined;
  body: string;
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((done) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
  });

describe('webhookSender', () => {
  it('posts the event after the delay, signed so that our webhook route accepts it, retrying a refusal', async () => {
    const received: Received[] = [];
    let answered!: () => void;
    const accepted = new Promise<void>((done) => (answered = done));
    const server = createServer(async (request, response) => {
      received.push({ signature: request.headers['stripe-signature'] as string | undefined, body: await readBody(request) });
      // Refuse the first delivery, accept the second.
      response.statusCode = received.length === 1 ? 503 : 204;
      response.end();
      if (received.length === 2) answered();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/webhooks/payments`;
      const send = webhookSender({ url, delayMs: 20, secret: async () => 'shh' });
      send({ id: 'evt_1', type: 'payment.authorized', data: { paymentId: 'p1' } });
      expect(received).toHaveLength(0);
      await accepted;
      for (const delivery of received) {
        expect(JSON.parse(delivery.body)).toEqual({ id: 'evt_1', type: 'payment.authorized', data: { paymentId: 'p1' } });
        expect(verifyWebhookSignature(delivery.signature, delivery.body, 'shh', new Date()).valid).toBe(true);
      }
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
