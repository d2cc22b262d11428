import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as z from 'zod';
import { allEventContracts, type EventContract, eventCatalogue, type EventVersionContract } from '#contracts/events/event-catalogue';
import { detailJsonSchema, generateEventSchemas, renderSchemaFile } from '#contracts/events/event-json-schemas';
import { describeBreakingChanges, findBreakingChanges, findBreakingVersionChanges, type JsonSchema } from '#contracts/events/schema-compatibility';
import { writeEventSchemas } from '#contracts/events/write-event-schemas';

/**
 * Why each event's newest version must stay backward compatible with the one before: old events stay
 * in the archive and get replayed, subscribers upgrade at their own pace, and the subscribers here read
 * every version with the latest schema (received-domain-event.ts).
 */
function compatibilityProblems(contract: EventContract): string[] {
  const problems: string[] = [];
  contract.versions.forEach((next, i) => {
    if (i === 0) return;
    const previous = contract.versions[i - 1];
    for (const example of previous.examples) {
      const parsed = next.data.safeParse(example);
      if (!parsed.success) problems.push(`v${next.version} rejects a v${previous.version} example: ${z.prettifyError(parsed.error)}`);
    }
    const breaking = findBreakingVersionChanges(detailJsonSchema(contract, previous), detailJsonSchema(contract, next));
    if (breaking.length > 0) problems.push(`v${previous.version} → v${next.version}:\n${describeBreakingChanges(breaking)}`);
  });
  return problems;
}

/** order.confirmed with a made-up v2, made from its v1 by `change`, in place of the real one. */
function withSecondVersion(change: (v1: EventContract['latest']['data']) => z.ZodObject): EventContract {
  const contract = eventCatalogue['order.confirmed'] as unknown as EventContract;
  const v1 = contract.versions[0]!;
  const v2: EventVersionContract = { version: 2, data: change(v1.data), examples: v1.examples, changes: 'test' };
  return { ...contract, versions: [v1, v2], latest: v2 };
}

describe('backward compatibility of event versions', () => {
  test('every version of every event accepts the examples of the version before and breaks no rule', () => {
    for (const contract of allEventContracts())
      expect({ event: contract.name, problems: compatibilityProblems(contract) }).toEqual({ event: contract.name, problems: [] });
  });

  describe('the check itself, on a made-up order.confirmed v2', () => {
    test('accepts a new optional field', () => {
      expect(compatibilityProblems(withSecondVersion((v1) => v1.extend({ giftMessage: z.string().optional() })))).toEqual([]);
    });

    test('catches a new required field (old events lack it)', () => {
      const problems = compatibilityProblems(withSecondVersion((v1) => v1.extend({ giftMessage: z.string() })));
      expect(problems.join('\n')).toMatch(/rejects a v1 example/);
      expect(problems.join('\n')).toMatch(/\$\.data\.giftMessage: required field added/);
    });

    test('catches a removed field', () => {
      expect(compatibilityProblems(withSecondVersion((v1) => v1.omit({ paymentId: true }))).join('\n')).toMatch(/\$\.data\.paymentId: field removed/);
    });

    test('catches a retyped field', () => {
      const problems = compatibilityProblems(withSecondVersion((v1) => v1.extend({ totalAmount: z.string() })));
      expect(problems.join('\n')).toMatch(/\$\.data\.totalAmount: retyped from integer to string/);
    });

    test('catches a required field made optional (old consumers rely on it)', () => {
      expect(compatibilityProblems(withSecondVersion((v1) => v1.extend({ currency: v1.shape.currency.optional() }))).join('\n')).toMatch(
        /\$\.data\.currency: required field made optional/,
      );
    });
  });
});

