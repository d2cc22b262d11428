import type { Metafile } from 'esbuild';
import { contributorsOf, sourceOf } from '#bench/bundle-contributors';

/** A metafile output whose inputs put these many bytes in it. */
const outputOf = (inputs: Record<string, number>) =>
  ({
    bytes: 0,
    exports: [],
    imports: [],
    inputs: Object.fromEntries(Object.entries(inputs).map(([input, bytes]) => [input, { bytesInOutput: bytes }])),
  }) as Metafile['outputs'][string];

describe('bundle contributors (bench/bundle-contributors.ts)', () => {
  it('groups an input by its package, scoped or not, or by its repository folder', () => {
    expect(sourceOf('node_modules/zod/v4/classic/schemas.js')).toBe('zod');
    expect(sourceOf('node_modules/@smithy/core/dist-es/index.js')).toBe('@smithy/core');
    expect(sourceOf('node_modules/@aws-sdk/lib-dynamodb/node_modules/@aws-sdk/core/x.js')).toBe('@aws-sdk/core');
    expect(sourceOf('functions/orders/domain/order.ts')).toBe('functions/orders');
    expect(sourceOf('contracts/cors.ts')).toBe('contracts/cors.ts');
  });

  it('adds up the bytes each source puts in the output, largest first, and keeps the top ones', () => {
    const output = outputOf({
      'node_modules/zod/a.js': 2048,
      'node_modules/zod/b.js': 1024,
      'functions/orders/x.ts': 512,
      'node_modules/@middy/core/index.js': 4096,
    });
    expect(contributorsOf(output, 2)).toEqual([
      { source: '@middy/core', kilobytes: 4 },
      { source: 'zod', kilobytes: 3 },
    ]);
  });

  it('counts, with a floor, only what each source adds beyond the floor', () => {
    const handler = outputOf({ 'node_modules/@smithy/core/a.js': 8192, 'node_modules/zod/a.js': 3072, 'node_modules/@aws-sdk/core/a.js': 2048 });
    const floor = outputOf({ 'node_modules/@smithy/core/a.js': 7168, 'node_modules/@aws-sdk/core/a.js': 2048 });
    expect(contributorsOf(handler, 6, floor)).toEqual([
      { source: 'zod', kilobytes: 3 },
      { source: '@smithy/core', kilobytes: 1 },
    ]);
  });
});
