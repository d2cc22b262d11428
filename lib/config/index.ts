export * from './stage-config-schema';
export * from './load-stage-config';
export * from './deploy-inputs';
export * from './capacity-model';
