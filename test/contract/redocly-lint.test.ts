import { apiDocument } from '#platform/application/api-document';
import { fixtureDocument } from './support/fixture-document';
import { redoclyLint } from './support/redocly-lint';

/** `redocly lint` with the repository's redocly.yaml (recommended-strict plus rules of our own). */
describe('redocly lint', () => {
  test("the API's own document has no problem", () => {
    expect(redoclyLint(apiDocument()).problems).toEqual([]);
  });

  test('the document generated from the fixture contracts has no problem', () => {
    expect(redoclyLint(fixtureDocument()).problems).toEqual([]);
  });

  test('the rules are live: a 4xx that is not problem+json, and a 429 without Retry-After, are errors', () => {
    const document = structuredClone(fixtureDocument()) as any;
    document.paths['/api/v1/orders'].post.responses['422'].content = { 'application/json': { schema: { type: 'object' } } };
    delete document.components.responses.TooManyRequests.headers;
    const result = redoclyLint(document);
    expect(result.errors).toBeGreaterThan(0);
    expect(result.problems.map((problem) => problem.ruleId)).toEqual(
      expect.arrayContaining(['operation-4xx-problem-details-rfc7807', 'response-contains-header']),
    );
  });
});
