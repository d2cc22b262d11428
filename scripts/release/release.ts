/**
 * `npm run release [-- VERSION]`: prepares a release on a branch of its own (docs/releasing.md).
 * From a clean work tree it works out the version (the conventional commits since the last `v` tag,
 * unless one is given), moves CHANGELOG.md's `[Unreleased]` entries under it, sets it in package.json
 * and package-lock.json, and commits that on `release/vVERSION`. Merging that branch's pull request
 * into main makes .github/workflows/release.yml tag `vVERSION` and publish the GitHub release.
 *
 * `tsx scripts/release/release.ts notes VERSION` prints the release's notes (the workflow's use).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bumpFor, compareVersions, type ConventionalCommit, cutRelease, draftEntries, nextVersion, parseCommit, ReleaseError, releaseNotes } from './changelog';

const root = path.resolve(__dirname, '../..');
const CHANGELOG = path.join(root, 'CHANGELOG.md');

// git's own messages stay in the error (and out of the output) when a command fails.
const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

function lastReleaseTag(): string | undefined {
  try {
    return git('describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*.[0-9]*.[0-9]*');
  } catch {
    return undefined;
  }
}

/** The conventional commits since `tag` (every commit when there is no release yet); others are skipped. */
function commitsSince(tag: string | undefined): ConventionalCommit[] {
  const log = git('log', '--format=%s%x1f%b%x1e', ...(tag ? [`${tag}..HEAD`] : []));
  return log
    .split('\x1e')
    .map((record) => record.trim().split('\x1f'))
    .flatMap(([subject = '', body = '']) => parseCommit(subject, body) ?? []);
}

function prepare(requested: string | undefined): void {
  if (git('status', '--porcelain') !== '') throw new ReleaseError('The work tree has uncommitted changes: commit or set them aside first.');
  const tag = lastReleaseTag();
  const commits = commitsSince(tag);
  const packageVersion = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  // The first release is the version package.json already carries.
  const version = requested?.replace(/^v/, '') ?? (tag ? nextVersion(tag.replace(/^v/, ''), bumpFor(commits)) : packageVersion);
  if (tag && compareVersions(version, tag) <= 0) throw new ReleaseError(`${version} is not newer than the last release, ${tag}.`);

  let changelog: string;
  try {
    changelog = cutRelease(readFileSync(CHANGELOG, 'utf8'), version, new Date().toISOString().slice(0, 10));
  } catch (error) {
    const draft = draftEntries(commits);
    if (error instanceof ReleaseError && draft !== '')
      throw new ReleaseError(`${error.message}\n\nFrom the commits since ${tag ?? 'the start'}, a draft:\n\n${draft}`);
    throw error;
  }

  const branch = `release/v${version}`;
  git('switch', '--create', branch);
  writeFileSync(CHANGELOG, changelog);
  // npm's own command keeps package.json and package-lock.json in step.
  execFileSync('npm', ['version', version, '--no-git-tag-version', '--allow-same-version'], { cwd: root, stdio: 'ignore' });
  git('add', 'CHANGELOG.md', 'package.json', 'package-lock.json');
  git('commit', '--quiet', '--message', `chore(release): v${version}`);
  process.stdout.write(
    [
      `v${version} prepared on ${branch} (${tag ? `after ${tag}` : 'the first release'}).`,
      `Next: git push --set-upstream origin ${branch}, open a pull request, and merge it once CI passes;`,
      `the Release workflow then tags v${version} and publishes the GitHub release from CHANGELOG.md.`,
      '',
    ].join('\n'),
  );
}

function main(args: string[]): void {
  if (args[0] === 'notes') {
    if (!args[1]) throw new ReleaseError('usage: release.ts notes VERSION');
    process.stdout.write(releaseNotes(readFileSync(CHANGELOG, 'utf8'), args[1]));
    return;
  }
  if (args.length > 1) throw new ReleaseError('usage: npm run release [-- VERSION]');
  prepare(args[0]);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof ReleaseError)) throw error;
  process.stderr.write(`release: ${error.message}\n`);
  process.exitCode = 1;
}
