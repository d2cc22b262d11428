/**
 * The dependency rules of the code (CONTRIBUTING.md, "Dependency rules"), checked by `npm run check`.
 * Each rule says why in its comment; a violation names the rule and the import.
 */

/** A folder of functions/ with its own layers (every one but shared/). */
const CONTEXT = '^functions/(?!shared/)[^/]+/';

/** Packages the domain must not know, even by a type: the AWS SDK, Lambda's event types, middy, Powertools. */
const INFRASTRUCTURE_PACKAGES = 'node_modules/(@aws-sdk|aws-lambda|@types/aws-lambda|@middy|@aws-lambda-powertools)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle means two modules are one: merge them, or move what both need into a third.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'contracts-are-neutral',
      comment: 'contracts/ is what the stack, the functions and the local runtime share: plain TypeScript and zod, depending on none of them.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: '^(functions|lib|local|bench|bin|test)/' },
    },
    {
      name: 'contracts-need-no-runtime',
      comment: 'contracts/ is bundled into functions, synthesized by the CDK app and run by the local runtime: no SDK, CDK, middy or Powertools.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown'], pathNot: 'node_modules/zod/' },
    },
    {
      name: 'functions-do-not-import-lib',
      comment: 'The functions are deployed by lib/, not built from it: what both need lives in contracts/.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^(lib|local|bench|bin|test)/' },
    },
    {
      name: 'lib-imports-functions-through-their-wiring',
      comment:
        'The stack sees a folder of functions/ only through its published entry, functions/<folder>/wiring.ts; everything else it needs is in contracts/.',
      severity: 'error',
      from: { path: '^(lib|bin)/' },
      to: { path: '^functions/', pathNot: '^functions/[^/]+/wiring\\.ts$' },
    },
    {
      name: 'local-runs-the-assembled-app',
      comment:
        'The local runtime runs the app lib/wiring assembles (and the stage settings of lib/config), never a function module directly: it bundles the entries the wiring names.',
      severity: 'error',
      from: { path: '^local/' },
      to: { path: '^(functions|bench|test)/|^lib/(?!wiring/index\\.ts$|config/)' },
    },
    {
      name: 'domain-is-plain-typescript',
      comment:
        'Business rules in domain/ are plain TypeScript: no adapter, use case or handler, no AWS SDK, Lambda types, middy or Powertools (CONTRIBUTING.md, "Layers").',
      severity: 'error',
      from: { path: `${CONTEXT}domain/` },
      to: {
        path: `${CONTEXT}(adapters|application|handlers|http)/|^functions/shared/(aws|http|middleware)/|^functions/shared/powertools\\.ts$|${INFRASTRUCTURE_PACKAGES}`,
      },
    },
    {
      name: 'application-takes-its-ports',
      comment: 'A use case is given its adapters by its handler (typed on the ports in domain/): it never imports an adapter or a handler.',
      severity: 'error',
      from: { path: `${CONTEXT}application/` },
      to: { path: `${CONTEXT}(adapters|handlers|http)/` },
    },
    {
      name: 'handlers-are-entry-points',
      comment: 'handlers/ holds Lambda entry points only, one per function of the wiring: nothing imports one (tests excepted).',
      severity: 'error',
      from: { path: '^(functions|contracts|lib|local|bench|bin)/' },
      to: { path: `${CONTEXT}handlers/` },
    },
    {
      name: 'client-stands-alone',
      comment:
        'clients/typescript is published to frontends on its own: it imports nothing of the repository (its types are generated from the OpenAPI document) and no package but openapi-fetch.',
      severity: 'error',
      from: { path: '^clients/typescript/' },
      to: {
        pathNot: '^clients/typescript/|node_modules/(openapi-fetch|openapi-typescript-helpers)/',
      },
    },
    {
      name: 'source-does-not-import-tests',
      comment: 'Test support is for tests.',
      severity: 'error',
      from: { path: '^(functions|contracts|lib|local|bench|bin|clients)/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|cdk\\.out|\\.tools)/' },
    // Type-only imports count: a domain module that names an SDK type depends on the SDK.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
