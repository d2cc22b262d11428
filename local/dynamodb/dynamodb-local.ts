import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { localDynamoDbClientConfig } from './client-config';
import { findFreePort, isPortFree } from './free-port';
import { findJavaRuntime } from './java-runtime';
import { LocalDynamoDbError, USE_EXISTING_DYNAMODB_HINT } from './local-dynamodb-error';
import { spawnTethered, type TetheredProcess } from './tethered-process';

/** A DynamoDB the local runtime can use: one it started, or one that was already running. */
export interface RunningDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Default: a free port. */
  port?: number;
  /** Keep the data in this folder (-dbPath) instead of in memory. */
  persistDir?: string;
  /** Folder holding DynamoDBLocal.jar and DynamoDBLocal_lib. Default: amplify-dynamodb-simulator's emulator/. */
  jarDir?: string;
  /** Default: $JAVA_HOME/bin/java, else java on PATH. */
  javaCommand?: string;
  /** How long DynamoDB Local may take to answer. Default 30 s. */
  startTimeoutMs?: number;
}

export interface DynamoDbLocal extends RunningDynamoDb {
  port: number;
  /** Pid of the JVM. */
  pid: number;
}

const JAR = 'DynamoDBLocal.jar';
const NATIVE_LIBS = 'DynamoDBLocal_lib';
const PORT_TAKEN_OUTPUT = /Could not start server on port|Address already in use|BindException/i;

/** The emulator folder of the installed amplify-dynamodb-simulator package (only its jar is used). */
export function defaultDynamoDbLocalJarDir(): string | undefined {
  try {
    return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  } catch {
    return undefined;
  }
}

function checkJarDir(jarDir: string | undefined): string {
  const found = jarDir !== undefined && existsSync(join(jarDir, JAR)) && existsSync(join(jarDir, NATIVE_LIBS));
  if (!found) {
    const where = jarDir ? `${join(jarDir, JAR)} (with ${NATIVE_LIBS}/)` : 'the amplify-dynamodb-simulator package';
    throw new LocalDynamoDbError(
      `DynamoDB Local is not installed: ${where} is missing. To fix: run npm install (the dev dependency amplify-dynamodb-simulator ships the jar), ${USE_EXISTING_DYNAMODB_HINT}.`,
    );
  }
  return resolve(jarDir);
}

function portTakenError(port: number): LocalDynamoDbError {
  return new LocalDynamoDbError(
    `Cannot start DynamoDB Local: port ${port} is already in use. To fix: stop what uses it, choose another port (or none: a free one is picked), ${USE_EXISTING_DYNAMODB_HINT}.`,
  );
}

/** One ListTables with a short timeout: true when the endpoint answers like a DynamoDB. */
async function answers(endpoint: string, timeoutMs: number): Promise<{ ok: true } | { ok: false; error: unknown }> {
  const client = new DynamoDBClient(
    localDynamoDbClientConfig(endpoint, { maxAttempts: 1, requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs } }),
  );
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(timeoutMs) });
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  } finally {
    client.destroy();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

async function waitUntilAnswering(endpoint: string, jvm: TetheredProcess, timeoutMs: number): Promise<'ready' | 'exited' | 'timeout'> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (jvm.hasExited()) return 'exited';
    if ((await answers(endpoint, 1_000)).ok) return 'ready';
    if (jvm.hasExited()) return 'exited';
    await sleep(100);
  }
  return 'timeout';
}

/** A JVM's own temp folder, named for the Node process that owns it. */
const SCRATCH_PREFIX = 'ordersaga-dynamodb-local-';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp folders of DynamoDB Locals whose Node process is gone: one killed outright (SIGKILL)
 * could not remove its own. Run at each start.
 */
export function removeAbandonedScratchFolders(root = tmpdir()): void {
  for (const name of readdirSync(root)) {
    const owner = new RegExp(`^${SCRATCH_PREFIX}(\\d+)-`).exec(name)?.[1];
    if (owner && !processIsAlive(Number(owner))) rmSync(join(root, name), { recursive: true, force: true });
  }
}

