import { isJsonObject, type JsonValue } from './json';

/**
 * Evaluates an ASL *reference path* (`$`, `$.a.b`, `$['a'].b[0]`): the only JSONPath form ASL allows in
 * fields such as `TimeoutSecondsPath`, `HeartbeatSecondsPath`, `SecondsPath` and `ItemsPath`. The
 * interpreter library evaluates these itself for the states it runs; the local shim needs them for the
 * ones it takes over (task timeouts, heartbeats, waits) and for the Map length in the history.
 */
export function readReferencePath(path: string, document: JsonValue): { found: true; value: JsonValue } | { found: false } {
  const segments = parseReferencePath(path);
  if (!segments) return { found: false };
  let current: JsonValue = document;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return { found: false };
      current = current[segment]!;
    } else {
      if (!isJsonObject(current) || !(segment in current)) return { found: false };
      current = current[segment]!;
    }
  }
  return { found: true, value: current };
}

function parseReferencePath(path: string): (string | number)[] | undefined {
  if (!path.startsWith('$') || path.startsWith('$$')) return undefined;
  const segments: (string | number)[] = [];
  let rest = path.slice(1);
  while (rest.length) {
    const match = /^\.([A-Za-z0-9_$@-]+)/.exec(rest) ?? /^\[(\d+)\]/.exec(rest) ?? /^\['([^']*)'\]/.exec(rest) ?? /^\["([^"]*)"\]/.exec(rest);
    if (!match) return undefined;
    segments.push(/^\[\d/.test(match[0]) ? Number(match[1]) : match[1]!);
    rest = rest.slice(match[0].length);
  }
  return segments;
}
