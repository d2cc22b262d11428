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
  /**
   * `import()` compiled to `require()`. The SDK's HTTP handler loads `node:http` with `import()` on its
   * first call; in a CommonJS bundle that starts Node's ES module loader, and a built-in imported as an ES
   * module has every export read, `node:http`'s undici-backed WebSocket among them: 25–35 ms of each
   * sandbox's first call, against 8 ms with `require` (https://github.com/nodejs/node/issues/59686).
   * Nothing is external, so every `import()` left is of a built-in.
   */
  supported: { 'dynamic-import': false } as Record<string, boolean>,
  /** Files bundled as their text: the message templates of templates/ (functions/notifications). */
  loader: { '.hbs': 'text' } as Record<string, 'text'>,
};