async function launch(jarDir: string, javaCommand: string, port: number, options: DynamoDbLocalOptions, scratch: string): Promise<TetheredProcess> {
  const storage = options.persistDir ? ['-dbPath', resolve(options.persistDir)] : ['-inMemory'];
  const args = [
    // The quick JIT only (C1) and the single-threaded collector: a local DynamoDB Local lives minutes to
    // hours beside the functions on a few cores, so it is the JIT's CPU during warm-up that it pays for,
    // not C2's peak; measured in docs/performance.md a) (https://docs.oracle.com/en/java/javase/17/docs/specs/man/java.html).
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    `-Djava.library.path=${join(jarDir, NATIVE_LIBS)}`,
    // It copies its SQLite library into the temp folder at each start (~0.9 MB) and leaves the copy when
    // it is killed: into a folder of its own, removed when it stops.
    `-Djava.io.tmpdir=${scratch}`,
    '-jar',
    join(jarDir, JAR),
    ...storage,
    // One database for every access key and region: handlers sign with whatever credentials they have.
    '-sharedDb',
    '-port',
    String(port),
    // Without it DynamoDB Local tries to send telemetry over the network.
    '-disableTelemetry',
  ];
  // DynamoDB Local cannot bind to 127.0.0.1 only (it has no host option): it listens on every interface.
  return spawnTethered(javaCommand, args, { cwd: options.persistDir ? resolve(options.persistDir) : tmpdir() });
}

/**
 * Starts AWS's DynamoDB Local (the jar, run by Java 17+) and resolves once it answers ListTables.
 * Fails at once, with what to do, when Java or the jar is missing or the port is taken.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const jarDir = checkJarDir(options.jarDir ?? defaultDynamoDbLocalJarDir());
  const java = findJavaRuntime({ command: options.javaCommand });
  if (options.persistDir) {
    mkdirSync(options.persistDir, { recursive: true });
    if (!statSync(options.persistDir).isDirectory()) throw new LocalDynamoDbError(`${options.persistDir} is not a folder: give --persist a folder.`);
  }
  if (options.port !== undefined && !(await isPortFree(options.port))) throw portTakenError(options.port);
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  removeAbandonedScratchFolders();

  // A picked port can be taken by someone else before the JVM binds it: then pick another, once.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort());
    const endpoint = `http://127.0.0.1:${port}`;
    const scratch = mkdtempSync(join(tmpdir(), `${SCRATCH_PREFIX}${process.pid}-`));
    const jvm = await launch(jarDir, java.command, port, options, scratch);
    const stop = async () => {
      try {
        await jvm.stop();
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    };
    const outcome = await waitUntilAnswering(endpoint, jvm, timeoutMs);
    if (outcome === 'ready') {
      return { endpoint, port, pid: jvm.pid, stop };
    }
    await stop();
    const output = jvm.output().trim();
    if (PORT_TAKEN_OUTPUT.test(output)) {
      if (options.port === undefined && attempt < 2) continue;
      throw portTakenError(port);
    }
    const what = outcome === 'exited' ? 'exited during startup' : `did not answer within ${Math.round(timeoutMs / 1000)} s`;
    throw new LocalDynamoDbError(
      `DynamoDB Local (${java.description}) ${what}. Its output:\n${output || '(none)'}\nTo fix: check the Java runtime and ${join(jarDir, JAR)}, ${USE_EXISTING_DYNAMODB_HINT}.`,
    );
  }
}

/**
 * For DYNAMODB_ENDPOINT: checks that the DynamoDB there answers, and returns it with a stop() that
 * leaves it running (it is not ours).
 */
export async function connectToExistingDynamoDb(endpoint: string, options: { timeoutMs?: number } = {}): Promise<RunningDynamoDb> {
  let url: URL;
  try {
    url = new URL(endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new LocalDynamoDbError(
      `DYNAMODB_ENDPOINT=${endpoint} is not an http(s) URL: set it like http://127.0.0.1:8000, or unset it to start DynamoDB Local.`,
    );
  }
  const deadline = Date.now() + (options.timeoutMs ?? 5_000);
  let last: { ok: true } | { ok: false; error: unknown };
  do {
    last = await answers(endpoint, 2_000);
    if (last.ok) return { endpoint, stop: async () => undefined };
    await sleep(200);
  } while (Date.now() < deadline);
  const reason = last.error instanceof Error ? `${last.error.name}: ${last.error.message}` : String(last.error);
  throw new LocalDynamoDbError(
    `DYNAMODB_ENDPOINT=${endpoint} does not answer like a DynamoDB (${reason}). To fix: start that DynamoDB, or unset DYNAMODB_ENDPOINT to use the embedded DynamoDB Local.`,
  );
}
