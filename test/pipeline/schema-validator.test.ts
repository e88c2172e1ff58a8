import * as fs from 'fs';
import * as path from 'path';
import { validatePipelineYaml } from './harness-schema';

// The docs' example pipeline, verbatim from the user's seed document (placeholders included).
const DOCS_YAML = fs.readFileSync(path.join(__dirname, 'fixtures', 'docs-example.yaml'), 'utf8');
const FILLED = DOCS_YAML.replace('<PIPELINE_NAME>', 'FME demo').replace('<PIPELINE_ID>', 'fme_demo').replace('<ORG_ID>', 'default');
const STEP = '/pipeline/stages/0/stage/spec/execution/steps';
const pathsOf = (errors: { path: string }[]) => [...new Set(errors.map(e => e.path))];

describe('Harness schema validator (test utility)', () => {
  test('accepts the docs example once its placeholders are filled in', () => {
    expect(validatePipelineYaml(FILLED)).toEqual([]);
  });

  test('rejects the docs example as printed: the placeholders fail the name and identifier patterns', () => {
    const paths = validatePipelineYaml(DOCS_YAML).map(e => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/pipeline/name', '/pipeline/identifier']));
  });

  test('an unknown step type is reported at that step\'s type, once', () => {
    const errors = validatePipelineYaml(FILLED.replace('type: FmeFlagSetIndividualTargets', 'type: FmeFlagSetTargets'));
    expect(errors).toEqual([{ path: `${STEP}/1/step/type`, message: expect.stringContaining('unknown type "FmeFlagSetTargets"') }]);
  });

  test('a non-numeric allocation amount is reported at that amount', () => {
    const errors = validatePipelineYaml(FILLED.replace('amount: 50', 'amount: fifty'));
    expect(pathsOf(errors)).toEqual([`${STEP}/3/step/spec/allocation/0/amount`]);
  });

  test('an out-of-range allocation amount is reported at that amount', () => {
    const errors = validatePipelineYaml(FILLED.replace('amount: 100', 'amount: 101'));
    expect(pathsOf(errors)).toEqual([`${STEP}/6/step/spec/allocation/0/amount`]);
  });

  test('a bad step identifier is reported at that identifier', () => {
    const errors = validatePipelineYaml(FILLED.replace('identifier: Wait_1', 'identifier: 1wait'));
    expect(errors).toEqual([{ path: `${STEP}/2/step/identifier`, message: expect.stringContaining('must match pattern') }]);
  });

  test('a single-digit seconds duration is rejected (published timeout pattern)', () => {
    const errors = validatePipelineYaml(FILLED.replace('duration: 10s', 'duration: 5s'));
    expect(pathsOf(errors)).toEqual([`${STEP}/2/step/spec/duration`]);
  });

  test('an unquoted on treatment (a YAML 1.1 boolean in Harness) fails the treatment field', () => {
    // The validator parses YAML 1.2 like most tools; emulate Harness's YAML 1.1 reading of `on` with a literal true.
    const errors = validatePipelineYaml(FILLED.replace('- treatment: "on"\n                        keys', '- treatment: true\n                        keys'));
    expect(pathsOf(errors)).toEqual([`${STEP}/1/step/spec/treatments/0/treatment`]);
  });

  test('a missing required field is reported at its parent', () => {
    const errors = validatePipelineYaml(FILLED.replace('                    environment: Prod-Default\n                    treatments:', '                    treatments:'));
    expect(errors).toEqual([{ path: `${STEP}/1/step/spec`, message: "must have required property 'environment'" }]);
  });
});
