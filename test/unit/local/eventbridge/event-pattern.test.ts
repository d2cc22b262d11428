import fc from 'fast-check';
import { assertValidEventPattern, compileEventPattern, InvalidEventPatternError, matchesEventPattern } from '#local/eventbridge/event-pattern';
import { documentedPatternCases, invalidPatternCases } from './pattern-corpus';

describe('EventBridge event patterns: documentation corpus', () => {
  test('the corpus is large enough and has both outcomes', () => {
    expect(documentedPatternCases.length).toBeGreaterThanOrEqual(60);
    expect(documentedPatternCases.filter((c) => c.matches).length).toBeGreaterThan(20);
    expect(documentedPatternCases.filter((c) => !c.matches).length).toBeGreaterThan(20);
    expect(new Set(documentedPatternCases.map((c) => c.name)).size).toBe(documentedPatternCases.length);
  });

  test.each(documentedPatternCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    assertValidEventPattern(c.pattern);
    expect(matchesEventPattern(c.pattern, c.event)).toBe(c.matches);
  });
});

describe('EventBridge event patterns: validation (InvalidEventPatternException) and edge cases', () => {
  test.each(invalidPatternCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    let thrown: unknown;
    try {
      assertValidEventPattern(c.pattern);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvalidEventPatternError);
    expect((thrown as Error).name).toBe('InvalidEventPatternException');
    expect((thrown as Error).message).toContain(c.reason);
  });

  test('the message says where the problem is', () => {
    expect(() => assertValidEventPattern({ detail: { state: [{ 'anything-but': [] }] } })).toThrow(
      /^Event pattern is not valid\. Reason: .* \(at detail\.state\[0\]\.anything-but\)$/,
    );
  });

  test('matchesEventPattern throws on an invalid pattern instead of guessing', () => {
    expect(() => matchesEventPattern({ source: 'x' }, { source: 'x' })).toThrow(InvalidEventPatternError);
  });

  test('inherited properties of the event object are not fields', () => {
    expect(matchesEventPattern({ constructor: [{ exists: true }] }, {})).toBe(false);
    expect(matchesEventPattern({ toString: [{ exists: false }] }, {})).toBe(true);
    expect(matchesEventPattern({ detail: { hasOwnProperty: [{ 'anything-but': 'x' }] } }, { detail: {} })).toBe(false);
  });

  test('keys whose value is undefined are ignored, as JSON.stringify would drop them', () => {
    expect(matchesEventPattern({ source: ['a'], detail: undefined }, { source: 'a' })).toBe(true);
  });
});

// --- Properties ---------------------------------------------------------------------------------------

const fieldName = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/);
const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
  fc.boolean(),
  fc.constant(null),
);
type Scalar = string | number | boolean | null;
type Tree = { [key: string]: Scalar | Scalar[] | Tree };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.dictionary(
    fieldName,
    fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(scalar, { minLength: 1, maxLength: 4 }), tie('tree')),
    { minKeys: 1, maxKeys: 4 },
  ),
})).tree;

const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A pattern naming one of each field's own leaf values (chosen by `pick`); undefined if nothing to name. */
const patternFromLeaves = (event: Tree, pick: number): Record<string, unknown> | undefined => {
  const pattern: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (isTree(value)) {
      const nested = patternFromLeaves(value, pick);
      if (nested) pattern[key] = nested;
    } else if (Array.isArray(value)) {
      pattern[key] = [value[pick % value.length]];
    } else {
      pattern[key] = [value];
    }
  }
  return Object.keys(pattern).length > 0 ? pattern : undefined;
};

