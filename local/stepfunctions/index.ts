export { LocalStepFunctions, type IdleOptions, type LocalStepFunctionsOptions, type StateMachineSource } from './local-step-functions';
export { TaskResourceDispatcher, type PutEventsRequest, type PutEventsResult, type TaskDispatchDeps } from './task-dispatch';
export { UnsupportedDefinitionError } from './definition-catalog';
export type * from './api-types';
