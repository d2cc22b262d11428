#!/usr/bin/env node
/**
 * The first step of `npm start`, `npm test` and `npm run bench`: stops at once, with a message that
 * says what to do, when the Node.js running it is older than the one package.json asks for
 * (`devEngines.runtime.version`, else `engines.node`). Without it an old Node gets as far as the
 * functions and fails there in ways that name nothing (the SDK's warnings, `Runtime.ExitError`).
 *
 * Plain CommonJS without newer syntax (no `?.`, no `??`): its whole point is to run on a Node that is
 * too old for the rest of the project.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** The lowest version a `>=X[.Y[.Z]]` range admits, as [major, minor, patch]; anything else is not understood. */
function lowestAdmitted(range) {
  const match = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(range);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] || 0), Number(match[3] || 0)];
}

function parseVersion(version) {
  const parts = String(version).replace(/^v/, '').split('.');
  return [Number(parts[0]) || 0, Number(parts[1]) || 0, Number(parts[2]) || 0];
}

function isOlder(version, minimum) {
  for (let i = 0; i < 3; i += 1) {
    if (version[i] !== minimum[i]) return version[i] < minimum[i];
  }
  return false;
}

function requiredRange(manifest) {
  // biome-ignore lint/complexity/useOptionalChain: `?.` is a syntax error before Node 14, which this script must still name.
  const runtime = (manifest.devEngines || {}).runtime || {};
  if (runtime.name === 'node' && runtime.version) return runtime.version;
  // biome-ignore lint/complexity/useOptionalChain: as above.
  return (manifest.engines || {}).node;
}

function wantedMajor() {
  try {
    return fs.readFileSync(path.join(root, '.nvmrc'), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The npm command that ran this check (`npm start`, `npm test`, `npm run bench`), for the hint. */
function npmCommand(lifecycleEvent) {
  if (!lifecycleEvent) return 'npm start';
  if (lifecycleEvent === 'start' || lifecycleEvent === 'test') return `npm ${lifecycleEvent}`;
  return `npm run ${lifecycleEvent}`;
}

function main() {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const range = requiredRange(manifest);
  const minimum = range && lowestAdmitted(range);
  if (!minimum) return 0;
  const found = process.versions.node;
  if (!isOlder(parseVersion(found), minimum)) return 0;
  const suggested = wantedMajor() || String(minimum[0]);
  const again = npmCommand(process.env.npm_lifecycle_event);
  const wanted = range.replace(/^\s*>=\s*/, '');
  const lines = [
    '',
    `ordersaga needs Node.js ${wanted} or newer (package.json asks for "${range}"),`,
    `but this is Node.js v${found} (${process.execPath}).`,
    '',
    'Get a newer one, then run the command again:',
    `  nvm install && nvm use          nvm reads .nvmrc (${suggested})`,
    '  fnm use --install-if-missing    fnm reads .nvmrc too',
    `  npx -y -p node@${suggested} -- ${again}    without a version manager: Node ${suggested} from the npm registry for this one command`,
    '',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
  return 1;
}

process.exitCode = main();
