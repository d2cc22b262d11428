import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Spawns a long-running helper program (DynamoDB Local's JVM) that must never outlive this Node
 * process, however this process ends:
 * - stop() or a normal exit / uncaught crash: a synchronous `process.on('exit')` hook SIGKILLs it;
 * - Ctrl-C in a terminal: it stays in our process group (not detached), so it gets the SIGINT too;
 * - SIGTERM / SIGKILL of Node, where no JS runs: on POSIX a tiny `sh` watchdog holds the read end of a
 *   pipe whose write end only we hold; when we die the kernel closes it and the watchdog kills the
 *   program. (Windows has no `sh`: there the program is spawned directly and only the exit hook holds.)
 */

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface TetheredProcess {
  /** Pid of the program itself, not of the watchdog shell. */
  readonly pid: number;
  /** Resolves once the program (and its watchdog) has exited, whoever stopped it. */
  readonly exited: Promise<ProcessExit>;
  hasExited(): boolean;
  /** The last bytes of its stdout and stderr, interleaved as they came, for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface TetheredProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How much output to keep for output(). */
  outputTailBytes?: number;
}

const PID_LINE = /^tethered-pid (\d+)\n/;

// $0 is a placeholder, "$@" is the program and its arguments. fd 3 is a copy of our pipe: background
// jobs of a non-interactive shell get /dev/null as stdin, so the watcher reads fd 3 instead.
const WATCHDOG_SCRIPT = [
  'exec 3<&0',
  '"$@" </dev/null 3<&- &',
  'pid=$!',
  'echo "tethered-pid $pid"',
  '( while read -r _ <&3; do :; done; kill "$pid" 2>/dev/null ) &',
  'watcher=$!',
  'exec 3<&-',
  'wait "$pid"',
  'code=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$code"',
].join('\n');

/**
 * Every program pid still to kill when this process exits. Watchdog shells are not in it: killing one
 * before it has forked its watcher (an exit during startup) would orphan the program, whereas left
 * alone it sees the pipe close and stops the program itself.
 */
const livePids = new Set<number>();
let exitHookInstalled = false;

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Only synchronous work runs in 'exit': a plain kill is enough and cannot be awaited anyway.
  process.on('exit', () => {
    for (const pid of livePids) killQuietly(pid, 'SIGKILL');
  });
}

export function spawnTethered(command: string, args: string[], options: TetheredProcessOptions = {}): Promise<TetheredProcess> {
  installExitHook();
  const useWatchdog = process.platform !== 'win32';
  const child: ChildProcess = useWatchdog
    ? spawn('sh', ['-c', WATCHDOG_SCRIPT, 'sh', command, ...args], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'], detached: false })
    : spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: false, windowsHide: true });

  const tailBytes = options.outputTailBytes ?? 16_384;
  let tail = '';
  const remember = (text: string): void => {
    tail = (tail + text).slice(-tailBytes);
  };

  let exited = false;
  const exitedPromise = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
  });

  return new Promise<TetheredProcess>((resolve, reject) => {
    let programPid: number | undefined = useWatchdog ? undefined : child.pid;
    if (programPid !== undefined) livePids.add(programPid);
    let pending = '';

    const handle: TetheredProcess = {
      get pid() {
        return programPid ?? -1;
      },
      exited: exitedPromise,
      hasExited: () => exited,
      output: () => tail,
      async stop(graceMs = 5_000) {
        if (!exited) {
          if (programPid !== undefined) killQuietly(programPid, 'SIGTERM');
          // Closing the pipe is what tells the watchdog to stop the program, should the kill have missed.
          child.stdin?.end();
          // A referenced timer: it keeps the event loop alive until the program is really gone.
          let timer: NodeJS.Timeout | undefined;
          const timeout = new Promise<'timeout'>((done) => (timer = setTimeout(() => done('timeout'), graceMs)));
          const outcome = await Promise.race([exitedPromise, timeout]);
          clearTimeout(timer);
          if (outcome === 'timeout') {
            if (programPid !== undefined) killQuietly(programPid, 'SIGKILL');
            if (child.pid !== undefined) killQuietly(child.pid, 'SIGKILL');
            await exitedPromise;
          }
        }
        forget();
      },
    };

    const forget = (): void => {
      if (programPid !== undefined) livePids.delete(programPid);
    };
    void exitedPromise.then(() => {
      // The watchdog waits for the program, so its exit means the program is gone too.
      forget();
      if (programPid === undefined) reject(new Error(`${command} exited before it started: ${tail.trim() || 'no output'}`));
    });

    child.once('error', (error) => {
      forget();
      reject(error);
    });
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => remember(text));
    child.stdout?.on('data', (text: string) => {
      if (programPid !== undefined) return remember(text);
      pending += text;
      const match = PID_LINE.exec(pending);
      if (!match) return;
      programPid = Number(match[1]);
      livePids.add(programPid);
      remember(pending.slice(match[0].length));
      resolve(handle);
    });
    if (!useWatchdog) resolve(handle);
  }).then((handle) => {
    // Once started, neither the program nor its pipes keep the event loop alive: the owner decides
    // when we exit, and the exit hook / watchdog then take the program down. (Not before: while we
    // wait for the pid line nothing else may be keeping this process alive.)
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();
    return handle;
  });
}
