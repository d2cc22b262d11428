import type { ContextWiring } from '#contracts/wiring';
import { ordersApi } from './api-contract';

/** The orders context's part of the app: its routes, each with its contract and function (api-contract.ts). */
export const ordersWiring: ContextWiring = { ...ordersApi };
