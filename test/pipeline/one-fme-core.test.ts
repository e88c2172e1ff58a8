/**
 * The pipeline speaks the model's vocabulary (docs/decisions.md, D15 one FME core): its steps take
 * `Matcher`, `TargetingRule` and `Allocation`, accept Harness expressions where the schema does and
 * check literal values with the model's rules, share the model's percentage check, and throw errors
 * of the model's error family.
 */
import { parse } from 'yaml';
import { expectSchemaValid } from './harness-schema';
import { newStack, pipelineWithStage, violations } from './support/helpers';
import { TestFlag } from './support/test-flag';
import { DefaultAllocation } from '../../src/constructs/default-allocation';
import { Allocation, DefaultRule, FmeErrors, Matcher, TargetingRule } from '../../src/model';
import { FmeValidationError } from '../../src/model/errors';
import { formatProblem } from '../../src/model/problem';
import { checkPercentages } from '../../src/model/rules/buckets';
import { defaultRuleProblems } from '../../src/model/rules/default-rule';
import { targetingRuleProblems } from '../../src/model/rules/targeting-rules';
import {
  CustomStage, FmeFlagDefaultAllocation, FmeFlagSetTargetingRules, FmePipeline, FmeSegmentSetTargetingRules, PipelineErrors, PipelineVariable,
} from '../../src/pipeline';
import { PipelineValidationError } from '../../src/pipeline/errors';

const ENV = 'Production';

/** A pipeline declaring the variables the expression cases use, with one stage and a flag. */
function withVariables(): { pipeline: FmePipeline; stage: CustomStage; flag: TestFlag } {
  const pipeline = new FmePipeline(newStack(), 'p', {
    name: 'Expressions',
    orgIdentifier: 'default',
    projectIdentifier: 'Default',
    variables: ['onTreatment', 'minVersion', 'maxVersion', 'segment', 'country', 'parent', 'pattern'].map(n => PipelineVariable.string(n, { value: 'x' })),
  });
  const flag = new TestFlag(pipeline, 'Flag', 'checkout', ['on', 'off']);
  return { pipeline, stage: new CustomStage(pipeline, 'stage1', { name: 'Stage 1' }), flag };
}

function stepSpec(yaml: string, index = 0): any {
  return parse(yaml, { version: '1.1' }).pipeline.stages[0].stage.spec.execution.steps[index].step.spec;
}

