import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { Document, parse } from 'yaml';
import { expectSchemaValid, nonPlainYamlNodes } from './harness-schema';
import { Allocation, Matcher, TargetingRule } from '../../src/model';
import {
  CustomStage, FailureAction, FailureStrategy, FailureType, FmeFlagDefaultAllocation, FmeFlagSetTargetingRules, FmePipeline,
  FmeSegmentSetTargetingRules, HarnessDuration, StepGroup,
} from '../../src/pipeline';

/**
 * Issue 13, defect 1: a reused value object (one `FailureAction.retry(...)` constant, one matcher) must
 * be written out in full wherever it is used — never as `&a1` … `*a1`, which Harness's parser reads as
 * the string "a1".
 */
function reusingPipeline(stack: TerraformStack): FmePipeline {
  const retry = FailureAction.retry({ retryCount: 2, retryIntervals: [HarnessDuration.seconds(30)] });
  const strategies: FailureStrategy[] = [{ errors: [FailureType.ALL_ERRORS], action: retry }];
  const beta = Matcher.inSegment('beta_testers');
  const pipeline = new FmePipeline(stack, 'reuse', { name: 'Reuse', orgIdentifier: 'default', projectIdentifier: 'Default' });
  const stage = new CustomStage(pipeline, 'ramp', { failureStrategies: strategies });
  new FmeFlagSetTargetingRules(stage, 'rules_a', {
    flagName: 'checkout',
    environment: 'Production',
    failureStrategies: strategies,
    targetingRules: [TargetingRule.serve('on', [beta]), TargetingRule.serve('off', [beta])],
  });
  const group = new StepGroup(stage, 'group', { failureStrategies: strategies });
  new FmeFlagSetTargetingRules(group, 'rules_b', {
    flagName: 'checkout',
    environment: 'Staging',
    failureStrategies: [{ errors: [FailureType.TIMEOUT], action: retry }],
    targetingRules: [TargetingRule.serve('on', [beta])],
  });
  new FmeSegmentSetTargetingRules(group, 'segment_rules', {
    segmentName: 'vip', environment: 'env_id_1', rules: [{ matchers: [beta] }, { matchers: [beta] }],
  });
  new FmeFlagDefaultAllocation(group, 'alloc', {
    flagName: 'checkout', environment: 'Production', allocation: [Allocation.of('on', 50), Allocation.of('off', 50)], failureStrategies: strategies,
  });
  return pipeline;
}

describe('plain YAML: no anchors, aliases or tags', () => {
  test('the check finds anchors and aliases when a renderer writes them (control)', () => {
    const shared = { type: 'Retry' };
    const withAliases = new Document({ a: shared, b: shared }).toString();
    expect(withAliases).toMatch(/&a1/);
    expect(nonPlainYamlNodes(withAliases)).toEqual(['anchor &a1', 'alias *a1']);
    expect(nonPlainYamlNodes('a: !!str 5\n')).toEqual(['tag tag:yaml.org,2002:str']);
    expect(nonPlainYamlNodes('a: "*a1 & &b"\n')).toEqual([]);
  });

  test('one failure strategy and one matcher reused in several places are written out each time', () => {
    const yaml = reusingPipeline(new TerraformStack(new App({ outdir: '/tmp/unused-cdktf-out' }), 'stack')).toYaml();
    expect(nonPlainYamlNodes(yaml)).toEqual([]);
    expect(yaml).not.toMatch(/(^|[\s:[{,-])[&*][A-Za-z0-9_-]+/m);
    const doc = parse(yaml).pipeline;
    const retry = { type: 'Retry', spec: { retryCount: 2, retryIntervals: ['30s'], onRetryFailure: { action: { type: 'MarkAsFailure' } } } };
    const stage = doc.stages[0].stage;
    expect(stage.failureStrategies[0].onFailure.action).toEqual(retry);
    const [rulesA, group] = stage.spec.execution.steps;
    expect(rulesA.step.failureStrategies[0].onFailure.action).toEqual(retry);
    expect(group.stepGroup.failureStrategies[0].onFailure.action).toEqual(retry);
    expect(group.stepGroup.steps[0].step.failureStrategies[0].onFailure.action).toEqual(retry);
    const inBeta = { type: 'IN_SEGMENT', value: 'beta_testers' };
    expect(rulesA.step.spec.targetingRules.map((r: any) => r.condition.rules[0])).toEqual([inBeta, inBeta]);
    expect(group.stepGroup.steps[1].step.spec.rules.map((r: any) => r.condition.rules[0])).toEqual([inBeta, inBeta]);
    expectSchemaValid(yaml);
  });

  test('two syntheses of that pipeline write byte-identical files', () => {
    const files = [0, 1].map(() => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-plain-yaml-'));
      const app = new App({ outdir });
      reusingPipeline(new TerraformStack(app, 'flags'));
      app.synth();
      return fs.readFileSync(path.join(outdir, 'stacks', 'flags', 'pipelines', 'reuse.yaml'));
    });
    expect(files[0].length).toBeGreaterThan(0);
    expect(files[0].equals(files[1])).toBe(true);
    expect(nonPlainYamlNodes(files[0].toString('utf8'))).toEqual([]);
  });
});
