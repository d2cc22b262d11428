import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Stage } from 'aws-cdk-lib';
import { removeScratchDirs } from '#test/support/scratch-dirs';
import { buildStack } from './support/test-stack';

/** The CDK tests synthesize hundreds of stacks a run: none of their output may stay behind in the temp folder. */
describe("the CDK tests' synthesized output", () => {
  it('goes to a scratch folder of the test file, removed once its tests have run', () => {
    const { stack } = buildStack('dev');
    const { outdir } = Stage.of(stack)!;
    expect(outdir.startsWith(`${tmpdir()}/ordersaga-cdk-`)).toBe(true);
    expect(existsSync(`${outdir}/manifest.json`)).toBe(true);
    // What the Jest setup file (test/support/remove-scratch-dirs.ts) does after each file's tests.
    removeScratchDirs();
    expect(existsSync(outdir)).toBe(false);
  });
});