describe('expression variant: treatment names and string values may be Harness expressions', () => {
  test('targeting rules: expressions render as given, validate against the schema, and the model skips them', () => {
    const { pipeline, stage, flag } = withVariables();
    new FmeFlagSetTargetingRules(stage, 'rules', {
      flag,
      environment: ENV,
      targetingRules: [
        TargetingRule.distribute([Allocation.of('<+pipeline.variables.onTreatment>', 50), Allocation.of('off', 50)], [
          Matcher.semverAtLeast('app_version', '<+pipeline.variables.minVersion>'),
          Matcher.inSegment('<+pipeline.variables.segment>'),
          Matcher.stringInList('country', ['US', '<+pipeline.variables.country>']),
          Matcher.stringMatches('email', '<+pipeline.variables.pattern>'),
        ]),
        TargetingRule.serve('on', [Matcher.dependsOnFlagNamed('<+pipeline.variables.parent>', ['on'])]),
        TargetingRule.serve('<+input>', [Matcher.semverBetween('app_version', '<+pipeline.variables.minVersion>', '<+pipeline.variables.maxVersion>')]),
      ],
    });
    expect(violations(pipeline)).toEqual([]);
    const yaml = pipeline.toYaml();
    expectSchemaValid(yaml);
    expect(stepSpec(yaml).targetingRules).toEqual([
      {
        condition: {
          rules: [
            { type: 'GREATER_THAN_OR_EQUAL_TO_SEMVER', attribute: 'app_version', value: '<+pipeline.variables.minVersion>' },
            { type: 'IN_SEGMENT', value: '<+pipeline.variables.segment>' },
            { type: 'IN_LIST_STRING', attribute: 'country', value: ['US', '<+pipeline.variables.country>'] },
            { type: 'MATCHES_STRING', attribute: 'email', value: '<+pipeline.variables.pattern>' },
          ],
        },
        allocation: [{ treatment: '<+pipeline.variables.onTreatment>', size: 50 }, { treatment: 'off', size: 50 }],
      },
      {
        condition: { rules: [{ type: 'IN_SPLIT', feature_flag: '<+pipeline.variables.parent>', value: ['on'] }] },
        allocation: [{ treatment: 'on', size: 100 }],
      },
      {
        condition: {
          rules: [{ type: 'BETWEEN_SEMVER', attribute: 'app_version', value: { from: '<+pipeline.variables.minVersion>', to: '<+pipeline.variables.maxVersion>' } }],
        },
        allocation: [{ treatment: '<+input>', size: 100 }],
      },
    ]);
  });

  test('literal values next to expressions are still checked by the model', () => {
    const { pipeline, stage } = withVariables();
    new FmeFlagSetTargetingRules(stage, 'rules', {
      flagName: 'checkout',
      environment: ENV,
      targetingRules: [
        TargetingRule.serve('on', [Matcher.semverBetween('app_version', '<+pipeline.variables.minVersion>', '2.x')]),
        TargetingRule.serve('on', [Matcher.semverInList('app_version', ['<+pipeline.variables.minVersion>', '1.0.0', 'latest'])]),
        TargetingRule.serve('on', [Matcher.dependsOnFlagNamed('1parent', ['on'])]),
      ],
    });
    expect(violations(pipeline)).toEqual([
      '[stack/p/stage1/rules] [matcher-value] targetingRules[0].matchers[0]: app_version between versions: "2.x" is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build]); fix the version',
      '[stack/p/stage1/rules] [matcher-value] targetingRules[1].matchers[0]: app_version in version list: "latest" is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build]); fix the version',
      expect.stringMatching(/^\[stack\/p\/stage1\/rules\] \[fme-name-pattern\] targetingRules\[2\]\.matchers\[0\]\.featureFlag "1parent" must match/),
    ]);
  });

  test('the same matcher with a literal value is refused as the model refuses it in a RolloutPlan', () => {
    const { pipeline, stage } = withVariables();
    const matcher = Matcher.semverAtLeast('app_version', 'latest');
    new FmeFlagSetTargetingRules(stage, 'rules', { flagName: 'checkout', environment: ENV, targetingRules: [TargetingRule.serve('on', [matcher])] });
    const [modelProblem] = targetingRuleProblems([TargetingRule.serve('on', [matcher])], new Set(['on']));
    expect(formatProblem(modelProblem)).toBe('targeting rules: rule 1: matchers: app_version >= version: "latest" is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build]); fix the version');
    expect(violations(pipeline)).toEqual([
      '[stack/p/stage1/rules] [matcher-value] targetingRules[0].matchers[0]: app_version >= version: "latest" is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build]); fix the version',
    ]);
  });

  test('default allocation: a treatment may be a pipeline variable (never a runtime input); literals are checked', () => {
    const { pipeline, stage, flag } = withVariables();
    new FmeFlagDefaultAllocation(stage, 'ramp', {
      flag, environment: ENV, allocation: [Allocation.of('<+pipeline.variables.onTreatment>', 10), Allocation.of('off', 90)],
    });
    const yaml = pipeline.toYaml();
    expectSchemaValid(yaml);
    expect(stepSpec(yaml).allocation).toEqual([{ treatment: '<+pipeline.variables.onTreatment>', amount: 10 }, { treatment: 'off', amount: 90 }]);

    new FmeFlagDefaultAllocation(stage, 'bad', { flag, environment: ENV, allocation: [Allocation.of('<+input>', 10), Allocation.of('blue', 90)] });
    expect(violations(pipeline)).toEqual([
      expect.stringMatching(/^\[stack\/p\/stage1\/bad\] \[treatment-runtime-input\] allocation\[0\]\.treatment "<\+input>"/),
      expect.stringMatching(/^\[stack\/p\/stage1\/bad\] \[treatment-declared\] allocation\[1\]\.treatment "blue"/),
    ]);
  });

  test('rule-based segments: matcher values may be expressions; the pipeline still requires declared variables', () => {
    const { pipeline, stage } = pipelineWithStage();
    new FmeSegmentSetTargetingRules(stage, 'segment_rules', {
      segmentName: 'power_users', environment: ENV, rules: [{ matchers: [Matcher.stringStartsWith('email', ['<+pipeline.variables.domain>'])] }],
    });
    expect(violations(pipeline)).toEqual([expect.stringMatching(/\[variable-declared\] <\+pipeline\.variables\.domain> is used/)]);
  });
});

