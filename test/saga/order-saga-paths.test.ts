import { describeOrderSagaPaths } from './support/order-saga-paths-suite';

/** Every path of the order saga with the order saga as a Standard workflow (support/order-saga-paths-suite.ts). */
jest.setTimeout(120_000);

describeOrderSagaPaths('standard');
