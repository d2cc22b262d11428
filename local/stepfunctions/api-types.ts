import type {
  DescribeExecutionInput,
  DescribeExecutionOutput,
  ExecutionListItem,
  GetExecutionHistoryInput,
  GetExecutionHistoryOutput,
  HistoryEvent,
  HistoryEventType,
  ListExecutionsInput,
  ListExecutionsOutput,
  RedriveExecutionInput,
  RedriveExecutionOutput,
  SendTaskFailureInput,
  SendTaskFailureOutput,
  SendTaskHeartbeatInput,
  SendTaskHeartbeatOutput,
  SendTaskSuccessInput,
  SendTaskSuccessOutput,
  StartExecutionInput,
  StartExecutionOutput,
  StopExecutionInput,
  StopExecutionOutput,
} from '@aws-sdk/client-sfn';

/**
 * The Step Functions API's shapes as they travel on the wire (AWS JSON 1.0): the SDK's own model types,
 * with every timestamp as epoch seconds (a number), which is what SFNClient parses back into a Date.
 * Reusing the SDK's models keeps member names and enums exactly AWS's.
 */
export type Wire<T> = T extends Date ? number : T extends (infer Item)[] ? Wire<Item>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export type StartExecutionRequest = StartExecutionInput;
export type StartExecutionResponse = Wire<StartExecutionOutput>;
export type DescribeExecutionRequest = DescribeExecutionInput;
export type DescribeExecutionResponse = Wire<DescribeExecutionOutput>;
export type ListExecutionsRequest = ListExecutionsInput;
export type ListExecutionsResponse = Wire<ListExecutionsOutput>;
export type ExecutionListEntry = Wire<ExecutionListItem>;
export type GetExecutionHistoryRequest = GetExecutionHistoryInput;
export type GetExecutionHistoryResponse = Wire<GetExecutionHistoryOutput>;
export type RedriveExecutionRequest = RedriveExecutionInput;
export type RedriveExecutionResponse = Wire<RedriveExecutionOutput>;
export type StopExecutionRequest = StopExecutionInput;
export type StopExecutionResponse = Wire<StopExecutionOutput>;
export type SendTaskSuccessRequest = SendTaskSuccessInput;
export type SendTaskSuccessResponse = SendTaskSuccessOutput;
export type SendTaskFailureRequest = SendTaskFailureInput;
export type SendTaskFailureResponse = SendTaskFailureOutput;
export type SendTaskHeartbeatRequest = SendTaskHeartbeatInput;
export type SendTaskHeartbeatResponse = SendTaskHeartbeatOutput;

export type WireHistoryEvent = Wire<HistoryEvent>;
export type { HistoryEventType };

/** `GET /_local/executions/{name}`: one execution with its whole history, for people and tests. */
export interface LocalExecutionView {
  executionArn: string;
  stateMachineArn: string;
  /** The state machine's id in the wiring (its ARN's last segment). */
  stateMachine: string;
  type: 'STANDARD' | 'EXPRESS';
  name: string;
  status: ExecutionStatus;
  /** ISO 8601. */
  startDate: string;
  stopDate?: string;
  input: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  /** Times RedriveExecution restarted it (its history goes on from ExecutionRedriven). */
  redriveCount: number;
  /** The execution's events in order, shaped as GetExecutionHistory returns them (timestamps ISO 8601). */
  history: LocalHistoryEvent[];
}

export type LocalHistoryEvent = Omit<WireHistoryEvent, 'timestamp'> & { timestamp: string };
