import { inventoryContract } from '../inventory/api-contract';
import { ordersContract } from '../orders/api-contract';
import { paymentsContract } from '../payments/api-contract';
import type { RouteContract } from '../shared/http/route-contract';
import { platformContract } from './api-contract';

/**
 * Every route's contract, one list per bounded context: what the OpenAPI document and the gateway's
 * request models are generated from. Each context's file exports only schemas (no adapters), so
 * importing this list never opens a client or reads a table name.
 */
export const publishedContracts: RouteContract[] = [...platformContract, ...ordersContract, ...inventoryContract, ...paymentsContract];
