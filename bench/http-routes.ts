/**
 * Latency and throughput of two read routes through the local front door: the health check (no
 * authorizer, no table) and a product read (authorizer, one GetItem).
 */
import type { LocalRuntime } from '#local/runtime';
import { percentile, runConcurrently } from './stats';
import { routeOf, routePath } from '#lib/wiring';

export interface RouteFigures {
  route: string;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export async function measureReadRoutes(runtime: LocalRuntime, sku: string, requests: number, concurrency: number): Promise<RouteFigures[]> {
  const customer = await runtime.issuer.issue({ sub: 'bench-reader' });
  const routeKey = (functionId: string) => `${routeOf(functionId).method} ${routeOf(functionId).path}`;
  const routes = [
    { route: routeKey('health'), url: `${runtime.url}${routePath('health')}`, headers: {} },
    { route: routeKey('getProduct'), url: `${runtime.url}${routePath('getProduct', { sku })}`, headers: { authorization: `Bearer ${customer}` } },
  ];
  const figures: RouteFigures[] = [];
  for (const { route, url, headers } of routes) {
    const get = async () => {
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${route}: ${response.status}`);
    };
    await runConcurrently(100, concurrency, get); // warm-up
    const { latencies, elapsedMs } = await runConcurrently(requests, concurrency, get);
    figures.push({
      route,
      requestsPerSecond: (requests / elapsedMs) * 1000,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      p99Ms: percentile(latencies, 99),
    });
  }
  return figures;
}
