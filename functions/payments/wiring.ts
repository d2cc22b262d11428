import type { ContextWiring } from '#contracts/wiring';
import { paymentsApi } from './api-contract';

/** The payments context's part of the app: its routes, each with its contract and function (api-contract.ts). */
export const paymentsWiring: ContextWiring = { ...paymentsApi };
