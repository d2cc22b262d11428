import { buildStack } from './support/test-stack';

/**
 * The whole dev template for the fixture wiring, so that any change to what the constructs
 * synthesize shows up in review as a diff. Asset hashes are replaced: they change with every
 * edit to any handler and say nothing about the infrastructure.
 */
test('dev stack template (fixture wiring)', () => {
  const { template } = buildStack('dev');
  const json = JSON.stringify(template.toJSON(), null, 1).replace(/"[0-9a-f]{64}\.zip"/g, '"<asset>.zip"');
  expect(JSON.parse(json)).toMatchSnapshot();
});
