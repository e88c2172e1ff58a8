import { newStack, resources, synthErrors } from './support';
import { FeatureFlag, IndividualTargets, Matcher, RolloutPlan, Segment, TargetingRule } from '../../src';

const byConstructId = (stack: Parameters<typeof resources>[0]) => {
  const out: Record<string, any> = {};
  for (const [id, r] of Object.entries(resources(stack))) out[id.replace(/_[0-9A-F]{8}$/, '')] = { ...r, address: `terraform_data.${id}` };
  return out;
};

describe('references between FME objects', () => {
  test('a flag resource depends on the segments and flags it references, so they are applied first', () => {
    const { stack } = newStack();
    new Segment(stack, 'Beta', { segmentName: 'beta', environmentKeys: [{ environment: 'P', keys: ['k'] }] });
    new Segment(stack, 'Staff', { segmentName: 'staff', environmentKeys: [{ environment: 'P', keys: ['k'] }] });
    const parent = new FeatureFlag(stack, 'Parent', { flagName: 'parent' });
    new RolloutPlan(stack, 'ParentPlan', { flag: parent, environment: 'P', individualTargets: [{ treatment: 'on', segments: ['beta'] }] });
    const child = new FeatureFlag(stack, 'Child', { flagName: 'child' });
    new RolloutPlan(stack, 'ChildPlan', {
      flag: child,
      environment: 'P',
      rules: [TargetingRule.serve('on', [Matcher.inSegment('staff')]), TargetingRule.serve('on', [Matcher.dependsOn(parent, ['on'])])],
    });
    const r = byConstructId(stack);
    // Every object also waits for the stack's bootstrap (which converges a new stack in one process).
    const bootstrap = r.Fme_Bootstrap.address;
    expect(r['Fme_Flag-parent'].depends_on).toEqual([bootstrap, r['Fme_Segment-beta'].address]);
    expect(r['Fme_Flag-child'].depends_on).toEqual([bootstrap, r['Fme_Segment-staff'].address, r['Fme_Flag-parent'].address]);
    expect(r['Fme_Segment-beta'].depends_on).toEqual([bootstrap]);
  });

  test('references to objects managed elsewhere add no dependency', () => {
    const { stack } = newStack();
    new IndividualTargets(stack, 'T', { flagName: 'x', environment: 'P', add: [{ treatment: 'on', segments: ['elsewhere'] }] });
    const r = byConstructId(stack);
    expect(r['Fme_Flag-x'].depends_on).toEqual([r.Fme_Bootstrap.address]);
  });

  test('fails synthesis when a flag uses a segment of another traffic type', () => {
    const { stack } = newStack();
    new Segment(stack, 'Accounts', { segmentName: 'big_accounts', trafficType: 'account', environmentKeys: [{ environment: 'P', keys: ['a'] }] });
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new RolloutPlan(stack, 'Plan', { flag, environment: 'P', rules: [TargetingRule.serve('on', [Matcher.inSegment('big_accounts')])] });
    expect(synthErrors(stack)).toMatch(/\[test\/Plan\] segments: flag "x" \(traffic type user\) uses segment "big_accounts" of traffic type account \(test\/Accounts\)/);
  });

  test('fails synthesis when a flag uses a segment not configured in that environment', () => {
    const { stack } = newStack();
    new Segment(stack, 'Beta', { segmentName: 'beta', environmentKeys: [{ environment: 'Production', keys: ['a'] }] });
    new IndividualTargets(stack, 'T', { flagName: 'x', environment: 'Staging', targets: [{ treatment: 'on', segments: ['beta'] }] });
    expect(synthErrors(stack)).toMatch(/\[test\/T\] segments: flag "x" uses segment "beta" in environment "Staging", where test\/Beta does not configure it/);
  });
});