describe('findBreakingChanges', () => {
  const object = (properties: JsonSchema, required: string[] = Object.keys(properties)): JsonSchema => ({ type: 'object', properties, required });
  const problems = (previous: JsonSchema, next: JsonSchema) => findBreakingChanges(previous, next).map((c) => `${c.path}: ${c.problem}`);

  test('ignores descriptions, titles and examples', () => {
    expect(
      problems(
        { ...object({ a: { type: 'string', description: 'x' } }), title: 'A' },
        { ...object({ a: { type: 'string', description: 'y' } }), examples: [{}] },
      ),
    ).toEqual([]);
  });

  test('walks into nested objects and array items', () => {
    const v1 = object({ items: { type: 'array', items: object({ sku: { type: 'string' }, quantity: { type: 'integer' } }) } });
    const v2 = object({ items: { type: 'array', items: object({ sku: { type: 'string' } }) } });
    expect(problems(v1, v2)).toEqual(['$.items[].quantity: field removed']);
  });

  test('enum values removed or added, constants changed, constraints changed', () => {
    expect(problems({ enum: ['a', 'b'], type: 'string' }, { enum: ['a', 'c'], type: 'string' })).toEqual([
      '$: enum values removed: "b"',
      '$: enum values added: "c"',
    ]);
    expect(problems({ type: 'string' }, { type: 'string', enum: ['a'] })).toEqual(['$: enum introduced: old events may carry values it rejects']);
    expect(problems({ const: 1 }, { const: 2 })).toEqual(['$: constant changed from 1 to 2']);
    expect(problems({ type: 'string', maxLength: 10 }, { type: 'string', maxLength: 5 })).toEqual(['$: maxLength changed from 10 to 5']);
    expect(problems({ type: 'string' }, { type: 'string', format: 'uuid' })).toEqual(['$: format changed from undefined to "uuid"']);
  });

  test('forbidding additional properties is breaking; anything it cannot walk is flagged for review', () => {
    expect(problems(object({}), { ...object({}), additionalProperties: false })).toEqual([
      '$: additional properties forbidden: old events with extra fields would be rejected',
    ]);
    expect(problems({ anyOf: [{ type: 'string' }] }, { anyOf: [{ type: 'number' }] })).toEqual(['$: anyOf changed (not checked structurally: review by hand)']);
  });

  test("between versions the envelope's version constant must go up and nothing else may break", () => {
    const [v1] = generateEventSchemas()
      .filter((g) => g.name === 'order.shipped')
      .map((g) => g.schema);
    const v2 = JSON.parse(JSON.stringify(v1));
    v2.properties.version.const = 2;
    expect(findBreakingVersionChanges(v1, v2)).toEqual([]);
    expect(findBreakingVersionChanges(v1, v1)).toEqual([{ path: '$.version', problem: 'the version must go up, got 1 → 1' }]);
  });
});

describe('write-event-schemas', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'event-schemas-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const publish = (file: string, schema: JsonSchema) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), renderSchemaFile(schema));
  };

  test('writes every file, then finds nothing to change', () => {
    expect(writeEventSchemas(root).written).toHaveLength(generateEventSchemas().length);
    expect(writeEventSchemas(root)).toEqual({ written: [], unchanged: generateEventSchemas().map((g) => g.file) });
  });

  test('refuses to overwrite a published version with a breaking change, and writes nothing', () => {
    const [shipped] = generateEventSchemas().filter((g) => g.name === 'order.shipped');
    // As if v1 had been published with a field the code no longer has.
    const published = JSON.parse(JSON.stringify(shipped.schema));
    published.properties.data.properties.carrier = { type: 'string' };
    publish(shipped.file, published);
    expect(() => writeEventSchemas(root)).toThrow(/order\.shipped\/v1\.json is published/);
    expect(() => writeEventSchemas(root)).toThrow(/\$\.data\.carrier: field removed/);
    expect(JSON.parse(readFileSync(path.join(root, shipped.file), 'utf8'))).toEqual(published);
    expect(() => readFileSync(path.join(root, 'schemas/events/order.placed/v1.json'))).toThrow();
  });

  test("lets a published version's wording change", () => {
    const [shipped] = generateEventSchemas().filter((g) => g.name === 'order.shipped');
    publish(shipped.file, { ...shipped.schema, description: 'old wording' });
    expect(writeEventSchemas(root).written).toContain(shipped.file);
  });
});
