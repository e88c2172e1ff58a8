import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { newStack, synthErrors } from './support';
import {
  Allocation, DefaultAllocation, DefaultRule, FeatureFlag, IndividualTargets, KillSwitch, LargeSegment, Matcher, RolloutPlan, RuleBasedSegment,
  RuleBasedSegmentRule, Segment, TargetingRule,
} from '../../src';

/** A context file covering workspace "Default" (the stacks' default), written to a fresh folder. */
function contextFile(overrides: Record<string, unknown> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-lookups-'));
  const file = path.join(dir, 'fme.context.json');
  fs.writeFileSync(file, JSON.stringify({
    version: 1,
    workspaces: {
      'workspaceName:Default': {
        lookedUpAt: '2026-12-01T10:00:00.000Z',
        workspace: { id: 'ws-1', name: 'Default' },
        environments: [
          { name: 'Production', id: 'env-p', production: true, approvalsRequired: false },
          { name: 'Staging', id: 'env-s', production: false, approvalsRequired: false },
        ],
        trafficTypes: [
          { name: 'account', id: 'tt-a' },
          { name: 'user', id: 'tt-u', attributes: [{ id: 'country', dataType: 'string' }, { id: 'plan' }] },
        ],
      },
      ...overrides,
    },
  }));
  return file;
}

function metadata(stack: TerraformStack, type: string): Array<{ path: string; data: string }> {
  return stack.node.findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === type).map((m) => ({ path: c.node.path, data: String(m.data) })));
}

