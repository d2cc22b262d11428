import type { Metafile } from 'esbuild';
import { contributorsOf, sourceOf } from '#bench/bundle-contributors';

describe('bundle contributors (bench/bundle-contributors.ts)', () => {
  it('groups an input by its package, scoped or not, or by its repository folder', () => {
    expect(sourceOf('node_modules/zod/v4/classic/schemas.js')).toBe('zod');
    expect(sourceOf('node_modules/@smithy/core/dist-es/index.js')).toBe('@smithy/core');
    expect(sourceOf('node_modules/@aws-sdk/lib-dynamodb/node_modules/@aws-sdk/core/x.js')).toBe('@aws-sdk/core');
    expect(sourceOf('functions/orders/domain/order.ts')).toBe('functions/orders');
    expect(sourceOf('contracts/cors.ts')).toBe('contracts/cors.ts');
  });

  it('adds up the bytes each source puts in the output, largest first, and keeps the top ones', () => {
    const output = {
      bytes: 0,
      exports: [],
      imports: [],
      inputs: {
        'node_modules/zod/a.js': { bytesInOutput: 2048 },
        'node_modules/zod/b.js': { bytesInOutput: 1024 },
        'functions/orders/x.ts': { bytesInOutput: 512 },
        'node_modules/@middy/core/index.js': { bytesInOutput: 4096 },
      },
    } as Metafile['outputs'][string];
    expect(contributorsOf(output, 2)).toEqual([
      { source: '@middy/core', kilobytes: 4 },
      { source: 'zod', kilobytes: 3 },
    ]);
  });

  it('counts, with a floor, only what each source adds beyond the floor', () => {
    const output = (inputs: Record<string, number>) =>
      ({
        bytes: 0,
        exports: [],
        imports: [],
        inputs: Object.fromEntries(Object.entries(inputs).map(([input, bytes]) => [input, { bytesInOutput: bytes }])),
      }) as Metafile['outputs'][string];
    const handler = output({ 'node_modules/@smithy/core/a.js': 8192, 'node_modules/zod/a.js': 3072, 'node_modules/@aws-sdk/core/a.js': 2048 });
    const floor = output({ 'node_modules/@smithy/core/a.js': 7168, 'node_modules/@aws-sdk/core/a.js': 2048 });
    expect(contributorsOf(handler, 6, floor)).toEqual([
      { source: 'zod', kilobytes: 3 },
      { source: '@smithy/core', kilobytes: 1 },
    ]);
  });
});
