// Where this emulation still differs from AWS, and why that is safe: docs/local-runtime-fidelity.md#the-aws-endpoint.
import type { LocalSes } from '../ses/local-ses';
import type { LocalSns } from '../sns/local-sns';
import { AwsApiServer, type JsonProtocolService } from './aws-api-server';

/**
 * The runtime's AWS endpoint (README, "AWS tools against the local runtime"): the functions' SDK
 * clients reach every emulated service through it (AWS_ENDPOINT_URL_<SERVICE>), and so can a person's
 * AWS CLI, SDK script or NoSQL Workbench. DynamoDB and DynamoDB Streams go on to DynamoDB Local; the
 * rest is served in this process.
 */
export interface LocalAwsEndpointSettings {
  /** 0 picks a free port (tests); `npm start` uses a fixed one. */
  port: number;
  /** Step Functions and EventBridge, by their JSON protocol's target prefix. */
  jsonServices: JsonProtocolService[];
  /** Where DynamoDB requests go (the traffic proxy when it is on) and where DynamoDB Streams requests go. */
  dynamoDb: { endpoint: string; streamsEndpoint: string };
  ses: LocalSes;
  sns: LocalSns;
}

export interface LocalAwsEndpoint {
  url: string;
  close(): Promise<void>;
}

export async function startLocalAwsEndpoint(settings: LocalAwsEndpointSettings): Promise<LocalAwsEndpoint> {
  const { ses, sns } = settings;
  const server = new AwsApiServer(settings.jsonServices, {
    forward: [
      { targetPrefixes: ['DynamoDB_20120810'], endpoint: () => settings.dynamoDb.endpoint },
      { targetPrefixes: ['DynamoDBStreams_20120810'], endpoint: () => settings.dynamoDb.streamsEndpoint },
    ],
    // SES API v2's REST paths (SES API v2 Reference: SendEmail, CreateEmailTemplate, GetEmailTemplate, DeleteEmailTemplate, ListConfigurationSets).
    restJson: [
      { method: 'POST', path: /^\/v2\/email\/outbound-emails$/, action: ({ body }) => ses.sendEmail(body) },
      { method: 'POST', path: /^\/v2\/email\/templates$/, action: ({ body }) => ses.createEmailTemplate(body) },
      { method: 'GET', path: /^\/v2\/email\/templates\/([^/]+)$/, action: ({ labels }) => ses.getEmailTemplate(labels[0]!) },
      { method: 'DELETE', path: /^\/v2\/email\/templates\/([^/]+)$/, action: ({ labels }) => ses.deleteEmailTemplate(labels[0]!) },
      { method: 'GET', path: /^\/v2\/email\/configuration-sets$/, action: () => ses.listConfigurationSets() },
    ],
    query: [{ signingName: 'sns', xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/', actions: { Publish: (parameters) => sns.publish(parameters) } }],
  });
  const url = await server.listen(settings.port);
  return { url, close: () => server.close() };
}
