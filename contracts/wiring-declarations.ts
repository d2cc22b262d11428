import { API_BASE_PATH, type RouteContract } from './api/route-contract';
import type { BoundedContext, ContextWiring, FunctionAccess, FunctionSpec, HttpMethod, RouteSpec } from './wiring';

/**
 * How a folder of functions/ declares its part of the wiring, each fact once: a function's entry
 * file follows from its folder and id, and one RouteDeclaration gives a route its route-table entry,
 * its contract and its function.
 */

/** `reserveStock` → `reserve-stock`. */
const kebabCase = (id: string): string => id.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The handler file of a function: `functions/<folder>/handlers/<kebab-case id>.ts`, exporting `handler`. */
export const handlerEntry = (folder: string, functionId: string): string => `functions/${folder}/handlers/${kebabCase(functionId)}.ts`;

export interface FunctionDeclaration {
  id: string;
  /** Where it is deployed (its construct and service name). */
  context: BoundedContext;
  description: string;
  access: FunctionAccess;
  memorySize?: number;
  timeoutSeconds?: number;
  environment?: Record<string, string>;
  /** See FunctionSpec.assets. */
  assets?: Record<string, string>;
}

export interface FunctionDefaults {
  memorySize: number;
  timeoutSeconds: number;
}

/** Declares the functions of one folder, with that folder's defaults. */
export function functionsIn(folder: string, defaults: FunctionDefaults): (declaration: FunctionDeclaration) => FunctionSpec {
  return ({ memorySize, timeoutSeconds, environment, ...declaration }) => ({
    ...declaration,
    entry: handlerEntry(folder, declaration.id),
    handler: 'handler',
    memorySize: memorySize ?? defaults.memorySize,
    timeoutSeconds: timeoutSeconds ?? defaults.timeoutSeconds,
    ...(environment ? { environment } : {}),
  });
}

/** What an API function gets unless its route says otherwise. */
const API_FUNCTION_DEFAULTS: FunctionDefaults = { memorySize: 512, timeoutSeconds: 6 };

/**
 * One route, declared once: the route table's entry (method, path, who may call it), the contract
 * its handler validates with (the OpenAPI document and the gateway's request models come from it),
 * and the function that serves it.
 */
export interface RouteDeclaration extends Omit<RouteContract, 'method' | 'path'> {
  method: HttpMethod;
  /** Below the API base path (`/orders/{id}`); its `{name}` placeholders are `pathParameters`' keys. */
  path: string;
  auth: RouteSpec['auth'];
  summary: string;
  function: {
    /** Default: the operation id. */
    id?: string;
    access: FunctionAccess;
    /** Added to the function's description, after the route. */
    purpose?: string;
    memorySize?: number;
    timeoutSeconds?: number;
    /** See FunctionSpec.assets. */
    assets?: Record<string, string>;
  };
}

/** The routes of one context as the wiring takes them. */
export type ContextApi = Required<Pick<ContextWiring, 'routes' | 'contracts' | 'functions'>>;

/** A context's routes: each route's handler is `functions/<context>/handlers/<kebab-case function id>.ts`. */
export function contextApi(context: BoundedContext, declarations: readonly RouteDeclaration[]): ContextApi {
  const declare = functionsIn(context, API_FUNCTION_DEFAULTS);
  const api: ContextApi = { routes: [], contracts: [], functions: [] };
  for (const { method, path: below, auth, summary, function: served, ...contract } of declarations) {
    const path = `${API_BASE_PATH}${below}`;
    const functionId = served.id ?? contract.operationId;
    api.routes.push({ method, path, functionId, auth, summary });
    api.contracts.push({ method, path, ...contract });
    api.functions.push(
      declare({
        id: functionId,
        context,
        description: `${method} ${path}${auth === 'admin' ? ' (admin)' : ''}${served.purpose ? `: ${served.purpose}` : ''}`,
        access: served.access,
        memorySize: served.memorySize,
        timeoutSeconds: served.timeoutSeconds,
        ...(served.assets ? { assets: served.assets } : {}),
      }),
    );
  }
  return api;
}

/** A route's path with its placeholders filled in (`/api/v1/orders/{id}` → `/api/v1/orders/01J…`). */
export function pathOf(route: Pick<RouteSpec, 'path'>, parameters: Record<string, string>): string {
  return route.path.replace(/\{([^}]+)\}/g, (placeholder, name: string) => {
    const value = parameters[name];
    if (value === undefined) throw new Error(`no value for ${placeholder} in ${route.path}`);
    return encodeURIComponent(value);
  });
}
