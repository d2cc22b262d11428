import { apiDocument } from '#platform/application/api-document';
import { owaspExemptions } from './owasp-exemptions';
import { spectralLint, type SpectralFinding } from './support/spectral-lint';

const exemptionFor = (finding: SpectralFinding) => owaspExemptions.find((exemption) => exemption.rule === finding.code && exemption.where.test(finding.path));
const describeFinding = (finding: SpectralFinding) => `${finding.code} at ${finding.path}: ${finding.message}`;

/**
 * The OWASP API Security Top 10 ruleset (@stoplight/spectral-owasp-ruleset, through .spectral.yaml)
 * on the document the API serves: every finding is fixed or exempted, with its reason, in
 * owasp-exemptions.ts. Any other finding, of any severity, fails.
 */
describe('OWASP API Security ruleset (Spectral)', () => {
  const findings = spectralLint(apiDocument());

  test("the API's own document has no finding but the exempted ones", () => {
    expect(findings.filter((finding) => !exemptionFor(finding)).map(describeFinding)).toEqual([]);
  });

  test('every exemption still matches a finding (a fixed one is taken off the list)', () => {
    const unused = owaspExemptions.filter((exemption) => !findings.some((finding) => exemptionFor(finding) === exemption));
    expect(unused.map((exemption) => `${exemption.rule} ${exemption.where}`)).toEqual([]);
  });

  test('every exemption says why', () => {
    for (const exemption of owaspExemptions) expect(exemption.reason.length).toBeGreaterThan(40);
  });

  test('the rules are live: an unbounded string, an integer without a format and an undeclared 500 are findings', () => {
    const document = structuredClone(apiDocument()) as any;
    document.components.schemas.Order.properties.id = { type: 'string' };
    document.components.schemas.Order.properties.totalAmount = { type: 'integer', minimum: 0 };
    delete document.paths['/api/v1/orders'].post.responses['500'];
    const found = spectralLint(document)
      .filter((finding) => !exemptionFor(finding))
      .map((finding) => `${finding.code} ${finding.path}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'owasp:api4:2023-string-limit components.schemas.Order.properties.id',
        'owasp:api4:2023-integer-format components.schemas.Order.properties.totalAmount',
        'owasp:api8:2023-define-error-responses-500 paths./api/v1/orders.post.responses',
      ]),
    );
  });
});