describe('EventBridge event patterns: properties', () => {
  test('a pattern built from an event’s own leaf values always matches it', () => {
    fc.assert(
      fc.property(tree, fc.nat(), (event, pick) => {
        const pattern = patternFromLeaves(event, pick);
        fc.pre(pattern !== undefined);
        return matchesEventPattern(pattern!, event);
      }),
    );
  });

  test('[v] and {anything-but: [v]} never both match, and exactly one does for a present string/number', () => {
    const stringOrNumber = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -1000, max: 1000 }));
    fc.assert(
      fc.property(stringOrNumber, fc.option(stringOrNumber, { nil: undefined }), (v, actual) => {
        const event = actual === undefined ? { detail: {} } : { detail: { f: actual } };
        const exact = compileEventPattern({ detail: { f: [v] } }).matches(event);
        const anythingBut = compileEventPattern({ detail: { f: [{ 'anything-but': [v] }] } }).matches(event);
        if (exact && anythingBut) return false;
        return actual === undefined ? !exact && !anythingBut : exact !== anythingBut;
      }),
    );
  });

  test('exists:true and exists:false are complementary for any event value', () => {
    fc.assert(
      fc.property(fc.option(fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), tree), { nil: undefined }), (value) => {
        const event = value === undefined ? {} : { f: value };
        const present = compileEventPattern({ f: [{ exists: true }] }).matches(event);
        const absent = compileEventPattern({ f: [{ exists: false }] }).matches(event);
        return present !== absent;
      }),
    );
  });

  test('$or [A, B] matches exactly when A or B matches', () => {
    const simple = fc.record({ a: fc.constantFrom('x', 'y'), b: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(simple, fc.constantFrom('x', 'y'), fc.integer({ min: 0, max: 3 }), (event, a, b) => {
        const left = { a: [a] };
        const right = { b: [{ numeric: ['>=', b] }] };
        const either = matchesEventPattern({ $or: [left, right] }, event);
        return either === (matchesEventPattern(left, event) || matchesEventPattern(right, event));
      }),
    );
  });

  test('numeric [">=", low, "<", high] matches integers exactly in [low, high)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: -2e6, max: 2e6 }), (low, width, n) => {
        const pattern = { n: [{ numeric: ['>=', low, '<', low + width] }] };
        return matchesEventPattern(pattern, { n }) === (n >= low && n < low + width);
      }),
    );
  });

  test('prefix, suffix and equals-ignore-case hold for any string built to satisfy them', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (head, tail) => {
        const value = head + tail;
        return (
          matchesEventPattern({ s: [{ prefix: head }] }, { s: value }) &&
          matchesEventPattern({ s: [{ suffix: tail }] }, { s: value }) &&
          matchesEventPattern({ s: [{ 'equals-ignore-case': value.toUpperCase() }] }, { s: value.toLowerCase() })
        );
      }),
    );
  });

  test('a wildcard made of an event string’s pieces matches it', () => {
    const safe = fc.string({ maxLength: 6 }).map((s) => s.replace(/[*\\]/g, ''));
    fc.assert(
      fc.property(fc.array(safe, { minLength: 1, maxLength: 4 }), fc.array(safe, { minLength: 4, maxLength: 4 }), (raw, fillers) => {
        // Pieces between two wildcards must be non-empty: `**` is not a valid wildcard.
        const pieces = raw.map((p, i) => (i > 0 && i < raw.length - 1 && p === '' ? 'x' : p));
        const value = pieces.map((p, i) => (i === 0 ? p : fillers[i - 1] + p)).join('');
        return matchesEventPattern({ s: [{ wildcard: pieces.join('*') }] }, { s: value });
      }),
    );
  });

  test('cidr contains every address of its IPv4 block, and none just outside it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 31 }), fc.nat(), (base, bits, host) => {
        const network = bits === 0 ? 0 : (base >>> (32 - bits)) << (32 - bits);
        const size = 2 ** (32 - bits);
        const toIp = (n: number) => [24, 16, 8, 0].map((s) => ((n >>> 0) / 2 ** s) & 0xff).join('.');
        const pattern = { ip: [{ cidr: `${toIp(base)}/${bits}` }] };
        const inside = (network >>> 0) + (host % size);
        const outside = (network >>> 0) + size;
        return matchesEventPattern(pattern, { ip: toIp(inside) }) && (outside > 0xffffffff || !matchesEventPattern(pattern, { ip: toIp(outside) }));
      }),
    );
  });

  test('cidr contains every address of its IPv6 /64 block', () => {
    fc.assert(
      fc.property(fc.ipV6(), fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 4, maxLength: 4 }), (address, host) => {
        const prefix = compileEventPattern({ ip: [{ cidr: `${address}/64` }] });
        // Rebuild the address with the same first 64 bits and a random host part.
        const expand = (text: string): string[] => {
          const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
          const h = head ? head.split(':') : [];
          const t = tail ? tail.split(':') : [];
          return tail === undefined ? h : [...h, ...new Array(8 - h.length - t.length).fill('0'), ...t];
        };
        const groups = expand(address);
        fc.pre(groups.length === 8 && groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g)));
        const sibling = [...groups.slice(0, 4), ...host.map((g) => g.toString(16))].join(':');
        return prefix.matches({ ip: sibling });
      }),
    );
  });
});
