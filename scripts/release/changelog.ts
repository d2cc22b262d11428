/**
 * The release rules of docs/releasing.md as plain functions (no I/O): versions are `MAJOR.MINOR.PATCH`
 * (semver), the next one follows from the conventional commits since the last `v` tag, and
 * CHANGELOG.md keeps the "Keep a Changelog" layout, whose `## [Unreleased]` section becomes the
 * release's section when a release is cut.
 */

export class ReleaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseError';
  }
}

export type Bump = 'major' | 'minor' | 'patch';

export interface ConventionalCommit {
  type: string;
  scope?: string;
  breaking: boolean;
  description: string;
}

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;
/** `type(scope)!: description`, as conventionalcommits.org 1.0.0 writes a header. */
const HEADER = /^(?<type>[a-z]+)(?:\((?<scope>[^)]+)\))?(?<bang>!)?: (?<description>.+)$/;
const BREAKING_FOOTER = /^BREAKING[ -]CHANGE: /m;
const UNRELEASED_HEADING = '## [Unreleased]';

/** `1.2.3` (a leading `v`, as in tags, is accepted) as numbers; throws on anything else. */
export function parseVersion(version: string): [number, number, number] {
  const match = VERSION.exec(version.replace(/^v/, ''));
  if (!match) throw new ReleaseError(`"${version}" is not a version: releases are MAJOR.MINOR.PATCH, e.g. 1.4.0`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function compareVersions(a: string, b: string): number {
  const [left, right] = [parseVersion(a), parseVersion(b)];
  for (let index = 0; index < 3; index += 1) if (left[index] !== right[index]) return left[index]! - right[index]!;
  return 0;
}

/** A commit's subject (and body, for a `BREAKING CHANGE:` footer) as a conventional commit, if it is one. */
export function parseCommit(subject: string, body = ''): ConventionalCommit | undefined {
  const match = HEADER.exec(subject.trim());
  if (!match?.groups) return undefined;
  const { type, scope, bang, description } = match.groups as { type: string; scope?: string; bang?: string; description: string };
  return { type, ...(scope === undefined ? {} : { scope }), breaking: bang === '!' || BREAKING_FOOTER.test(body), description };
}

/** A breaking change bumps the major version, a `feat` the minor, anything else the patch. */
export function bumpFor(commits: ConventionalCommit[]): Bump {
  if (commits.some((commit) => commit.breaking)) return 'major';
  if (commits.some((commit) => commit.type === 'feat')) return 'minor';
  return 'patch';
}

/**
 * The version after `current`. Before 1.0.0 semver promises no stability, and a breaking change
 * bumps the minor version (0.4.2 → 0.5.0); going to 1.0.0 is a deliberate `npm run release -- 1.0.0`.
 */
export function nextVersion(current: string, bump: Bump): string {
  const [major, minor, patch] = parseVersion(current);
  if (bump === 'major' && major > 0) return `${major + 1}.0.0`;
  if (bump === 'major' || bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

interface Section {
  heading: string;
  /** Index of the heading line's first character, and of the next `## ` heading (or the end). */
  start: number;
  end: number;
  body: string;
}

function sections(changelog: string): Section[] {
  const headings = [...changelog.matchAll(/^## .*$/gm)];
  return headings.map((match, index) => {
    const start = match.index!;
    const end = headings[index + 1]?.index ?? changelog.length;
    return { heading: match[0].trim(), start, end, body: changelog.slice(start + match[0].length, end).trim() };
  });
}

const versionHeading = (heading: string): string | undefined => /^## \[(\d+\.\d+\.\d+)\]/.exec(heading)?.[1];

/**
 * The changelog with its `## [Unreleased]` entries moved under `## [version] - date`, and an empty
 * `## [Unreleased]` above them for the next changes.
 */
export function cutRelease(changelog: string, version: string, date: string): string {
  parseVersion(version);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ReleaseError(`"${date}" is not a date (YYYY-MM-DD)`);
  const all = sections(changelog);
  const unreleased = all.find((section) => section.heading === UNRELEASED_HEADING);
  if (!unreleased) throw new ReleaseError(`CHANGELOG.md has no "${UNRELEASED_HEADING}" section to release`);
  if (unreleased.body === '') throw new ReleaseError(`Nothing under "${UNRELEASED_HEADING}" in CHANGELOG.md: write what this release changes there first`);
  const released = all.map((section) => versionHeading(section.heading)).filter((found): found is string => found !== undefined);
  if (released.includes(version)) throw new ReleaseError(`CHANGELOG.md already has a section for ${version}`);
  const newer = released.find((found) => compareVersions(found, version) >= 0);
  if (newer) throw new ReleaseError(`${version} is not newer than ${newer}, already in CHANGELOG.md`);
  const section = `${UNRELEASED_HEADING}\n\n## [${version}] - ${date}\n\n${unreleased.body}\n\n`;
  return `${changelog.slice(0, unreleased.start)}${section}${changelog.slice(unreleased.end)}`.replace(/\n*$/, '\n');
}

/** The body of a released version's section: the GitHub release's notes. */
export function releaseNotes(changelog: string, version: string): string {
  parseVersion(version);
  const section = sections(changelog).find((candidate) => versionHeading(candidate.heading) === version.replace(/^v/, ''));
  if (!section) throw new ReleaseError(`CHANGELOG.md has no "## [${version.replace(/^v/, '')}] - YYYY-MM-DD" section: cut the release with npm run release`);
  if (section.body === '') throw new ReleaseError(`The section of ${version} in CHANGELOG.md is empty`);
  return `${section.body}\n`;
}

const SECTION_OF_TYPE: Record<string, string> = { feat: 'Added', fix: 'Fixed', perf: 'Changed', refactor: 'Changed', revert: 'Removed' };

/**
 * A starting point for the `[Unreleased]` entries, from the commits since the last release: Keep a
 * Changelog's sections by commit type (breaking changes first). Housekeeping types (chore, ci, docs,
 * test, build, style) are left out: a changelog is for the people who use the release.
 */
export function draftEntries(commits: ConventionalCommit[]): string {
  const bySection = new Map<string, string[]>();
  for (const commit of commits) {
    const section = commit.breaking ? 'Changed' : SECTION_OF_TYPE[commit.type];
    if (!section) continue;
    const line = `- ${commit.breaking ? '**Breaking:** ' : ''}${commit.scope ? `${commit.scope}: ` : ''}${commit.description}`;
    bySection.set(section, [...(bySection.get(section) ?? []), line]);
  }
  return ['Added', 'Changed', 'Removed', 'Fixed']
    .filter((section) => bySection.has(section))
    .map((section) => `### ${section}\n\n${bySection.get(section)!.join('\n')}`)
    .join('\n\n');
}
