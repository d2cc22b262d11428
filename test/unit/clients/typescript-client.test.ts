import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createOrderSagaClient } from '#client/typescript';
import { scratchDir } from '#test/support/scratch-dirs';

const ROOT = path.resolve(__dirname, '../../..');
const TYPES = path.join(ROOT, 'clients/typescript/src/schema.d.ts');

/**
 * `npm run client:generate -- --check`: regenerates the types in memory with openapi-typescript (an ES
 * module Jest's CommonJS runtime cannot load, hence a child process) and compares them with a file.
 */
async function checkTypes(file: string): Promise<{ code: number; output: string }> {
  const args = [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/typescript-client.ts', '--check', '--file', file];
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, { cwd: ROOT });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

/**
 * The typed client a frontend depends on (clients/typescript) is generated from the OpenAPI document:
 * a route contract changed without `npm run client:generate` fails here, naming the first line that differs.
 */
describe('@ordersaga/client', () => {
  test('its committed types are the ones the OpenAPI document generates', async () => {
    const { code, output } = await checkTypes(TYPES);
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('matches the OpenAPI document') });
  }, 60_000);

  test('types that differ from the document fail the check, which names the line and the fix', async () => {
    const stale = path.join(scratchDir('ordersaga-client-'), 'schema.d.ts');
    writeFileSync(stale, readFileSync(TYPES, 'utf8').replace('"/api/v1/orders/{id}/cancel"', '"/api/v1/orders/{id}/abort"'));
    const { code, output } = await checkTypes(stale);
    expect(code).toBe(1);
    expect(output).toMatch(/does not match the OpenAPI document \(line \d+\)/);
    expect(output).toContain('committed:     "/api/v1/orders/{id}/abort"');
    expect(output).toContain('npm run client:generate');
  }, 60_000);

  test('sends the token as a bearer and builds the path from its parameters', async () => {
    const seen: Request[] = [];
    const api = createOrderSagaClient('http://api.example/', {
      token: () => 'abc',
      fetch: async (request) => {
        seen.push(request);
        return new Response(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404 }), {
          status: 404,
          headers: { 'content-type': 'application/problem+json' },
        });
      },
    });
    const { data, error, response } = await api.GET('/api/v1/orders/{id}', { params: { path: { id: 'a b' } } });
    expect(seen.map((request) => [request.url, request.headers.get('authorization')])).toEqual([['http://api.example/api/v1/orders/a%20b', 'Bearer abc']]);
    expect({ data, error, status: response.status }).toEqual({ data: undefined, error: { type: 'about:blank', title: 'Not Found', status: 404 }, status: 404 });
  });
});
