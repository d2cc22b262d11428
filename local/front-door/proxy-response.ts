import type { ServerResponse } from 'node:http';

type HeaderValue = string | number | boolean;

interface ProxyResult {
  statusCode: number;
  headers?: Record<string, HeaderValue>;
  multiValueHeaders?: Record<string, HeaderValue[]>;
  body?: string;
  isBase64Encoded?: boolean;
}

/** API Gateway's check of a proxy integration's answer; anything else is a 502. */
export function isProxyResult(value: unknown): value is ProxyResult {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as Record<string, unknown>;
  if (!Number.isInteger(result.statusCode) || (result.statusCode as number) < 100 || (result.statusCode as number) > 599) return false;
  if (result.body !== undefined && result.body !== null && typeof result.body !== 'string') return false;
  const scalar = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);
  if (result.headers !== undefined && result.headers !== null) {
    if (typeof result.headers !== 'object' || !Object.values(result.headers).every(scalar)) return false;
  }
  if (result.multiValueHeaders !== undefined && result.multiValueHeaders !== null) {
    if (typeof result.multiValueHeaders !== 'object') return false;
    if (!Object.values(result.multiValueHeaders).every((values) => Array.isArray(values) && values.every(scalar))) return false;
  }
  return true;
}

/**
 * Writes a Lambda proxy result as API Gateway does: `headers` and `multiValueHeaders` are merged
 * (multi-value entries for the same name come after the single value), and a base64 body is decoded.
 */
export function writeProxyResult(response: ServerResponse, result: ProxyResult, extraHeaders: Record<string, string>): void {
  const merged = new Map<string, { name: string; values: string[] }>();
  const add = (name: string, value: HeaderValue) => {
    const key = name.toLowerCase();
    const entry = merged.get(key) ?? { name, values: [] };
    entry.values.push(String(value));
    merged.set(key, entry);
  };
  for (const [name, value] of Object.entries(extraHeaders)) add(name, value);
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    merged.delete(name.toLowerCase());
    add(name, value);
  }
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    const single = result.headers && Object.keys(result.headers).some((h) => h.toLowerCase() === name.toLowerCase());
    if (!single) merged.delete(name.toLowerCase());
    for (const value of values) add(name, value);
  }
  const body = result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  for (const { name, values } of merged.values()) response.setHeader(name, values.length === 1 ? values[0]! : values);
  if (!response.hasHeader('content-type') && body.length) response.setHeader('content-type', 'application/json');
  response.setHeader('content-length', body.length);
  response.writeHead(result.statusCode);
  response.end(body);
}
