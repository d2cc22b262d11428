import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bumpFor, cutRelease, draftEntries, nextVersion, parseCommit, ReleaseError, releaseNotes } from '../../scripts/release/changelog';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

const CHANGELOG = `# Changelog

Preamble.

## [Unreleased]

### Added

- Order export.

## [0.1.0] - 2026-12-01

### Added

- Everything.
`;

describe('versions from conventional commits', () => {
  test.each([
    ['feat(orders): export orders as CSV', { type: 'feat', scope: 'orders', breaking: false, description: 'export orders as CSV' }],
    ['fix: refund rounding', { type: 'fix', breaking: false, description: 'refund rounding' }],
    ['feat(api)!: drop /v0 routes', { type: 'feat', scope: 'api', breaking: true, description: 'drop /v0 routes' }],
  ])('%s', (subject, expected) => {
    expect(parseCommit(subject)).toEqual(expected);
  });

  test('a BREAKING CHANGE footer marks a commit breaking; a subject that is not conventional is skipped', () => {
    expect(parseCommit('refactor: new table keys', 'Migrates.\n\nBREAKING CHANGE: old cursors are refused')).toMatchObject({ breaking: true });
    expect(parseCommit('Bench: orders accepted/s')).toBeUndefined();
  });

  test('breaking → major, feat → minor, anything else → patch; before 1.0.0 a breaking change bumps the minor', () => {
    const commit = (subject: string) => parseCommit(subject)!;
    expect(bumpFor([commit('fix: a'), commit('chore: b')])).toBe('patch');
    expect(bumpFor([commit('fix: a'), commit('feat: b')])).toBe('minor');
    expect(bumpFor([commit('feat!: a'), commit('fix: b')])).toBe('major');
    expect(nextVersion('1.4.2', 'major')).toBe('2.0.0');
    expect(nextVersion('1.4.2', 'minor')).toBe('1.5.0');
    expect(nextVersion('1.4.2', 'patch')).toBe('1.4.3');
    expect(nextVersion('0.4.2', 'major')).toBe('0.5.0');
    expect(() => nextVersion('1.4', 'patch')).toThrow(ReleaseError);
  });

  test('a draft of the changelog entries groups features, fixes and breaking changes, and leaves out housekeeping', () => {
    const commits = ['feat(orders): export orders', 'fix: refund rounding', 'chore(deps): update jest', 'feat!: drop v0 routes'].map(
      (subject) => parseCommit(subject)!,
    );
    expect(draftEntries(commits)).toBe(
      '### Added\n\n- orders: export orders\n\n### Changed\n\n- **Breaking:** drop v0 routes\n\n### Fixed\n\n- refund rounding',
    );
  });
});

describe('cutting a release in CHANGELOG.md', () => {
  test('the [Unreleased] entries move under the version, and an empty [Unreleased] stays on top', () => {
    expect(cutRelease(CHANGELOG, '0.2.0', '2026-12-07')).toBe(`# Changelog

Preamble.

## [Unreleased]

## [0.2.0] - 2026-12-07

### Added

- Order export.

## [0.1.0] - 2026-12-01

### Added

- Everything.
`);
  });

  test('a release with nothing under [Unreleased], or not newer than one released, is refused', () => {
    const cut = cutRelease(CHANGELOG, '0.2.0', '2026-12-07');
    expect(() => cutRelease(cut, '0.3.0', '2026-12-08')).toThrow(/Nothing under "## \[Unreleased\]"/);
    expect(() => cutRelease(CHANGELOG, '0.1.0', '2026-12-07')).toThrow(/already has a section for 0.1.0/);
    expect(() => cutRelease(CHANGELOG, '0.0.9', '2026-12-07')).toThrow(/0.0.9 is not newer than 0.1.0/);
  });

  test("a release's notes are its section's body; a version with no section is refused", () => {
    expect(releaseNotes(CHANGELOG, 'v0.1.0')).toBe('### Added\n\n- Everything.\n');
    expect(() => releaseNotes(CHANGELOG, '0.2.0')).toThrow(/no "## \[0.2.0\] - YYYY-MM-DD" section/);
  });

  test("the repository's CHANGELOG.md has the layout the release process needs, and states the tag scheme", () => {
    const changelog = read('CHANGELOG.md');
    expect(changelog).toMatch(/^# Changelog\n/);
    expect(changelog).toContain('\n## [Unreleased]\n');
    expect(changelog).toContain('vMAJOR.MINOR.PATCH');
    // Cutting the next release from it works: there is something under [Unreleased].
    expect(() => cutRelease(changelog, '99.0.0', '2026-12-07')).not.toThrow();
    expect(read('docs/releasing.md')).toContain('vMAJOR.MINOR.PATCH');
  });
});
