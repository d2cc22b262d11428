import type { ContextWiring } from '#contracts/wiring';
import { inventoryApi } from './api-contract';

/** The inventory context's part of the app: its routes, each with its contract and function (api-contract.ts). */
export const inventoryWiring: ContextWiring = { ...inventoryApi };
