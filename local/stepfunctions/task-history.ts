import { LOCAL_REGION } from '../local-identity';
import type { HistoryLog } from './history-log';
import { toJsonText, type JsonValue } from './json';
import type { TaskResource } from './task-resource';

/**
 * A task attempt's history events. A direct Lambda ARN resource is reported with the legacy
 * `LambdaFunction*` events, every service integration with `Task*` events, as AWS does.
 */
export class TaskHistory {
  private readonly lambda: boolean;

  constructor(
    private readonly history: HistoryLog,
    private readonly resource: TaskResource,
  ) {
    this.lambda = resource.target.kind === 'lambda-function';
  }

  scheduled(parameters: JsonValue, timeoutSeconds?: number, heartbeatSeconds?: number): void {
    if (this.lambda) {
      this.history.append('LambdaFunctionScheduled', {
        resource: this.resource.arn,
        input: toJsonText(parameters),
        inputDetails: { truncated: false },
        timeoutInSeconds: timeoutSeconds,
      });
      return;
    }
    this.history.append('TaskScheduled', {
      resourceType: this.resource.resourceType,
      resource: this.resource.resourceName,
      region: LOCAL_REGION,
      parameters: toJsonText(parameters),
      timeoutInSeconds: timeoutSeconds,
      heartbeatInSeconds: heartbeatSeconds,
    });
  }

  started(): void {
    if (this.lambda) this.history.append('LambdaFunctionStarted');
    else this.history.append('TaskStarted', this.names());
  }

  /** The callback task's resource accepted the request; the task now waits for its token. */
  submitted(output: JsonValue): void {
    this.history.append('TaskSubmitted', { ...this.names(), output: toJsonText(output), outputDetails: { truncated: false } });
  }

  succeeded(output: JsonValue): void {
    const details = { output: toJsonText(output), outputDetails: { truncated: false } };
    if (this.lambda) this.history.append('LambdaFunctionSucceeded', details);
    else this.history.append('TaskSucceeded', { ...this.names(), ...details });
  }

  failed(error: string, cause: string): void {
    if (this.lambda) this.history.append('LambdaFunctionFailed', { error, cause });
    else this.history.append('TaskFailed', { ...this.names(), error, cause });
  }

  timedOut(): void {
    if (this.lambda) this.history.append('LambdaFunctionTimedOut', { error: 'States.Timeout' });
    else this.history.append('TaskTimedOut', { ...this.names(), error: 'States.Timeout' });
  }

  private names() {
    return { resourceType: this.resource.resourceType, resource: this.resource.resourceName };
  }
}
