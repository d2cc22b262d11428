import type { ContextWiring } from '#contracts/wiring';
import { platformApi } from './api-contract';

/** The platform context's part of the app: its routes, each with its contract and function (api-contract.ts). */
export const platformWiring: ContextWiring = { ...platformApi };
