import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LocalDynamoDbError, USE_EXISTING_DYNAMODB_HINT } from './local-dynamodb-error';

export interface JavaRuntime {
  /** What to spawn: `$JAVA_HOME/bin/java` when that exists, else `java` from PATH. */
  command: string;
  majorVersion: number;
  /** First line of `java -version`, for messages. */
  description: string;
}

const INSTALL_JAVA_HINT =
  'install a Java 17+ runtime, e.g. `apt-get install openjdk-17-jre-headless` (macOS: `brew install openjdk@17`), ' + USE_EXISTING_DYNAMODB_HINT;

/**
 * The major version in `java -version` output: `openjdk version "17.0.15"` → 17,
 * `java version "1.8.0_292"` → 8 (the old 1.x numbering), `openjdk version "21" 2023-09-19` → 21.
 */
export function parseJavaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

export function defaultJavaCommand(env: NodeJS.ProcessEnv = process.env): string {
  const fromHome = env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', process.platform === 'win32' ? 'java.exe' : 'java') : undefined;
  return fromHome && existsSync(fromHome) ? fromHome : 'java';
}

/**
 * Checks, before anything is spawned, that a Java new enough for DynamoDB Local is there, so a missing
 * runtime fails at once with an instruction instead of as a startup timeout.
 */
export function findJavaRuntime(options: { command?: string; minimumMajorVersion?: number } = {}): JavaRuntime {
  const command = options.command ?? defaultJavaCommand();
  const minimum = options.minimumMajorVersion ?? 17;
  const result = spawnSync(command, ['-version'], { encoding: 'utf8', timeout: 20_000 });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    const missing = /[\\/]/.test(command) ? `\`${command}\` does not exist` : `\`${command}\` is not on PATH`;
    const what = code === 'ENOENT' ? `Java was not found (${missing})` : `\`${command} -version\` failed (${result.error.message})`;
    throw new LocalDynamoDbError(`DynamoDB Local needs Java ${minimum}+: ${what}. To fix: ${INSTALL_JAVA_HINT}.`);
  }
  // The JVM prints its version on stderr; some wrappers use stdout.
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.trim();
  const majorVersion = parseJavaMajorVersion(output);
  const description = output.split('\n')[0] ?? '';
  if (majorVersion === undefined) {
    throw new LocalDynamoDbError(
      `DynamoDB Local needs Java ${minimum}+, but \`${command} -version\` printed no version I understand (${description || 'nothing'}). To fix: ${INSTALL_JAVA_HINT}.`,
    );
  }
  if (majorVersion < minimum) {
    throw new LocalDynamoDbError(
      `DynamoDB Local needs Java ${minimum}+, but \`${command}\` is Java ${majorVersion} (${description}). To fix: ${INSTALL_JAVA_HINT}.`,
    );
  }
  return { command, majorVersion, description };
}
