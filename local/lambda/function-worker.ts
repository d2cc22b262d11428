/**
 * Entry of a worker thread that hosts one Lambda function, as a Lambda sandbox does: it loads the
 * function's bundle once (the cold start), then runs one invocation at a time with a Lambda context.
 * It is bundled by esbuild at start-up, like the functions, so it needs no TypeScript loader.
 */
import { readlinkSync } from 'node:fs';
import { enableCompileCache, flushCompileCache } from 'node:module';
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { InvokeMessage, SerializedError, WorkerBootData, WorkerReply } from './worker-protocol';

type Handler = (event: unknown, context: unknown, callback?: (err: unknown, result?: unknown) => void) => unknown;

const boot = workerData as WorkerBootData;
const port = parentPort;
if (!port) throw new Error('function-worker must run in a worker thread');
process.setSourceMapsEnabled(true);
// Before the bundle loads, so that its start yields too; never above the priority the thread has.
// Linux keeps a nice value per thread (setpriority(2): "the nice value is a per-thread attribute"), and
// /proc/thread-self names this thread's id; elsewhere the sandbox keeps the process's priority.
if (boot.niceness) {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (getPriority(threadId) < boot.niceness) setPriority(threadId, boot.niceness);
  } catch {
    // not Linux: no per-thread priority
  }
}
// The bundle's compiled code is kept on disk: the next sandbox of any function, in this run or the
// next, skips compiling it (https://nodejs.org/api/module.html#module-compile-cache).
if (boot.compileCacheDir) enableCompileCache(boot.compileCacheDir);

function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    return { errorType: error.name || 'Error', errorMessage: error.message, trace: error.stack?.split('\n') };
  }
  return { errorType: 'Error', errorMessage: typeof error === 'string' ? error : JSON.stringify(error) };
}

function send(reply: WorkerReply): void {
  port!.postMessage(reply);
}

/** The invocation running now, so that each line the function writes is told with its request id. */
let currentRequestId: string | undefined;

/**
 * Sends what the function writes to stdout and stderr (Powertools' JSON lines, console output) to the
 * host as messages, as Lambda's runtime forwards them to CloudWatch Logs: on the channel of the results,
 * so an invocation's lines reach the host before its result does.
 */
function forwardOutput(stream: 'stdout' | 'stderr'): void {
  const target = process[stream];
  target.write = ((chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
    const text =
      typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    send({ kind: 'log', requestId: currentRequestId, stream, text });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') (done as () => void)();
    return true;
  }) as typeof target.write;
}
forwardOutput('stdout');
forwardOutput('stderr');

let handler: Handler;
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(boot.bundlePath) as Record<string, unknown>;
  const exported = module[boot.handlerName];
  if (typeof exported !== 'function') throw new Error(`${boot.bundlePath} exports no function "${boot.handlerName}"`);
  handler = exported as Handler;
  send({ kind: 'ready' });
  // Written now: a sandbox is terminated, not exited, when the runtime stops.
  if (boot.compileCacheDir) flushCompileCache();
} catch (error) {
  send({ kind: 'boot-failed', error: { ...serializeError(error), errorType: 'Runtime.ImportModuleError' } });
}

function lambdaContext(message: InvokeMessage) {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: boot.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: boot.functionArn,
    memoryLimitInMB: String(boot.memorySize),
    awsRequestId: message.requestId,
    logGroupName: `/aws/lambda/${boot.functionName}`,
    logStreamName: `local/${process.pid}`,
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Runs the handler in either style Lambda supports: returning a promise, or calling back. */
function runHandler(message: InvokeMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const callback = (err: unknown, result?: unknown) => (err ? reject(err) : resolve(result));
    try {
      const returned = handler(message.event, lambdaContext(message), callback);
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<unknown>).then(resolve, reject);
      } else if (handler.length < 3) {
        resolve(returned);
      }
    } catch (error) {
      reject(error);
    }
  });
}

port.on('message', (message: InvokeMessage) => {
  currentRequestId = message.requestId;
  runHandler(message).then(
    // Lambda serialises the result as JSON: undefined becomes null, dates become strings.
    (result) => send({ kind: 'result', requestId: message.requestId, payload: JSON.parse(JSON.stringify(result ?? null)) }),
    (error) => send({ kind: 'error', requestId: message.requestId, error: serializeError(error) }),
  );
});
