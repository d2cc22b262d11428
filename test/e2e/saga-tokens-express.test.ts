/**
 * The saga paths end to end (saga-tokens.test.ts) with the order saga as an Express workflow, as a
 * stage with `saga.workflowType: 'express'` deploys it: the in-process target reads
 * LOCAL_SAGA_WORKFLOW_TYPE when its runtime starts, after this module has run. (Against a deployed
 * stack, API_URL=…, the stack's own type applies.) The whole e2e suite runs on Express with
 * `LOCAL_SAGA_WORKFLOW_TYPE=express npm run test:e2e`.
 */
import './saga-tokens.test';

process.env.LOCAL_SAGA_WORKFLOW_TYPE = 'express';
