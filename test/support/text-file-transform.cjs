/**
 * Jest's stand-in for the bundlers' text loader (contracts/function-bundling.ts): a template file of
 * templates/ becomes a module whose default export is its text, as esbuild bundles it.
 */
module.exports = {
  process(sourceText) {
    return { code: `module.exports = { __esModule: true, default: ${JSON.stringify(sourceText)} };` };
  },
};
