import { problemSchema } from '#contracts/api/problem-schema';
import { PROBLEM_LIMITS } from '#contracts/problem';
import { HttpProblem, problemResponse } from '#shared/http/problem';

describe('problemResponse', () => {
  test("states the status, and stays within the document's bounds whatever the request quoted", () => {
    const errors = Array.from({ length: 500 }, (_, i) => ({ path: `/${'k'.repeat(5000)}${i}`, message: `Unrecognized key: "${'x'.repeat(5000)}"` }));
    const response = problemResponse(
      new HttpProblem(400, 'validation-error', 'Bad Request', 'd'.repeat(10_000), { errors }),
      `/api/v1/orders/${'a'.repeat(20_000)}`,
    );
    const body = JSON.parse(response.body);
    expect(response.statusCode).toBe(400);
    expect(body.status).toBe(400);
    expect(body.detail).toHaveLength(PROBLEM_LIMITS.detail);
    expect(body.detail.endsWith('…')).toBe(true);
    expect(body.instance).toHaveLength(PROBLEM_LIMITS.instance);
    expect(body.errors).toHaveLength(PROBLEM_LIMITS.errors);
    expect(problemSchema.safeParse(body).success).toBe(true);
  });

  test('leaves a problem within the bounds as it is', () => {
    const body = JSON.parse(problemResponse(new HttpProblem(404, 'not-found', 'Not Found', 'No order X.'), '/api/v1/orders/X').body);
    expect(body).toEqual({ type: 'urn:ordersaga:problem:not-found', title: 'Not Found', status: 404, detail: 'No order X.', instance: '/api/v1/orders/X' });
  });
});
