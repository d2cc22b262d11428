/**
 * What a Task state's `Resource` ARN asks for, parsed once per definition. The dispatcher routes on
 * `target`; the history names the resource the way GetExecutionHistory does (`resourceType`/`resource`).
 */

export type DynamoDbOptimizedAction = 'getItem' | 'putItem' | 'updateItem' | 'deleteItem';

export type TaskTarget =
  /** `arn:aws:lambda:…:function:name` (the legacy direct form: LambdaFunction* history events). */
  | { kind: 'lambda-function'; functionArn: string }
  /** `arn:aws:states:::lambda:invoke`. */
  | { kind: 'lambda-invoke' }
  /** `arn:aws:states:::dynamodb:<getItem|putItem|updateItem|deleteItem>`. */
  | { kind: 'dynamodb'; action: DynamoDbOptimizedAction }
  /** `arn:aws:states:::events:putEvents`. */
  | { kind: 'events-put-events' }
  /** `arn:aws:states:::states:startExecution`. */
  | { kind: 'states-start-execution' }
  /** `arn:aws:states:::aws-sdk:<service>:<action>` for the services the local runtime has. */
  | { kind: 'aws-sdk'; service: 'dynamodb' | 'sfn' | 'eventbridge'; action: string }
  /** Anything else: the task fails with a clear error, nothing is called. */
  | { kind: 'unsupported'; reason: string };

export type IntegrationPattern = 'request-response' | 'wait-for-task-token';

export interface TaskResource {
  arn: string;
  target: TaskTarget;
  pattern: IntegrationPattern;
  /** History naming: e.g. `lambda` / `invoke.waitForTaskToken`, `aws-sdk:dynamodb` / `getItem`. */
  resourceType: string;
  resourceName: string;
}

const DYNAMODB_OPTIMIZED = new Set<string>(['getItem', 'putItem', 'updateItem', 'deleteItem']);
const AWS_SDK_SERVICES = new Set<string>(['dynamodb', 'sfn', 'eventbridge']);

const LAMBDA_ARN = /^arn:[a-z-]+:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/;
const SERVICE_INTEGRATION_ARN = /^arn:[a-z-]+:states:::(.+)$/;

export function parseTaskResource(arn: string): TaskResource {
  if (LAMBDA_ARN.test(arn)) {
    return { arn, target: { kind: 'lambda-function', functionArn: arn }, pattern: 'request-response', resourceType: 'lambda', resourceName: arn };
  }
  const integration = SERVICE_INTEGRATION_ARN.exec(arn)?.[1];
  if (!integration) {
    const what = /^arn:[a-z-]+:states:[^:]*:\d*:activity:/.test(arn)
      ? 'activities are not supported locally'
      : 'not a Lambda function or service integration ARN';
    return unsupported(arn, `${what}: ${arn}`, 'unknown', arn);
  }

  const dot = integration.indexOf('.');
  const path = dot < 0 ? integration : integration.slice(0, dot);
  const suffix = dot < 0 ? '' : integration.slice(dot + 1);
  const parts = path.split(':');
  const sdk = parts[0] === 'aws-sdk';
  const service = sdk ? (parts[1] ?? '') : (parts[0] ?? '');
  const action = (sdk ? parts[2] : parts[1]) ?? '';
  const resourceType = sdk ? `aws-sdk:${service}` : service;
  const resourceName = suffix ? `${action}.${suffix}` : action;

  let pattern: IntegrationPattern;
  if (suffix === '') pattern = 'request-response';
  else if (suffix === 'waitForTaskToken') pattern = 'wait-for-task-token';
  else return unsupported(arn, `the .${suffix} integration pattern is not supported locally (${arn})`, resourceType, resourceName);

  const make = (target: TaskTarget): TaskResource => ({ arn, target, pattern, resourceType, resourceName });
  if (sdk) {
    if (!AWS_SDK_SERVICES.has(service) || !action) {
      return unsupported(arn, `the local runtime has no ${service || '(missing)'} service for ${arn}`, resourceType, resourceName);
    }
    return make({ kind: 'aws-sdk', service: service as 'dynamodb' | 'sfn' | 'eventbridge', action });
  }
  if (service === 'lambda' && action === 'invoke') return make({ kind: 'lambda-invoke' });
  if (service === 'dynamodb' && DYNAMODB_OPTIMIZED.has(action)) return make({ kind: 'dynamodb', action: action as DynamoDbOptimizedAction });
  if (service === 'events' && action === 'putEvents') return make({ kind: 'events-put-events' });
  if (service === 'states' && action === 'startExecution') return make({ kind: 'states-start-execution' });
  return unsupported(arn, `no local handler for the service integration ${arn}`, resourceType, resourceName);
}

function unsupported(arn: string, reason: string, resourceType: string, resourceName: string): TaskResource {
  return { arn, target: { kind: 'unsupported', reason }, pattern: 'request-response', resourceType, resourceName };
}

/** `name`, `name:alias`, a full or partial Lambda ARN → the function's name (the local function id). */
export function functionIdFromName(functionName: string): string {
  const arnMatch = /^arn:[a-z-]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(functionName);
  if (arnMatch) return arnMatch[1]!;
  const partial = /^\d{12}:function:([^:]+)/.exec(functionName);
  if (partial) return partial[1]!;
  return functionName.split(':')[0]!;
}
