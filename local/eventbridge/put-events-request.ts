/**
 * The PutEvents API's request and response shapes (as the SDK and the JSON protocol carry them) and the
 * checks EventBridge makes: request-level ones throw a ValidationException, entry-level ones fail just
 * that entry with an ErrorCode/ErrorMessage while the other entries go through.
 * Codes and messages are the ones AWS returns (as recorded by LocalStack's AWS-validated snapshots).
 */
import { LocalServiceError } from '../aws-api/service-error';

export interface PutEventsRequestEntry {
  Source?: string;
  DetailType?: string;
  /** A JSON object, as a string. */
  Detail?: string;
  /** The bus's name or ARN; absent means the account's `default` bus. */
  EventBusName?: string;
  Resources?: string[];
  /** A Date (SDK), epoch seconds (JSON wire format) or an ISO string; absent means "now". */
  Time?: Date | number | string;
  TraceHeader?: string;
}

export interface PutEventsRequest {
  Entries: PutEventsRequestEntry[];
  EndpointId?: string;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface PutEventsResponse {
  Entries: PutEventsResultEntry[];
  FailedEntryCount: number;
}

export const MAX_ENTRIES_PER_REQUEST = 10;
/** 256 KB: the limit on the total size of a request's entries. */
export const MAX_REQUEST_ENTRIES_BYTES = 256 * 1024;

const utf8Bytes = (s: unknown): number => (typeof s === 'string' ? Buffer.byteLength(s, 'utf8') : 0);

/** EventBridge's documented size of an entry: Time counts 14 bytes, strings their UTF-8 length. */
export const putEventsEntrySize = (entry: PutEventsRequestEntry): number =>
  (entry.Time !== undefined ? 14 : 0) +
  utf8Bytes(entry.Source) +
  utf8Bytes(entry.DetailType) +
  utf8Bytes(entry.Detail) +
  (Array.isArray(entry.Resources) ? entry.Resources.reduce((sum, r) => sum + utf8Bytes(r), 0) : 0);

const validationError = (message: string) => new LocalServiceError('ValidationException', message);

/** Request-level checks; throws LocalServiceError('ValidationException') as AWS does. */
export function assertValidPutEventsRequest(request: unknown): asserts request is PutEventsRequest {
  const entries = (request as Partial<PutEventsRequest> | undefined)?.Entries;
  if (!Array.isArray(entries)) {
    throw validationError("1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null");
  }
  if (entries.length < 1) {
    throw validationError(
      "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  if (entries.length > MAX_ENTRIES_PER_REQUEST) {
    throw validationError(
      "1 validation error detected: Value '[PutEventsRequestEntry]' at 'entries' failed to satisfy constraint: " +
        `Member must have length less than or equal to ${MAX_ENTRIES_PER_REQUEST}`,
    );
  }
  const total = entries.reduce((sum: number, e: PutEventsRequestEntry) => sum + putEventsEntrySize(e ?? {}), 0);
  if (total > MAX_REQUEST_ENTRIES_BYTES) {
    throw validationError('Total size of the entries in the request is over the limit.');
  }
}

/** An entry that passed the checks, with its detail parsed and its time resolved. */
export interface AcceptedEntry {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  resources: string[];
  time: Date;
}

export type EntryCheck = { ok: true; entry: AcceptedEntry } | { ok: false; ErrorCode: string; ErrorMessage: string };

const invalidArgument = (parameter: string, reason: string): EntryCheck => ({
  ok: false,
  ErrorCode: 'InvalidArgument',
  ErrorMessage: `Parameter ${parameter} is not valid. Reason: ${reason}`,
});

const resolveTime = (time: PutEventsRequestEntry['Time'], now: Date): Date => {
  if (time === undefined) return now;
  const date = time instanceof Date ? time : typeof time === 'number' ? new Date(time * 1000) : new Date(time);
  // AWS's SDKs refuse an unparseable timestamp before sending; here it falls back to "now".
  return Number.isNaN(date.getTime()) ? now : date;
};

/** Entry-level checks, in the order AWS reports them. */
export const checkPutEventsEntry = (entry: PutEventsRequestEntry, now: Date): EntryCheck => {
  if (typeof entry.Source !== 'string' || entry.Source === '') {
    return invalidArgument('Source', 'Source is a required argument.');
  }
  if (typeof entry.DetailType !== 'string' || entry.DetailType === '') {
    return invalidArgument('DetailType', 'DetailType is a required argument.');
  }
  if (typeof entry.Detail !== 'string' || entry.Detail === '') {
    return invalidArgument('Detail', 'Detail is a required argument.');
  }
  // The `aws.` prefix is reserved for AWS services.
  if (entry.Source.startsWith('aws.')) {
    return { ok: false, ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return { ok: false, ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  const resources = entry.Resources ?? [];
  if (!Array.isArray(resources) || !resources.every((r) => typeof r === 'string')) {
    return invalidArgument('Resources', 'Resources must be a list of strings.');
  }
  return {
    ok: true,
    entry: {
      source: entry.Source,
      detailType: entry.DetailType,
      detail: detail as Record<string, unknown>,
      resources: [...resources],
      time: resolveTime(entry.Time, now),
    },
  };
};
