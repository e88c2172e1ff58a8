import { newStack, pipelineWithStage, violations } from './support/helpers';
import { TestFlag } from './support/test-flag';
import { Allocation, Matcher, TargetingRule } from '../../src/model';
import {
  CustomStage, FailureAction, PipelineErrors, FmeFlagPatchDefinition, FmeSegmentCreate, FmeMetricCheck, ShellScriptStep, FmeSegmentDelete,
  FailureType, FmeFlagAddRemoveIndividualTargets, FmeFlagCreate, FmeFlagDefaultAllocation, FmeFlagKill,
  FmeFlagLimitExposure, FmeFlagSetDynamicConfigurations, FmeFlagSetIndividualTargets, FmeFlagSetTargetingRules, FmeFlagSetTreatments,
  FmeFlagUpdate, FmePipeline, FmeSegmentAddRemoveTargets, HarnessApprovalStep, ParallelSteps,
  PipelineVariable, ProgressiveRollout, StepGroup, WaitStep, HarnessDuration, FmeFlagAddRemoveFlagsets,
} from '../../src/pipeline';
import { PipelineValidationError } from '../../src/pipeline/errors';

const ENV = 'Production';
const ALLOC_OK = [Allocation.of('on', 50), Allocation.of('off', 50)];

/** Builds one step into a fresh pipeline and returns the violations toYaml() reports. */
function check(build: (stage: CustomStage, flag: TestFlag) => void): string[] {
  const { pipeline, stage } = pipelineWithStage();
  const flag = new TestFlag(pipeline, 'Flag', 'checkout', ['on', 'off']);
  build(stage, flag);
  return violations(pipeline);
}

