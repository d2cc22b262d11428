import type { HttpMethod, RouteSpec } from '../../lib/wiring/types';

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

/** The route table as API Gateway resolves it: literal resources win over parameterised ones. */
export class RouteMatcher {
  private readonly resources: CompiledResource[];

  constructor(routes: RouteSpec[]) {
    const byResource = new Map<string, RouteSpec[]>();
    for (const route of routes) byResource.set(route.path, [...(byResource.get(route.path) ?? []), route]);
    const specificity = (resource: string) => resource.split('/').filter((s) => !s.startsWith('{')).length;
    this.resources = [...byResource.entries()]
      .map(([resource, resourceRoutes]) => ({ resource, routes: resourceRoutes, ...compile(resource) }))
      .sort((a, b) => specificity(b.resource) - specificity(a.resource));
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
