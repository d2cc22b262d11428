/** Messages between the function host (main thread) and a function's worker thread. */

export interface WorkerBootData {
  bundlePath: string;
  handlerName: string;
  functionName: string;
  functionArn: string;
  memorySize: number;
  /** Node's module compile cache folder, shared by every sandbox (absent: none). */
  compileCacheDir?: string;
  /** The sandbox thread's nice value (absent: the process's): background functions yield the CPU to the API's. */
  niceness?: number;
}

export interface InvokeMessage {
  kind: 'invoke';
  requestId: string;
  event: unknown;
  /** Epoch ms at which Lambda would stop the invocation. */
  deadline: number;
}

export type WorkerReply =
  | { kind: 'ready' }
  /** What the function wrote to stdout or stderr, sent on the same channel as its result so that it arrives before it. */
  | { kind: 'log'; requestId?: string; stream: 'stdout' | 'stderr'; text: string }
  | { kind: 'boot-failed'; error: SerializedError }
  | { kind: 'result'; requestId: string; payload: unknown }
  | { kind: 'error'; requestId: string; error: SerializedError };

export interface SerializedError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}
