import type { HttpMethod, RouteSpec } from '#contracts/wiring';

export type RouteMatch =
  | { kind: 'matched'; route: RouteSpec; pathParameters: Record<string, string> }
  | { kind: 'unknown-path' }
  | { kind: 'method-not-allowed'; allowed: HttpMethod[] };

interface CompiledResource {
  resource: string;
  pattern: RegExp;
  parameterNames: string[];
  routes: RouteSpec[];
}

/** `{name}` matches one segment, `{name+}` the rest of the path, as API Gateway resources do. */
function compile(resource: string): { pattern: RegExp; parameterNames: string[] } {
  const parameterNames: string[] = [];
  const source = resource
    .split('/')
    .map((segment) => {
      const parameter = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(segment);
      if (!parameter) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      parameterNames.push(parameter[1]!);
      return parameter[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}/?$`), parameterNames };
}

/** `/api/v1/orders/{id}` → `/`, `/api`, `/api/v1`, `/api/v1/orders`, `/api/v1/orders/{id}`: the resources the stack creates for it. */
function resourcePaths(path: string): string[] {
  const segments = path.split('/').filter(Boolean);
  return ['/', ...segments.map((_, index) => `/${segments.slice(0, index + 1).join('/')}`)];
}

/** The route table as API Gateway resolves it: literal resources win over parameterised ones. */
export class RouteMatcher {
  private readonly resources: CompiledResource[];
  /** Every resource of the tree, methods or not (each has the stack's CORS preflight). */
  private readonly tree: RegExp[];

  constructor(routes: RouteSpec[]) {
    this.tree = [...new Set(routes.flatMap((route) => resourcePaths(route.path)))].map((resource) => compile(resource).pattern);
    const byResource = new Map<string, RouteSpec[]>();
    for (const route of routes) byResource.set(route.path, [...(byResource.get(route.path) ?? []), route]);
    const specificity = (resource: string) => resource.split('/').filter((s) => !s.startsWith('{')).length;
    this.resources = [...byResource.entries()]
      .map(([resource, resourceRoutes]) => ({ resource, routes: resourceRoutes, ...compile(resource) }))
      .sort((a, b) => specificity(b.resource) - specificity(a.resource));
  }

  /** Whether `path` names a resource of the route tree: a route's own, or one of its parents. */
  resourceExists(path: string): boolean {
    return this.tree.some((pattern) => pattern.test(path));
  }

  match(method: string, path: string): RouteMatch {
    for (const resource of this.resources) {
      const found = resource.pattern.exec(path);
      if (!found) continue;
      const route = resource.routes.find((candidate) => candidate.method === method);
      if (!route) return { kind: 'method-not-allowed', allowed: resource.routes.map((r) => r.method) };
      const pathParameters: Record<string, string> = {};
      resource.parameterNames.forEach((name, index) => {
        // REST APIs hand path and path parameters over still percent-encoded, as received.
        pathParameters[name] = found[index + 1]!;
      });
      return { kind: 'matched', route, pathParameters };
    }
    return { kind: 'unknown-path' };
  }
}