describe('lookups at synth', () => {
  test('an unknown environment fails synthesis naming the construct path, the rule, the known names and a near miss', () => {
    const { stack } = newStack({ lookupContextFile: contextFile() });
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new RolloutPlan(stack, 'Plan', { flag, environment: 'Prodution', defaultRule: DefaultRule.serve('on') });
    const errors = synthErrors(stack);
    expect(errors).toMatch(/\[test\/Plan\] known environment: RolloutPlan of flag "x" names environment "Prodution", which workspace "Default" \(looked up 2026-12-01T10:00:00.000Z\) does not have \(known: "Production", "Staging"; did you mean "Production"\?\); if you just created it in FME, run `cdktf-fme lookup`/);
  });

  test('every environment-naming construct is checked; names and ids both count as known', () => {
    const { stack } = newStack({ lookupContextFile: contextFile(), environmentOptions: { QA: { changeTitle: 't' } } });
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new RolloutPlan(stack, 'Plan', { flag, environment: 'env-s' });
    new IndividualTargets(stack, 'Targets', { flag, environment: 'Dev', targets: [{ treatment: 'on', keys: ['k'] }] });
    new DefaultAllocation(stack, 'Alloc', { flag, environment: 'Production', allocations: [Allocation.of('on', 100)] });
    new KillSwitch(stack, 'Kill', { flagName: 'y', environment: 'Sandbox' });
    new Segment(stack, 'Seg', { segmentName: 'beta', environmentKeys: [{ environment: 'Prod', keys: ['a'] }] });
    const errors = synthErrors(stack);
    expect(errors).toMatch(/\[test\/Targets\] known environment: IndividualTargets of flag "x" names environment "Dev"/);
    expect(errors).toMatch(/\[test\/Kill\] known environment: KillSwitch of flag "y" names environment "Sandbox"/);
    expect(errors).toMatch(/\[test\/Seg\] known environment: Segment "beta" names environment "Prod".*did you mean "Production"/);
    expect(errors).toMatch(/\[test\/Fme\] known environment: FmeConfig environmentOptions\["QA"\] names environment "QA"/);
    expect(errors).not.toMatch(/test\/Plan\]/);
    expect(errors).not.toMatch(/\[test\/Alloc\] known environment/);
  });

  test('an unknown traffic type of a flag or segment fails synthesis', () => {
    const { stack } = newStack({ lookupContextFile: contextFile() });
    new FeatureFlag(stack, 'Flag', { flagName: 'x', trafficType: 'users' });
    new Segment(stack, 'Seg', { segmentName: 'beta', trafficType: 'device' });
    const errors = synthErrors(stack);
    expect(errors).toMatch(/\[test\/Flag\] known traffic type: FeatureFlag "x" names traffic type "users".*known: "account", "user"; did you mean "user"\?\)/);
    expect(errors).toMatch(/\[test\/Seg\] known traffic type: Segment "beta" names traffic type "device"/);
  });

  test('rule-based and large segments: their environments and traffic types are checked too', () => {
    const { stack } = newStack({ lookupContextFile: contextFile() });
    new RuleBasedSegment(stack, 'Loyal', {
      segmentName: 'loyal',
      trafficType: 'usr',
      environments: [{ environment: 'Prodution', rules: [RuleBasedSegmentRule.matching([Matcher.numberAtLeast('orders', 10)])] }],
    });
    const keys = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fme-lookups-keys-')), 'keys.csv');
    fs.writeFileSync(keys, 'a\nb\n');
    new LargeSegment(stack, 'Vip', { largeSegmentName: 'vip', environmentKeys: [{ environment: 'Stagin', keysFile: keys }] });
    const errors = synthErrors(stack);
    expect(errors).toMatch(/\[test\/Loyal\] known environment: RuleBasedSegment "loyal" names environment "Prodution".*did you mean "Production"/);
    expect(errors).toMatch(/\[test\/Loyal\] known traffic type: RuleBasedSegment "loyal" names traffic type "usr"/);
    expect(errors).toMatch(/\[test\/Vip\] known environment: LargeSegment "vip" names environment "Stagin".*did you mean "Staging"/);
    expect(errors).not.toMatch(/\[test\/Vip\] known traffic type/);
  });

  test('a matcher attribute the schema does not list is a warning only', () => {
    const { stack } = newStack({ lookupContextFile: contextFile() });
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    new RolloutPlan(stack, 'Plan', {
      flag,
      environment: 'Production',
      rules: [TargetingRule.serve('on', [Matcher.stringInList('countyr', ['US']), Matcher.stringInList('plan', ['pro'])])],
    });
    expect(synthErrors(stack)).toBe('');
    expect(metadata(stack, '@cdktf/warn')).toEqual([{
      path: 'test/Plan',
      data: expect.stringMatching(/^known attribute: matcher "countyr in list" uses attribute "countyr", which the schema of traffic type "user" .* \(known: "country", "plan"; did you mean "country"\?\)/),
    }]);
  });

  test('without a context file, or one that does not cover the workspace: no error, one info note', () => {
    for (const file of [path.join(os.tmpdir(), 'no-such-dir-fme', 'fme.context.json'), contextFile()]) {
      const { stack } = newStack({ lookupContextFile: file, workspaceName: file.includes('no-such') ? 'Default' : 'Other' });
      const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x', trafficType: 'nope' });
      new RolloutPlan(stack, 'Plan', { flag, environment: 'Nowhere' });
      expect(synthErrors(stack)).toBe('');
      const info = metadata(stack, '@cdktf/info');
      expect(info).toEqual([{ path: 'test/Fme', data: expect.stringMatching(/^environments, traffic types and attributes are not checked before deploy: /) }]);
    }
  });

  test('checkLookups: false turns the checks and the note off', () => {
    const { stack } = newStack({ lookupContextFile: contextFile(), checkLookups: false });
    new RolloutPlan(stack, 'Plan', { flagName: 'x', environment: 'Nowhere' });
    expect(synthErrors(stack)).toBe('');
    expect(metadata(stack, '@cdktf/info')).toEqual([]);
  });

  test('FME_LOOKUP_CHECKS=off at synth turns the checks off where checkLookups is not set', () => {
    const previous = process.env.FME_LOOKUP_CHECKS;
    process.env.FME_LOOKUP_CHECKS = 'off';
    try {
      const { stack } = newStack({ lookupContextFile: contextFile() });
      new RolloutPlan(stack, 'Plan', { flagName: 'x', environment: 'Nowhere' });
      expect(synthErrors(stack)).toBe('');
      const { stack: forced } = newStack({ lookupContextFile: contextFile(), checkLookups: true });
      new RolloutPlan(forced, 'Plan', { flagName: 'x', environment: 'Nowhere' });
      expect(synthErrors(forced)).toMatch(/\[test\/Plan\] known environment/);
    } finally {
      if (previous === undefined) delete process.env.FME_LOOKUP_CHECKS; else process.env.FME_LOOKUP_CHECKS = previous;
    }
  });

  test('a stack naming its workspace by id uses the workspaceId entry', () => {
    const file = contextFile();
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    json.workspaces['workspaceId:ws-1'] = { ...json.workspaces['workspaceName:Default'], environments: [] };
    fs.writeFileSync(file, JSON.stringify(json));
    const { stack } = newStack({ lookupContextFile: file, workspaceId: 'ws-1' });
    new RolloutPlan(stack, 'Plan', { flagName: 'x', environment: 'Production' });
    expect(synthErrors(stack)).toMatch(/\[test\/Plan\] known environment: .*\(known: none\)/);
  });

  test('approval settings in the file are information only', () => {
    const file = contextFile();
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    json.workspaces['workspaceName:Default'].environments[0].approvalsRequired = true;
    fs.writeFileSync(file, JSON.stringify(json));
    const { stack } = newStack({ lookupContextFile: file });
    new RolloutPlan(stack, 'Plan', { flagName: 'x', environment: 'Production' });
    expect(synthErrors(stack)).toBe('');
    expect(metadata(stack, '@cdktf/info')).toEqual([{ path: 'test/Fme', data: expect.stringMatching(/^FME required approvals in "Production"/) }]);
    expect(JSON.parse(Testing.synth(stack, true))).toBeDefined();
  });

  test('a context file of another version fails synthesis on the FmeConfig', () => {
    const file = contextFile();
    fs.writeFileSync(file, JSON.stringify({ version: 2, workspaces: {} }));
    const { stack } = newStack({ lookupContextFile: file });
    new RolloutPlan(stack, 'Plan', { flagName: 'x', environment: 'Production' });
    expect(synthErrors(stack)).toMatch(/\[test\/Fme\] fme config: .*fme.context.json has version 2; .*run cdktf-fme lookup again/);
  });
});
