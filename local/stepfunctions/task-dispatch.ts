import * as dynamodb from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { LocalServiceError } from '../aws-api/service-error';
import type { FunctionInvoker, InvokeResult } from '../lambda/function-invoker';
import type { StartExecutionRequest, StartExecutionResponse } from './api-types';
import { isJsonObject, type JsonObject, type JsonValue } from './json';
import { runtimeFailure, sdkIntegrationErrorName, serviceErrorCause, TaskFailure } from './task-failure';
import { functionIdFromName, type DynamoDbOptimizedAction, type TaskResource } from './task-resource';
import type { PutEventsRequest, PutEventsRequestEntry, PutEventsResponse } from '../eventbridge/put-events-request';

/**
 * Runs one Task's resource in process, the way Step Functions' integration for it would: same request
 * parameters, same result shape, same error names (so Retry/Catch in the ASL behave as on AWS). Nothing
 * here can reach the network: every route is a local service, and an unknown resource fails the task.
 */

export interface TaskDispatchDeps {
  /** Runs the catalogue's functions (Lambda tasks). */
  invoker: FunctionInvoker;
  /** A client pointed at the local DynamoDB (DynamoDB tasks). */
  dynamoDb?: Pick<dynamodb.DynamoDBClient, 'send'>;
  /** The local bus (events:putEvents tasks). */
  putEvents?: (request: PutEventsRequest) => Promise<PutEventsResponse> | PutEventsResponse;
}

/** The slice of the Step Functions service a `states:startExecution` task needs. */
export interface ExecutionStarter {
  startExecution(request: StartExecutionRequest): Promise<StartExecutionResponse>;
}

export interface TaskInvocation {
  resource: TaskResource;
  /** The state's effective input (after InputPath and Parameters, task token already in place). */
  input: JsonValue;
  executionArn: string;
  stepFunctions: ExecutionStarter;
}

const OPTIMIZED_DYNAMODB_COMMANDS = {
  getItem: dynamodb.GetItemCommand,
  putItem: dynamodb.PutItemCommand,
  updateItem: dynamodb.UpdateItemCommand,
  deleteItem: dynamodb.DeleteItemCommand,
} satisfies Record<DynamoDbOptimizedAction, unknown>;

/** Errors the optimized DynamoDB integration reports by name; any other becomes `AmazonDynamoDBException`. */
const OPTIMIZED_DYNAMODB_ERRORS = new Set([
  'ConditionalCheckFailedException',
  'ProvisionedThroughputExceededException',
  'ResourceNotFoundException',
  'ItemCollectionSizeLimitExceededException',
  'TransactionConflictException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ThrottlingException',
]);

/**
 * Errors Lambda itself raises for an invocation, rather than the function's code: a timeout (the
 * Invoke API's `Sandbox.Timedout`) and a runtime that exited. Step Functions reports them as
 * `Lambda.Unknown` (AWS docs, "Handle Lambda service exceptions",
 * https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html: "Unhandled
 * errors in Lambda are reported as Lambda.Unknown in the error output. These include out-of-memory
 * errors and function timeouts"), so a Retry that names only the runtime's own name never matches.
 */
const UNHANDLED_FUNCTION_ERRORS = new Set(['Sandbox.Timedout', 'Runtime.ExitError']);
export const UNHANDLED_LAMBDA_ERROR = 'Lambda.Unknown';

export class TaskResourceDispatcher {
  constructor(private readonly deps: TaskDispatchDeps) {}

  async dispatch(invocation: TaskInvocation): Promise<JsonValue> {
    const { resource, input } = invocation;
    const target = resource.target;
    switch (target.kind) {
      case 'lambda-function':
        return this.invokeDirect(target.functionArn, input);
      case 'lambda-invoke':
        return this.invokeOptimized(input);
      case 'dynamodb':
        return this.dynamoDbOptimized(target.action, input);
      case 'events-put-events':
        return this.putEvents(input, invocation.executionArn, true);
      case 'states-start-execution':
        return this.startExecution(input, invocation.stepFunctions, 'StepFunctions');
      case 'aws-sdk':
        if (target.service === 'dynamodb') return this.dynamoDbSdk(target.action, input);
        if (target.service === 'sfn' && target.action === 'startExecution') return this.startExecution(input, invocation.stepFunctions, 'Sfn');
        if (target.service === 'eventbridge' && target.action === 'putEvents') return this.putEvents(input, invocation.executionArn, false);
        throw runtimeFailure(`the local runtime does not implement ${resource.arn}`);
      case 'unsupported':
        throw runtimeFailure(`${target.reason}; the task was not run (nothing is ever sent to AWS)`);
    }
  }