describe('one percentage rule: the model\'s checkPercentages, rendered by both sides', () => {
  test('checkPercentages reports the entries out of range, the sum, emptiness and a wrong sum', () => {
    expect(checkPercentages([50, 50])).toEqual({ outOfRange: [], sum: 100, empty: false, wrongSum: false });
    expect(checkPercentages([60, 60])).toEqual({ outOfRange: [], sum: 120, empty: false, wrongSum: true });
    expect(checkPercentages([100.5, -0.5])).toEqual({ outOfRange: [0, 1], sum: 100, empty: false, wrongSum: false });
    expect(checkPercentages([101, 0, 5])).toEqual({ outOfRange: [0], sum: 106, empty: false, wrongSum: true });
    expect(checkPercentages([])).toEqual({ outOfRange: [], sum: 0, empty: true, wrongSum: false });
  });

  // Each distribution through the model (a RolloutPlan's default rule, the DefaultAllocation construct)
  // and through the pipeline (Set Default Allocations, Set Targeting Rules): both refuse the same
  // entries and the same sums, each in its own words.
  const CASES: Array<[string, number[], RegExp[], RegExp[]]> = [
    ['a valid split', [10, 90], [], []],
    ['a sum of 120', [60, 60], [/percentages sum to 120, not 100/], [/\[percentage-sum\] allocation amounts sums to 120; it must sum to exactly 100\./]],
    ['fractions that sum to 100', [100.5, -0.5],
      [/percentage 100\.5 for "on" must be a whole number from 0 to 100/, /percentage -0\.5 for "off" must be a whole number from 0 to 100/],
      [/\[percentage-range\] allocation amounts\[0\] is 100\.5; it must be an integer from 0 to 100\./, /\[percentage-range\] allocation amounts\[1\] is -0\.5; it must be an integer from 0 to 100\./]],
    ['a value over 100 and a wrong sum', [101, 0],
      [/percentage 101 for "on" must be a whole number/, /percentages sum to 101, not 100/],
      [/\[percentage-range\] allocation amounts\[0\] is 101/, /\[percentage-sum\] allocation amounts sums to 101/]],
    ['no entries', [], [/the distribution is empty/], [/\[percentage-sum\] allocation amounts is empty; give at least one entry summing to 100\./]],
  ];

  test.each(CASES)('%s', (_name, sizes, modelMessages, pipelineMessages) => {
    const allocations = sizes.map((size, i) => Allocation.of(['on', 'off'][i], size));
    const declared = new Set(['on', 'off']);

    // Model: the rollout plan's default rule, and the DefaultAllocation construct.
    const modelProblems = defaultRuleProblems(DefaultRule.distribute(allocations)._buckets, declared).map(formatProblem);
    expect(modelProblems).toEqual(modelMessages.map(m => expect.stringMatching(m)));
    const stack = newStack();
    let constructError: unknown;
    try {
      new DefaultAllocation(stack, 'Ramp', { flagName: 'checkout', environment: ENV, allocations });
    } catch (e) {
      constructError = e;
    }
    const constructProblems = constructError === undefined ? [] : (constructError as FmeValidationError).problems;
    expect(constructProblems).toEqual(modelMessages.map(m => expect.stringMatching(m)));

    // Pipeline: Set Default Allocations and, for the same sizes, a targeting rule's allocation.
    const { pipeline, stage } = pipelineWithStage();
    new FmeFlagDefaultAllocation(stage, 'a', { flagName: 'checkout', environment: ENV, allocation: allocations });
    expect(violations(pipeline)).toEqual(pipelineMessages.map(m => expect.stringMatching(m)));
    const rules = pipelineWithStage();
    new FmeFlagSetTargetingRules(rules.stage, 'r', {
      flagName: 'checkout', environment: ENV, targetingRules: [TargetingRule.distribute(allocations, [Matcher.inSegment('beta')])],
    });
    expect(violations(rules.pipeline).map(v => v.replace('targetingRules[0].allocation sizes', 'allocation amounts')))
      .toEqual(pipelineMessages.map(m => expect.stringMatching(m)));
  });
});

describe('one error family', () => {
  test('a PipelineValidationError is an FmeValidationError; messages and the pipeline helpers are unchanged', () => {
    const { pipeline, stage } = pipelineWithStage();
    new FmeFlagDefaultAllocation(stage, 'bad', { flagName: 'checkout', environment: ENV, allocation: [Allocation.of('on', 90)] });
    let caught: unknown;
    try { pipeline.toYaml(); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(PipelineValidationError);
    expect(caught).toBeInstanceOf(FmeValidationError);
    expect(FmeErrors.isValidationError(caught)).toBe(true);
    expect(PipelineErrors.isValidationError(caught)).toBe(true);
    const error = caught as PipelineValidationError;
    expect(error.name).toBe('PipelineValidationError');
    expect(error.message).toBe('Pipeline "p" breaks 1 rule(s):\n  [stack/p/stage1/bad] [percentage-sum] allocation amounts sums to 90; it must sum to exactly 100.');
    expect(error.violations).toEqual(['[stack/p/stage1/bad] [percentage-sum] allocation amounts sums to 90; it must sum to exactly 100.']);
    expect(error.problems).toEqual(error.violations);
    expect(FmeErrors.constructPathOf(caught)).toBe('');

    const single = new PipelineValidationError('Retry: give at least one retry interval.');
    expect(single.message).toBe('Retry: give at least one retry interval.');
    expect(PipelineErrors.violationsOf(single)).toEqual(['Retry: give at least one retry interval.']);
    expect(FmeErrors.isValidationError(single)).toBe(true);
  });

  test('a construct error stays an FmeValidationError only', () => {
    const error = new FmeValidationError('flags/F', ['flag name: "1x" is not a valid flag name']);
    expect(error.message).toBe('[flags/F] flag name: "1x" is not a valid flag name');
    expect(error).toBeInstanceOf(FmeValidationError);
    expect(error).not.toBeInstanceOf(PipelineValidationError);
    expect(PipelineErrors.isValidationError(error)).toBe(false);
  });
});
