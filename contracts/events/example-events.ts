import { eventContract, type EventVersionContract } from './event-catalogue';
import type { EventEnvelope } from './event-envelope';
import { uuidV5 } from './event-id';
import type { DomainEventName } from './event-names';

/** An event exactly as EventBridge hands it to a target (and as the local runtime's bus carries it). */
export interface DeliveredEvent<Detail = unknown> {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Detail;
}

const EXAMPLE_TIME = '2026-03-14T09:26:53Z';
const EXAMPLE_CORRELATION_ID = '7f3c2a91-5d4e-4b8a-9c0f-1e2d3c4b5a69';

/** The example `detail`s of one version of an event, built from the catalogue's example data. */
export function exampleDetails(name: DomainEventName, version?: number): EventEnvelope<unknown>[] {
  const contract = eventContract(name);
  const versionContract = version === undefined ? contract.latest : contract.versions.find((v) => v.version === version);
  if (!versionContract) throw new Error(`${name} has no version ${version}`);
  return exampleDetailsOf(name, versionContract);
}

export function exampleDetailsOf(name: DomainEventName, versionContract: EventVersionContract): EventEnvelope<unknown>[] {
  return versionContract.examples.map((data, index) => ({
    version: versionContract.version,
    id: uuidV5(`example#${name}#v${versionContract.version}#${index}`),
    occurredAt: EXAMPLE_TIME,
    correlationId: EXAMPLE_CORRELATION_ID,
    data,
  }));
}

/** The examples as whole EventBridge events: what docs/events.md shows and the rule tests match. */
export function exampleEvents(name: DomainEventName, version?: number): DeliveredEvent<EventEnvelope<unknown>>[] {
  const { source } = eventContract(name);
  return exampleDetails(name, version).map((detail) => ({
    version: '0',
    id: uuidV5(`example-delivery#${detail.id}`),
    'detail-type': name,
    source,
    account: '111122223333',
    time: EXAMPLE_TIME,
    region: 'eu-central-1',
    resources: [],
    detail,
  }));
}
