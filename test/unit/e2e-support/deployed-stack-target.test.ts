import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createTokenVerifier } from '#identity/adapters/jose-token-verifier';
import { startE2eTarget } from '#test/e2e/support/e2e-target';
import { generateIssuerKeys, writeIssuerKeys } from '#test/e2e/support/issuer-keys';
import { scratchDir } from '#test/support/scratch-dirs';

/** Answers like API Gateway does for a path it has no resource for. */
function fakeGateway(): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(403, { 'content-type': 'application/json' });
    response.end('{"message":"Missing Authentication Token"}');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dev/` })),
  );
}

describe('startE2eTarget with API_URL of a deployed stack', () => {
  const sqs = mockClient(SQSClient);
  const saved = { ...process.env };
  let gateway: { server: Server; url: string };

  beforeAll(async () => {
    gateway = await fakeGateway();
  });

  afterAll(() => {
    gateway.server.close();
  });

  afterEach(() => {
    process.env = { ...saved };
    sqs.reset();
  });

  const keyFiles = async () => {
    const keys = await generateIssuerKeys();
    return { keys, files: await writeIssuerKeys(scratchDir('e2e-target-'), keys) };
  };

  it('is a black box: tokens signed for the stage issuer, events from the tap queue, no local endpoints, no throttling assumed off AWS', async () => {
    const { keys, files } = await keyFiles();
    Object.assign(process.env, {
      API_URL: gateway.url,
      E2E_EVENTS_QUEUE_URL: 'http://sqs.example/000000000000/tap',
      E2E_SIGNING_KEY_FILE: files.privateKeyFile,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    sqs.on(ReceiveMessageCommand).resolves({});
    const target = await startE2eTarget();
    try {
      expect(target.description).toBe(`the deployed stack at ${gateway.url.replace(/\/$/, '')}`);
      expect(target.capabilities).toEqual({
        localEndpoints: false,
        throttlesLikeStage: false,
        simulatorSendsAsyncWebhooks: false,
        readsSentMessages: false,
        emailFeedback: false,
      });
      expect(target.webhookSecret).toBeUndefined();
      const verify = createTokenVerifier({
        issuer: 'https://ordersaga.localstack.test/issuer',
        audience: 'ordersaga-localstack',
        jwksJson: JSON.stringify(keys.publicJwks),
      });
      await expect(verify(await target.tokenFor('root', ['admin']))).resolves.toEqual({ sub: 'root', groups: ['admin'] });
      await expect(target.events.seen()).resolves.toEqual([]);
      expect(sqs.commandCalls(ReceiveMessageCommand)[0]!.args[0].input.QueueUrl).toBe('http://sqs.example/000000000000/tap');
      await expect(target.executionsOf('o-1')).rejects.toThrow(/no \/_local\/executions/);
    } finally {
      await target.stop();
    }
  });

  it('says what is missing: the signing key, the tap queue', async () => {
    const { files } = await keyFiles();
    Object.assign(process.env, {
      API_URL: gateway.url,
      E2E_SIGNING_KEY_FILE: path.join(path.dirname(files.privateKeyFile), 'absent.json'),
      E2E_EVENTS_QUEUE_URL: 'http://sqs.example/1/tap',
    });
    await expect(startE2eTarget()).rejects.toThrow(/No signing key at .*absent\.json\. Run npm run e2e:keys/);
    Object.assign(process.env, { E2E_SIGNING_KEY_FILE: files.privateKeyFile, E2E_EVENTS_QUEUE_URL: '' });
    await expect(startE2eTarget()).rejects.toThrow(/E2E_EVENTS_QUEUE_URL is required .*EventsTestTapQueueUrl/);
  });
});