describe('synth-time rules (each shown failing)', () => {
  test('a valid step has no violations (baseline for the cases below)', () => {
    expect(check((s, flag) => new FmeFlagDefaultAllocation(s, 'ok', { flag, environment: ENV, allocation: ALLOC_OK }))).toEqual([]);
  });

  test('toYaml throws a catchable PipelineValidationError naming the construct path and rule', () => {
    const { pipeline, stage } = pipelineWithStage();
    new FmeFlagDefaultAllocation(stage, 'bad', { flagName: 'checkout', environment: ENV, allocation: [Allocation.of('on', 90)] });
    expect(() => pipeline.toYaml()).toThrow(PipelineValidationError);
    expect(() => pipeline.toYaml()).toThrow(/\[stack\/p\/stage1\/bad\] \[percentage-sum\] allocation amounts sums to 90/);
    let caught: unknown;
    try { pipeline.toYaml(); } catch (e) { caught = e; }
    expect(PipelineErrors.isValidationError(caught)).toBe(true);
    expect(PipelineErrors.violationsOf(caught)).toEqual([expect.stringMatching(/percentage-sum/)]);
    expect(PipelineErrors.isValidationError(new Error('other'))).toBe(false);
  });

  test('identifier-pattern', () => {
    expect(check(s => new FmeFlagKill(s, 'bad-id', { flagName: 'x', environment: ENV }))).toEqual([expect.stringMatching(/\[identifier-pattern\].*"bad-id"/)]);
  });

  test('name-pattern', () => {
    expect(check(s => new FmeFlagKill(s, 'kill', { name: 'Kill <now>', flagName: 'x', environment: ENV }))).toEqual([expect.stringMatching(/\[name-pattern\]/)]);
  });

  test('identifier-unique: steps in one stage, including inside step groups', () => {
    expect(check(s => {
      new WaitStep(s, 'dup', { duration: HarnessDuration.minutes(1) });
      const g = new StepGroup(s, 'group');
      new WaitStep(g, 'Dup', { identifier: 'dup', duration: HarnessDuration.minutes(1) });
    })).toEqual([expect.stringMatching(/\[identifier-unique\] identifier "dup"/)]);
  });

  test('identifier-unique: stages in one pipeline', () => {
    const { pipeline, stage } = pipelineWithStage();
    new WaitStep(stage, 'w', { duration: HarnessDuration.minutes(1) });
    const s2 = new CustomStage(pipeline, 'other', { identifier: 'stage1' });
    new WaitStep(s2, 'w', { duration: HarnessDuration.minutes(1) });
    expect(violations(pipeline)).toEqual([expect.stringMatching(/\[identifier-unique\] identifier "stage1"/)]);
  });

  test('identifier-unique: two pipelines with one identifier in one stack', () => {
    const stack = newStack();
    for (const id of ['A', 'B']) {
      const p = new FmePipeline(stack, id, { identifier: 'same', name: 'x', orgIdentifier: 'o', projectIdentifier: 'p' });
      new WaitStep(new CustomStage(p, 's'), 'w', { duration: HarnessDuration.minutes(1) });
    }
    expect(violations(stack.node.findChild('A') as FmePipeline)).toEqual([expect.stringMatching(/\[identifier-unique\] pipeline identifier "same"/)]);
  });

  test('flag-reference: exactly one of flag and flagName', () => {
    expect(check((s, flag) => new FmeFlagKill(s, 'both', { flag, flagName: 'x', environment: ENV }))).toEqual([expect.stringMatching(/\[flag-reference\]/)]);
    expect(check(s => new FmeFlagKill(s, 'none', { environment: ENV }))).toEqual([expect.stringMatching(/\[flag-reference\]/)]);
  });

  test('fme-name-pattern: flag names', () => {
    expect(check(s => new FmeFlagKill(s, 'k', { flagName: '1bad name', environment: ENV }))).toEqual([expect.stringMatching(/\[fme-name-pattern\]/)]);
  });

  test('environment-value', () => {
    expect(check(s => new FmeFlagKill(s, 'k', { flagName: 'x', environment: '' }))).toEqual([expect.stringMatching(/\[environment-value\]/)]);
  });

  test('percentage-sum and percentage-range: default allocations', () => {
    expect(check(s => new FmeFlagDefaultAllocation(s, 'a', { flagName: 'x', environment: ENV, allocation: [Allocation.of('on', 60), Allocation.of('off', 60)] })))
      .toEqual([expect.stringMatching(/\[percentage-sum\] allocation amounts sums to 120/)]);
    expect(check(s => new FmeFlagDefaultAllocation(s, 'a', { flagName: 'x', environment: ENV, allocation: [Allocation.of('on', 100.5), Allocation.of('off', -0.5)] })))
      .toEqual([expect.stringMatching(/\[percentage-range\].*100\.5/), expect.stringMatching(/\[percentage-range\].*-0\.5/)]);
  });

  test('percentage-range: limit exposure', () => {
    expect(check(s => new FmeFlagLimitExposure(s, 'l', { flagName: 'x', environment: ENV, limit: 101 }))).toEqual([expect.stringMatching(/\[percentage-range\] limit/)]);
  });

  test('percentage-sum: targeting-rule allocation sizes', () => {
    expect(check((s, flag) => new FmeFlagSetTargetingRules(s, 'r', {
      flag, environment: ENV, targetingRules: [TargetingRule.distribute([Allocation.of('on', 30)], [Matcher.inSegment('beta')])],
    }))).toEqual([expect.stringMatching(/\[percentage-sum\] targetingRules\[0\]\.allocation sizes sums to 30/)]);
  });

  test('treatment-declared: allocation treatments exist on the flag', () => {
    expect(check((s, flag) => new FmeFlagDefaultAllocation(s, 'a', { flag, environment: ENV, allocation: [Allocation.of('on', 50), Allocation.of('blue', 50)] })))
      .toEqual([expect.stringMatching(/\[treatment-declared\] allocation\[1\]\.treatment "blue" is not a treatment of flag "checkout"/)]);
  });

  test('treatment-declared: targets and targeting rules name declared treatments', () => {
    expect(check((s, flag) => new FmeFlagSetIndividualTargets(s, 't', { flag, environment: ENV, treatments: [{ treatment: 'green', keys: ['u1'] }] })))
      .toEqual([expect.stringMatching(/\[treatment-declared\]/)]);
    expect(check((s, flag) => new FmeFlagAddRemoveIndividualTargets(s, 't', { flag, environment: ENV, treatments: [{ treatment: 'green', addKeys: ['u1'] }] })))
      .toEqual([expect.stringMatching(/\[treatment-declared\]/)]);
    expect(check((s, flag) => new FmeFlagSetTargetingRules(s, 'r', {
      flag, environment: ENV, targetingRules: [TargetingRule.serve('green', [Matcher.inSegment('b')])],
    }))).toEqual([expect.stringMatching(/\[treatment-declared\]/)]);
  });

  test('treatment-runtime-input: treatment fields cannot be <+input>, except in targeting-rule allocations', () => {
    expect(check(s => new FmeFlagDefaultAllocation(s, 'a', { flagName: 'x', environment: ENV, allocation: [Allocation.of('<+input>', 100)] })))
      .toEqual([expect.stringMatching(/\[treatment-runtime-input\]/)]);
    expect(check(s => new FmeFlagSetTargetingRules(s, 'r', {
      flagName: 'x', environment: ENV, targetingRules: [TargetingRule.serve('<+input>', [Matcher.inSegment('b')])],
    }))).toEqual([]);
  });

  test('treatment-pattern and treatment-unique', () => {
    expect(check(s => new FmeFlagDefaultAllocation(s, 'a', { flagName: 'x', environment: ENV, allocation: [Allocation.of('-on', 100)] })))
      .toEqual([expect.stringMatching(/\[treatment-pattern\]/)]);
    expect(check(s => new FmeFlagDefaultAllocation(s, 'a', { flagName: 'x', environment: ENV, allocation: [Allocation.of('on', 50), Allocation.of('on', 50)] })))
      .toEqual([expect.stringMatching(/\[treatment-unique\]/)]);
  });

  test('flag-create-treatments: all-or-none, at least 2, default/baseline among them', () => {
    expect(check(s => new FmeFlagCreate(s, 'c', { flagName: 'x', trafficType: 'user', defaultTreatment: 'off' })))
      .toEqual([expect.stringMatching(/\[flag-create-treatments\] give treatments, defaultTreatment and baselineTreatment together/)]);
    expect(check(s => new FmeFlagCreate(s, 'c', {
      flagName: 'x', trafficType: 'user', treatments: [{ treatment: 'on', description: 'on' }], defaultTreatment: 'off', baselineTreatment: 'on',
    }))).toEqual([expect.stringMatching(/at least 2 treatments/), expect.stringMatching(/defaultTreatment "off" is not one of the listed/)]);
  });

  test('flag-create-traffic-type', () => {
    expect(check(s => new FmeFlagCreate(s, 'c', { flagName: 'x' }))).toEqual([expect.stringMatching(/\[flag-create-traffic-type\]/)]);
    expect(check((s, flag) => new FmeFlagCreate(s, 'c', { flag, trafficType: 'account' }))).toEqual([expect.stringMatching(/differs from the flag's traffic type "user"/)]);
  });

  test('tag-count and tag-pattern', () => {
    const tags = Array.from({ length: 21 }, (_, i) => `t${i}`);
    expect(check(s => new FmeFlagUpdate(s, 'u', { flagName: 'x', tags }))).toEqual([expect.stringMatching(/\[tag-count\].*21 tags/)]);
    expect(check(s => new FmeFlagUpdate(s, 'u', { flagName: 'x', tags: ['has space'] }))).toEqual([expect.stringMatching(/\[tag-pattern\]/)]);
  });

  test('set-treatments-member and set-treatments-count', () => {
    expect(check(s => new FmeFlagSetTreatments(s, 't', {
      flagName: 'x', environment: ENV, treatments: [{ treatment: 'on', description: 'a' }], defaultTreatment: 'on', baselineTreatment: 'off',
    }))).toEqual([expect.stringMatching(/\[set-treatments-count\]/), expect.stringMatching(/\[set-treatments-member\] baselineTreatment "off"/)]);
  });

  test('configuration-json: a JSON object of at most 1 KB', () => {
    expect(check(s => new FmeFlagSetDynamicConfigurations(s, 'c', { flagName: 'x', environment: ENV, treatments: [{ treatment: 'on', configuration: '[1,2]' }] })))
      .toEqual([expect.stringMatching(/\[configuration-json\].*must be a JSON object/)]);
    expect(check(s => new FmeFlagSetDynamicConfigurations(s, 'c', { flagName: 'x', environment: ENV, treatments: [{ treatment: 'on', configuration: '{bad' }] })))
      .toEqual([expect.stringMatching(/\[configuration-json\].*not valid JSON/)]);
    expect(check(s => new FmeFlagSetDynamicConfigurations(s, 'c', { flagName: 'x', environment: ENV, treatments: [{ treatment: 'on', configuration: JSON.stringify({ a: 'x'.repeat(1100) }) }] })))
      .toEqual([expect.stringMatching(/\[configuration-json\].*at most 1 KB/)]);
  });

  test('matcher-dependency and matcher-value', () => {
    expect(check(s => new FmeFlagSetTargetingRules(s, 'r', {
      flagName: 'x', environment: ENV, targetingRules: [TargetingRule.serve('on', [Matcher.dependsOnFlagNamed('', ['on']), Matcher.stringInList('plan', [])])],
    }))).toEqual([expect.stringMatching(/\[matcher-dependency\]/), expect.stringMatching(/\[matcher-value\]/)]);
  });

  test('segment-keys-empty and flagsets-empty', () => {
    expect(check(s => new FmeSegmentAddRemoveTargets(s, 'k', { segmentName: 'beta', environment: ENV }))).toEqual([expect.stringMatching(/\[segment-keys-empty\]/)]);
    expect(check(s => new FmeFlagAddRemoveFlagsets(s, 'f', { flagName: 'x', environment: ENV }))).toEqual([expect.stringMatching(/\[flagsets-empty\]/)]);
  });

  test('approval-approvers and approval-minimum', () => {
    expect(check(s => new HarnessApprovalStep(s, 'a', { userGroups: [], minimumCount: 0 })))
      .toEqual([expect.stringMatching(/\[approval-approvers\]/), expect.stringMatching(/\[approval-minimum\]/)]);
  });

  test('variable-declared: <+pipeline.variables.x> must name a declared variable', () => {
    expect(check(s => new FmeFlagKill(s, 'k', { flagName: '<+pipeline.variables.flagNme>', environment: ENV })))
      .toEqual([expect.stringMatching(/\[variable-declared\] <\+pipeline\.variables\.flagNme> is used but the pipeline declares no variable "flagNme"/)]);
  });

  test('variable-name and variable-unique', () => {
    const { pipeline, stage } = pipelineWithStage();
    new WaitStep(stage, 'w', { duration: HarnessDuration.minutes(1) });
    pipeline.addVariable(PipelineVariable.string('bad name', { value: 'x' }));
    pipeline.addVariable(PipelineVariable.string('dup', { value: 'x' }));
    pipeline.addVariable(PipelineVariable.number('dup', { value: 1 }));
    expect(violations(pipeline)).toEqual([expect.stringMatching(/\[variable-name\]/), expect.stringMatching(/\[variable-unique\] identifier "dup"/)]);
  });

  test('stage-failure-strategy: an FME stage with an empty list or Ignore-all is rejected; omitted gets the default', () => {
    const build = (failureStrategies?: any) => {
      const { pipeline } = pipelineWithStage();
      const stage = new CustomStage(pipeline, 'fme', { failureStrategies });
      new FmeFlagKill(stage, 'k', { flagName: 'x', environment: ENV });
      return pipeline;
    };
    expect(violations(build([])).join('\n')).toMatch(/\[stage-failure-strategy\].*empty/);
    expect(violations(build([{ errors: [FailureType.ALL_ERRORS], action: FailureAction.ignore() }])).join('\n')).toMatch(/\[stage-failure-strategy\].*ignores all errors/);
    expect(violations(build(undefined)).join('\n')).not.toMatch(/stage-failure-strategy/);
  });

  test('stage-empty, pipeline-empty, step-group-empty, parallel-empty', () => {
    const { pipeline, stage } = pipelineWithStage();
    new StepGroup(stage, 'g');
    new ParallelSteps(stage, 'par');
    expect(violations(pipeline)).toEqual([expect.stringMatching(/\[step-group-empty\]/), expect.stringMatching(/\[parallel-empty\]/)]);
    const empty = new FmePipeline(newStack(), 'e', { name: 'e', orgIdentifier: 'o', projectIdentifier: 'p' });
    new CustomStage(empty, 's');
    expect(violations(empty)).toEqual([expect.stringMatching(/\[pipeline-empty\]|\[stage-empty\]/)]);
  });

  test('repository-path: relative, inside the app, .yaml', () => {
    for (const repositoryPath of ['/etc/x.yaml', '../outside.yaml', 'harness/x.json']) {
      const p = new FmePipeline(newStack(), 'p', { name: 'p', orgIdentifier: 'o', projectIdentifier: 'p', repositoryPath });
      new WaitStep(new CustomStage(p, 's'), 'w', { duration: HarnessDuration.minutes(1) });
      expect(violations(p)).toEqual([expect.stringMatching(/\[repository-path\]/)]);
    }
  });

  test.each([
    ['approval-message', (s: CustomStage) => new HarnessApprovalStep(s, 'a', { userGroups: ['g'], message: '  ' })],
    ['rule-matchers', (s: CustomStage) => new FmeFlagSetTargetingRules(s, 'r', { flagName: 'x', environment: ENV, targetingRules: [TargetingRule.serve('on', [])] })],
    ['targets-empty', (s: CustomStage) => new FmeFlagSetIndividualTargets(s, 't', { flagName: 'x', environment: ENV, treatments: [] })],
    ['targets-add-remove', (s: CustomStage) => new FmeFlagAddRemoveIndividualTargets(s, 't', { flagName: 'x', environment: ENV, treatments: [{ treatment: 'on', addKeys: ['u1'], removeKeys: ['u1'] }] })],
    ['configurations-empty', (s: CustomStage) => new FmeFlagSetDynamicConfigurations(s, 'c', { flagName: 'x', environment: ENV, treatments: [] })],
    ['patch-empty', (s: CustomStage) => new FmeFlagPatchDefinition(s, 'p', { flagName: 'x', environment: ENV, operations: [] })],
    ['patch-json', (s: CustomStage) => new FmeFlagPatchDefinition(s, 'p', { flagName: 'x', environment: ENV, operations: [{ op: 'replace', path: '/x', valueJson: '{nope' }] })],
    ['segment-owners', (s: CustomStage) => new FmeSegmentCreate(s, 'c', { segmentName: 'beta', trafficType: 'user', owners: [] })],
    ['metric-check-metrics', (s: CustomStage) => new FmeMetricCheck(s, 'm', { flagName: 'x', environment: ENV, metricIds: [], lookbackWindow: HarnessDuration.hours(1), failureCondition: 'true' })],
    ['metric-check-condition', (s: CustomStage) => new FmeMetricCheck(s, 'm', { flagName: 'x', environment: ENV, metricIds: ['m'], lookbackWindow: HarnessDuration.hours(1), failureCondition: ' ' })],
    ['shell-script-empty', (s: CustomStage) => new ShellScriptStep(s, 'sh', { script: '' })],
    ['fme-name-pattern', (s: CustomStage) => new FmeSegmentDelete(s, 'd', { segmentName: 'has space' })],
  ])('%s', (rule, build) => {
    expect(check(s => { build(s); })).toEqual([expect.stringContaining(`[${rule}]`)]);
  });

  test('variable-unique: stage variables', () => {
    const { pipeline } = pipelineWithStage();
    const stage = new CustomStage(pipeline, 'vars', { variables: [PipelineVariable.string('a', { value: '1' }), PipelineVariable.string('a', { value: '2' })] });
    new WaitStep(stage, 'w', { duration: HarnessDuration.minutes(1) });
    new WaitStep(pipeline.node.findChild('stage1'), 'w', { duration: HarnessDuration.minutes(1) });
    expect(violations(pipeline)).toEqual([expect.stringMatching(/\[variable-unique\]/)]);
  });

  test('ramp-percentages', () => {
    const stack = newStack();
    const r = new ProgressiveRollout(stack, 'r', { name: 'r', orgIdentifier: 'o', projectIdentifier: 'p', flagName: 'x', environment: ENV, percentages: [10, 5, 100] });
    expect(violations(r.pipeline)).toEqual([expect.stringMatching(/\[ramp-percentages\] percentages must increase: 10 is followed by 5/)]);
  });
});
