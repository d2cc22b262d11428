import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One Logger and Metrics per function bundle, created at cold start and imported by every handler.
 * Service name, namespace and log level come from the environment the stack sets
 * (lib/wiring/function-environment.ts).
 *
 * No Powertools Tracer: Lambda's active tracing records each invocation's segment (with its
 * Initialization, Invocation and Overhead subsegments), and the SDK's recursion-detection middleware
 * passes the trace header on to the services a function calls. The tracer's X-Ray SDK would add
 * ~120 KB and ~15 ms to every cold start for a handler subsegment that repeats Lambda's own
 * (docs/decisions/0007-tracing-without-the-xray-sdk.md).
 */
export const logger = new Logger();
export const metrics = new Metrics();
