import { API_BASE_PATH } from '#contracts/api/route-contract';
import { pathOf } from '#contracts/wiring-declarations';

/** Where an order lives: the getOrder route, below the base path. */
export const ORDER_PATH = '/orders/{id}';

/**
 * The URL path of an order, the Location of a new one. Apart from the route contracts (api-contract.ts),
 * so that createOrder does not build every orders route's schemas at its cold start for one path.
 */
export const orderLocation = (orderId: string): string => pathOf({ path: `${API_BASE_PATH}${ORDER_PATH}` }, { id: orderId });