  /** `arn:aws:lambda:…:function:x`: the function's result is the task's result. */
  private async invokeDirect(functionArn: string, payload: JsonValue): Promise<JsonValue> {
    const result = await this.invoke(functionArn, payload, 'RequestResponse');
    return (result.ok ? (result.payload ?? null) : null) as JsonValue;
  }

  /** `arn:aws:states:::lambda:invoke`: the result is wrapped as Lambda's Invoke API answers. */
  private async invokeOptimized(parameters: JsonValue): Promise<JsonValue> {
    if (!isJsonObject(parameters) || typeof parameters.FunctionName !== 'string') {
      throw runtimeFailure('lambda:invoke needs Parameters.FunctionName');
    }
    const invocationType = parameters.InvocationType === 'Event' ? 'Event' : 'RequestResponse';
    const payload = 'Payload' in parameters ? parameters.Payload : {};
    const result = await this.invoke(parameters.FunctionName, payload, invocationType);
    const requestId = randomUUID();
    const statusCode = invocationType === 'Event' ? 202 : 200;
    return {
      ExecutedVersion: '$LATEST',
      Payload: invocationType === 'Event' ? '' : (((result.ok ? result.payload : null) ?? null) as JsonValue),
      SdkHttpMetadata: sdkHttpMetadata(statusCode, requestId),
      SdkResponseMetadata: { RequestId: requestId },
      StatusCode: statusCode,
    };
  }

  /** A function error fails the task with the function's `errorType` (what Catch/Retry match). */
  private async invoke(functionName: string, payload: unknown, invocationType: 'RequestResponse' | 'Event'): Promise<InvokeResult> {
    let result: InvokeResult;
    try {
      result = await this.deps.invoker.invoke(functionIdFromName(functionName), payload, { invocationType });
    } catch (error) {
      const code = error instanceof LocalServiceError ? error.code : 'ServiceException';
      throw new TaskFailure(sdkIntegrationErrorName('Lambda', code), serviceErrorCause('AWSLambda', error));
    }
    if (result.ok) return result;
    const { errorType, errorMessage } = result.error;
    if (UNHANDLED_FUNCTION_ERRORS.has(errorType)) throw new TaskFailure(UNHANDLED_LAMBDA_ERROR, JSON.stringify(result.error));
    if (errorType === 'ResourceNotFoundException' && errorMessage.startsWith('Function not found')) {
      throw new TaskFailure(
        'Lambda.ResourceNotFoundException',
        serviceErrorCause('AWSLambda', { name: errorType, message: errorMessage, $metadata: { httpStatusCode: 404 } }),
      );
    }
    throw new TaskFailure(errorType, JSON.stringify(result.error));
  }

  private async dynamoDbOptimized(action: DynamoDbOptimizedAction, parameters: JsonValue): Promise<JsonValue> {
    const client = this.requireDynamoDb();
    // One of four command classes; typed as one of them so that `send` accepts it.
    const Command = OPTIMIZED_DYNAMODB_COMMANDS[action] as unknown as new (input: unknown) => dynamodb.GetItemCommand;
    try {
      const output = await client.send(new Command(parameters));
      const requestId = output.$metadata.requestId ?? randomUUID();
      return { ...withoutMetadata(output), SdkHttpMetadata: sdkHttpMetadata(200, requestId), SdkResponseMetadata: { RequestId: requestId } };
    } catch (error) {
      const name = (error as Error).name;
      const errorName = OPTIMIZED_DYNAMODB_ERRORS.has(name) ? `DynamoDB.${name}` : 'DynamoDB.AmazonDynamoDBException';
      throw new TaskFailure(errorName, serviceErrorCause('AmazonDynamoDBv2', error));
    }
  }

