/**
 * An event as EventBridge hands it to a target (and as GET /_local/events lists it): the envelope fields
 * in EventBridge's order, `time` at second precision, `detail` parsed from the PutEvents entry.
 */
import { randomUUID } from 'node:crypto';

export interface CarriedEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  /** ISO 8601 UTC without milliseconds, e.g. `2017-12-22T18:43:48Z`. */
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

/** EventBridge's timestamp format: seconds precision, `Z`. */
export const eventTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface CarriedEventFields {
  source: string;
  detailType: string;
  detail: unknown;
  resources: string[];
  time: Date;
  account: string;
  region: string;
}

export const toCarriedEvent = (fields: CarriedEventFields): CarriedEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': fields.detailType,
  source: fields.source,
  account: fields.account,
  time: eventTime(fields.time),
  region: fields.region,
  resources: fields.resources,
  detail: fields.detail,
});
