import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { newStack, resources, specOf, synthErrors } from './support';
import {
  ExcludedSegment, FeatureFlag, FmeConfig, Matcher, RemovalPolicy, RolloutPlan, RuleBasedSegment, RuleBasedSegmentRule, Segment, TargetingRule,
} from '../../src';

const adults = () => RuleBasedSegmentRule.matching([Matcher.numberAtLeast('age', 18)]);

describe('RuleBasedSegment', () => {
  test('spec, inventory and the Admin definition (matchers, sorted exclusions)', () => {
    const { stack } = newStack({ approvalEnvironments: ['Production'] });
    const beta = new Segment(stack, 'Beta', { segmentName: 'beta', environmentKeys: [{ environment: 'Production', keys: ['a'] }] });
    new RuleBasedSegment(stack, 'Adults', {
      segmentName: 'adults',
      description: 'Of age',
      environments: [{
        environment: 'Production',
        rules: [adults(), RuleBasedSegmentRule.matching([Matcher.stringInList('country', ['US']), Matcher.inSegment('beta')])],
        excludedKeys: ['zed', 'amy', 'zed'],
        excludedSegments: [ExcludedSegment.standard(beta), ExcludedSegment.ruleBasedNamed('elsewhere_rbs')],
      }],
    });
    expect(specOf(stack, 'Fme_RuleBasedSegment-adults')).toMatchObject({
      kind: 'ruleBasedSegment',
      segmentName: 'adults',
      metadata: { trafficType: 'user', description: 'Of age' },
      removalPolicy: 'destroy',
      environments: [{
        environment: 'Production',
        writeMode: 'changeRequest',
        definition: {
          rules: [
            { condition: { combiner: 'AND', matchers: [{ type: 'GREATER_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 18 }] } },
            { condition: { combiner: 'AND', matchers: [{ type: 'IN_LIST_STRING', attribute: 'country', strings: ['US'] }, { type: 'IN_SEGMENT', string: 'beta' }] } },
          ],
          excludedKeys: ['amy', 'zed'],
          excludedSegments: [{ name: 'elsewhere_rbs', type: 'rule_based_segment' }, { name: 'beta', type: 'standard_segment' }],
        },
      }],
    });
    expect(specOf(stack, 'Fme_Inventory').objects).toEqual(expect.arrayContaining([
      { t: 'ruleBasedSegment', segment: 'adults', policy: 'destroy' },
      { t: 'ruleBasedSegmentDefinition', segment: 'adults', env: 'Production', policy: 'destroy' },
    ]));
  });

  test('applies after the segments it uses and before the flags that use it (depends_on and bootstrap waves)', () => {
    const { app, stack } = newStack();
    const beta = new Segment(stack, 'Beta', { segmentName: 'beta', environmentKeys: [{ environment: 'Production', keys: ['a'] }] });
    const inner = new RuleBasedSegment(stack, 'Inner', { segmentName: 'inner', environments: [{ environment: 'Production', rules: [adults()] }] });
    const outer = new RuleBasedSegment(stack, 'Outer', {
      segmentName: 'outer',
      environments: [{ environment: 'Production', rules: [RuleBasedSegmentRule.matching([Matcher.inRuleBasedSegment(inner)])], excludedSegments: [ExcludedSegment.standard(beta)] }],
    });
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'f', treatments: [{ name: 'on' }, { name: 'off' }] });
    new RolloutPlan(stack, 'Plan', { flag, environment: 'Production', rules: [TargetingRule.serve('on', [Matcher.inRuleBasedSegment(outer)])] });
    const all = resources(stack);
    const id = (prefix: string) => Object.keys(all).find((k) => k.startsWith(prefix))!;
    const deps = (prefix: string) => (all[id(prefix)].depends_on as string[]).map((d) => d.split('.')[1]);
    expect(deps('Fme_RuleBasedSegment-outer')).toEqual([id('Fme_Bootstrap'), id('Fme_Segment-beta'), id('Fme_RuleBasedSegment-inner')]);
    expect(deps('Fme_Flag-f')).toEqual([id('Fme_Bootstrap'), id('Fme_RuleBasedSegment-outer')]);
    const out = app.outdir;
    Testing.synth(stack, true);
    app.synth();
    const file = fs.readdirSync(path.join(out, 'stacks')).map((s) => path.join(out, 'stacks', s, 'fme-bootstrap.json')).find((f) => fs.existsSync(f))!;
    const waves = JSON.parse(fs.readFileSync(file, 'utf8')).waves.map((w: any[]) => w.map((o) => `${o.kind}:${o.flagName ?? o.segmentName}`));
    expect(waves).toEqual([['segment:beta'], ['ruleBasedSegment:inner'], ['ruleBasedSegment:outer'], ['flag:f']]);
  });

  test.each<[string, () => void, RegExp]>([
    ['an invalid name', () => new RuleBasedSegment(newStack().stack, 'R', { segmentName: 'bad name' }), /\[test\/R\] segment name: "bad name"/],
    ['an environment without rules', () => new RuleBasedSegment(newStack().stack, 'R', { segmentName: 'r', environments: [{ environment: 'P', rules: [] }] }),
      /\[test\/R\] rule-based segments: environment "P": no rules/],
    ['a rule without matchers', () => new RuleBasedSegment(newStack().stack, 'R', { segmentName: 'r', environments: [{ environment: 'P', rules: [RuleBasedSegmentRule.matching([])] }] }),
      /\[test\/R\] rule-based segments: environment "P", rule 1: no matchers/],
    ['a bad matcher', () => new RuleBasedSegment(newStack().stack, 'R', {
      segmentName: 'r', environments: [{ environment: 'P', rules: [RuleBasedSegmentRule.matching([Matcher.numberAtLeast('age', 1.5)])] }],
    }), /\[test\/R\] matchers: environment "P", rule 1: age >=: 1.5 is not an integer/],
    ['a flag dependency', () => new RuleBasedSegment(newStack().stack, 'R', {
      segmentName: 'r', environments: [{ environment: 'P', rules: [RuleBasedSegmentRule.matching([Matcher.dependsOnFlagNamed('f', ['on'])])] }],
    }), /rule-based segments: environment "P", rule 1: depends on f: flag dependencies are not accepted/],
    ['excluding itself', () => new RuleBasedSegment(newStack().stack, 'R', {
      segmentName: 'r', environments: [{ environment: 'P', rules: [adults()], excludedSegments: [ExcludedSegment.ruleBasedNamed('r')] }],
    }), /rule-based segments: environment "P": the segment excludes itself/],
    ['an excluded segment of another traffic type', () => {
      const { stack } = newStack();
      const accounts = new Segment(stack, 'S', { segmentName: 's', trafficType: 'account' });
      new RuleBasedSegment(stack, 'R', { segmentName: 'r', environments: [{ environment: 'P', rules: [adults()], excludedSegments: [ExcludedSegment.standard(accounts)] }] });
    }, /\[test\/R\] traffic type: environment "P": excluded segment "s" has traffic type account, not user/],
    ['ARCHIVE', () => {
      const { stack } = newStack();
      new RuleBasedSegment(stack, 'R', { segmentName: 'r', removalPolicy: RemovalPolicy.ARCHIVE });
      throw new Error(synthErrors(stack));
    }, /\[test\/R\] removal policy: RemovalPolicy.ARCHIVE archives flags/],
  ])('fails for %s', (_, build, message) => {
    expect(build).toThrow(message);
  });

  test('a reference cycle through a matcher and an exclusion fails synthesis with the path', () => {
    const { stack } = newStack();
    const a = new RuleBasedSegment(stack, 'A', { segmentName: 'a' });
    const b = new RuleBasedSegment(stack, 'B', { segmentName: 'b', environments: [{ environment: 'P', rules: [adults()], excludedSegments: [ExcludedSegment.ruleBased(a)] }] });
    a.addEnvironment({ environment: 'P', rules: [RuleBasedSegmentRule.matching([Matcher.inRuleBasedSegment(b)])] });
    expect(synthErrors(stack)).toMatch(/\[test\/(A|B)\] rule-based segments: reference cycle in environment P: (a -> b -> a|b -> a -> b)/);
  });

  test('a flag using a segment of another traffic type, or one not configured in its environment, fails synthesis', () => {
    const { stack } = newStack();
    const rbs = new RuleBasedSegment(stack, 'R', { segmentName: 'r', trafficType: 'account', environments: [{ environment: 'Staging', rules: [adults()] }] });
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'f', treatments: [{ name: 'on' }, { name: 'off' }] });
    new RolloutPlan(stack, 'Plan', { flag, environment: 'Production', rules: [TargetingRule.serve('on', [Matcher.inRuleBasedSegment(rbs)])] });
    const errors = synthErrors(stack);
    expect(errors).toMatch(/\[test\/Plan\] traffic type: flag "f" \(traffic type user\) uses rule-based segment "r" of traffic type account/);
    expect(errors).toMatch(/\[test\/Plan\] rule-based segments: flag "f" uses rule-based segment "r" in environment "Production", where test\/R does not configure it/);
  });

  test('a referenced segment not configured in the environment fails synthesis', () => {
    const { stack } = newStack();
    const beta = new Segment(stack, 'Beta', { segmentName: 'beta' });
    new RuleBasedSegment(stack, 'R', { segmentName: 'r', environments: [{ environment: 'P', rules: [adults()], excludedSegments: [ExcludedSegment.standard(beta)] }] });
    expect(synthErrors(stack)).toMatch(/\[test\/R\] rule-based segments: rule-based segment "r" refers to segment "beta" in environment "P", where test\/Beta does not configure it/);
  });

  test('two RuleBasedSegments with one name conflict', () => {
    const { stack } = newStack();
    new RuleBasedSegment(stack, 'A', { segmentName: 'dup' });
    new RuleBasedSegment(stack, 'B', { segmentName: 'dup' });
    expect(synthErrors(stack)).toMatch(/\[test\/B\] conflicting constructs: rule-based segment "dup" is also declared by test\/A/);
  });

  test('Matcher.inRuleBasedSegmentNamed emits IN_RULE_BASED_SEGMENT with the name', () => {
    expect(Matcher.inRuleBasedSegmentNamed('x')._spec).toEqual({ type: 'IN_RULE_BASED_SEGMENT', string: 'x' });
    expect(Matcher.inRuleBasedSegmentNamed('x').negated()._spec).toEqual({ type: 'IN_RULE_BASED_SEGMENT', string: 'x', negate: true });
  });
});

describe('RuleBasedSegment across stacks', () => {
  test('a flag in another stack using a segment construct of another traffic type fails synthesis', () => {
    const { app, stack } = newStack();
    const accounts = new RuleBasedSegment(stack, 'R', {
      segmentName: 'r', trafficType: 'account', environments: [{ environment: 'Production', rules: [adults()] }],
    });
    const other = new TerraformStack(app, 'other');
    new FmeConfig(other, 'Fme', { apiBaseUrl: 'http://127.0.0.1:9/internal/api/v2' });
    const flag = new FeatureFlag(other, 'Flag', { flagName: 'f', treatments: [{ name: 'on' }, { name: 'off' }] });
    new RolloutPlan(other, 'Plan', { flag, environment: 'Production', rules: [TargetingRule.serve('on', [Matcher.inRuleBasedSegment(accounts)])] });
    expect(synthErrors(other)).toMatch(/\[other\/Plan\] traffic type: flag "f" \(traffic type user\) uses rule-based segment "r" of traffic type account/);
  });
});