  private async dynamoDbSdk(action: string, parameters: JsonValue): Promise<JsonValue> {
    const client = this.requireDynamoDb();
    const commandName = `${action.charAt(0).toUpperCase()}${action.slice(1)}Command`;
    const Command = (dynamodb as unknown as Record<string, unknown>)[commandName];
    if (typeof Command !== 'function') throw runtimeFailure(`DynamoDB has no action ${action}`);
    try {
      const output = await client.send(new (Command as new (input: unknown) => dynamodb.GetItemCommand)(parameters));
      return withoutMetadata(output);
    } catch (error) {
      throw new TaskFailure(sdkIntegrationErrorName('DynamoDb', (error as Error).name), serviceErrorCause('DynamoDb', error));
    }
  }

  private requireDynamoDb(): Pick<dynamodb.DynamoDBClient, 'send'> {
    if (!this.deps.dynamoDb) throw runtimeFailure('no DynamoDB client was given to the local Step Functions');
    return this.deps.dynamoDb;
  }

  /** The optimized integration serialises object Details, tags entries with the execution and fails on any failed entry. */
  private async putEvents(parameters: JsonValue, executionArn: string, optimized: boolean): Promise<JsonValue> {
    if (!this.deps.putEvents) throw runtimeFailure('no event bus was given to the local Step Functions');
    if (!isJsonObject(parameters) || !Array.isArray(parameters.Entries)) throw runtimeFailure('events:putEvents needs Parameters.Entries');
    const entries = parameters.Entries.filter(isJsonObject).map((entry) => ({
      ...(entry as PutEventsRequestEntry),
      Detail: typeof entry.Detail === 'string' || entry.Detail === undefined ? entry.Detail : JSON.stringify(entry.Detail),
      Resources: optimized ? [...stringArray(entry.Resources), executionArn] : stringArray(entry.Resources),
    }));
    let result: PutEventsResponse;
    try {
      result = await this.deps.putEvents({ Entries: entries });
    } catch (error) {
      const code = error instanceof LocalServiceError ? error.code : (error as Error).name;
      throw new TaskFailure(sdkIntegrationErrorName('EventBridge', code), serviceErrorCause('AmazonEventBridge', error));
    }
    const output = { Entries: (result.Entries ?? []) as JsonValue, FailedEntryCount: result.FailedEntryCount ?? 0 };
    if (optimized && output.FailedEntryCount > 0) throw new TaskFailure('EventBridge.FailedEntry', JSON.stringify(output));
    return output;
  }

  private async startExecution(parameters: JsonValue, stepFunctions: ExecutionStarter, errorPrefix: 'StepFunctions' | 'Sfn'): Promise<JsonValue> {
    if (!isJsonObject(parameters) || typeof parameters.StateMachineArn !== 'string') {
      throw runtimeFailure('states:startExecution needs Parameters.StateMachineArn');
    }
    const input = parameters.Input === undefined ? '{}' : typeof parameters.Input === 'string' ? parameters.Input : JSON.stringify(parameters.Input);
    try {
      const started = await stepFunctions.startExecution({
        stateMachineArn: parameters.StateMachineArn,
        name: typeof parameters.Name === 'string' ? parameters.Name : undefined,
        input,
      });
      return { ExecutionArn: started.executionArn ?? null, StartDate: Math.round((started.startDate ?? 0) * 1000) };
    } catch (error) {
      const code = error instanceof LocalServiceError ? error.code : 'ServiceException';
      throw new TaskFailure(sdkIntegrationErrorName(errorPrefix, code), serviceErrorCause('AWSStepFunctions', error));
    }
  }
}

function sdkHttpMetadata(statusCode: number, requestId: string): JsonObject {
  const headers = { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-RequestId': requestId };
  return {
    AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, [value]])),
    HttpHeaders: headers,
    HttpStatusCode: statusCode,
  };
}

function stringArray(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** An SDK output as the integration reports it: no `$metadata`, binary as base64, dates as ISO text. */
function withoutMetadata(output: object): JsonObject {
  const rest: Record<string, unknown> = { ...output };
  delete rest.$metadata;
  return toJson(rest) as JsonObject;
}

function toJson(value: unknown): JsonValue {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Set) return [...value].map(toJson);
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, toJson(item)]),
    );
  }
  return (value ?? null) as JsonValue;
}
