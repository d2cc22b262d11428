import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * One Logger, Metrics and Tracer per function bundle, created at cold start and imported by every
 * handler. Service name, namespace and log level come from the environment the stack sets
 * (lib/wiring/function-environment.ts).
 */
export const logger = new Logger();
export const metrics = new Metrics();
export const tracer = new Tracer();
