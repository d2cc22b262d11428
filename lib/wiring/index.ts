import { domainEventQueues, domainEventRules } from './event-rules';
import { domainEventStreamConsumers } from './event-streams';
import { functionCatalogue } from './functions';
import { sagaSchedules, sagaStateMachines, sagaStreamConsumers } from './saga';
import { authorizerSpec, routeTable } from './routes';
import { tableDesign } from './table';
import type { AppWiring } from './types';

export * from './types';
export { API_BASE_PATH } from './routes';
export * from './function-environment';
export * from './stage-wiring';

/** The whole app as data: what the CDK stack deploys and what `npm start` runs. */
export const appWiring: AppWiring = {
  functions: functionCatalogue,
  authorizer: authorizerSpec,
  routes: routeTable,
  eventRules: domainEventRules,
  schedules: sagaSchedules,
  streamConsumers: [...sagaStreamConsumers, ...domainEventStreamConsumers],
  stateMachines: sagaStateMachines,
  queues: domainEventQueues,
  table: tableDesign,
};
