/**
 * How a function's entry is bundled. The stack's NodejsFunction and the local runtime's esbuild step
 * both read this, so a function runs locally as the same bundle Lambda runs.
 * Why the SDK is bundled or not: docs/decisions/0001-sdk-bundling.md.
 */
export const functionBundling = {
  /** Node.js major of the Lambda runtime (Runtime.NODEJS_24_X). */
  nodeMajor: 24,
  format: 'cjs' as const,
  minify: true,
  sourceMap: true,
  /** Maps carry names and lines; the sources are in git, not in every deployment package. */
  sourcesContent: false,
  /** Prefer packages' ES module builds: they tree-shake (the SDK, Powertools). */
  mainFields: ['module', 'main'],
  /** Modules left to the Lambda runtime instead of bundled. */
  externalModules: [] as string[],
  /** Files bundled as their text: the message templates of templates/ (functions/notifications). */
  loader: { '.hbs': 'text' } as Record<string, 'text'>,
};
