/**
 * `cdktf-fme diff` and `drift` against the emulator, with stacks built by the real constructs and
 * deployed through the handler's own converge step. Changes are made with plain Admin API calls,
 * as the FME UI or a pipeline would make them.
 */
import { TerraformStack } from 'cdktf';
import { APPROVER_KEY, LiveScenario } from './support';
import {
  Allocation, DefaultRule, DynamicConfig, FeatureFlag, Matcher, RolloutPlan, Segment, TargetingRule,
} from '../../src';

jest.setTimeout(60_000);

function app(opts: { rules?: TargetingRule[]; withBeta?: boolean; description?: string } = {}) {
  return (stack: TerraformStack) => {
    const checkout = new FeatureFlag(stack, 'Checkout', {
      flagName: 'checkout',
      description: opts.description ?? 'new checkout',
      tags: ['team-shop'],
      treatments: [{ name: 'on', config: DynamicConfig.fromJson({ color: 'blue' }) }, { name: 'off' }],
    });
    for (const environment of ['Staging', 'Production']) {
      new RolloutPlan(checkout, environment, {
        flag: checkout,
        environment,
        defaultTreatment: 'off',
        individualTargets: [{ treatment: 'on', keys: ['qa_alice'] }],
        rules: opts.rules ?? [TargetingRule.serve('on', [Matcher.stringInList('country', ['US'])])],
        defaultRule: DefaultRule.distribute([Allocation.of('on', 10), Allocation.of('off', 90)]),
      });
    }
    if (opts.withBeta ?? true) {
      new Segment(stack, 'Beta', { segmentName: 'beta_users', environmentKeys: [{ environment: 'Production', keys: ['a', 'b'] }] });
    }
  };
}

describe('cdktf-fme diff / drift', () => {
  let s: LiveScenario;
  let dir: string;
  beforeAll(async () => {
    s = await LiveScenario.start('diff');
    dir = s.synth(app());
    await s.deploy(dir);
  });
  afterAll(async () => s.stop());

  test('a fresh deploy is in sync: exit 0, at most one read per FME object', async () => {
    const r = await s.cli(['diff', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No differences: FME matches the code\./);
    const json = JSON.parse((await s.cli(['diff', dir, '--json'])).stdout);
    expect(json).toMatchObject({ command: 'diff', stack: 'live', inSync: true, differences: [] });
    // 1 flag + 2 definitions + 1 segment + 1 segment environment.
    expect(json.objects).toBe(5);
    // One read per object (workspace lists count for the flags and segments they hold), plus the environment list
    // and the rule-based and large segment lists (read always: they find owned ones that left the code).
    expect(json.reads).toBeLessThanOrEqual(json.objects + 3);
  });

  test('a kill made through the Admin API: drift exits 2 naming flag, environment and field', async () => {
    await s.admin('PUT', '/splits/ws/{ws}/checkout/environments/Production/kill', { title: 't', comment: 'c' });
    const r = await s.cli(['drift', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('~ flag checkout / Production: changed outside the code');
    expect(r.stdout).toContain('~ killed: killed → not killed');
    expect(r.stdout).not.toContain('Staging');
    const json = JSON.parse((await s.cli(['drift', dir, '--json'])).stdout);
    expect(json.differences).toEqual([expect.objectContaining({
      kind: 'flag', name: 'checkout', environment: 'Production', field: 'killed', action: 'update', path: 'checkout/Production/killed',
    })]);
  });

  test('--ignore leaves a field out; drift --fix restores the rest and exits 0', async () => {
    expect((await s.cli(['drift', dir, '--ignore', '*/Production/killed'])).code).toBe(0);
    expect((await s.cli(['drift', dir, '--ignore', 'killed'])).stdout).toContain('Ignored (--ignore): checkout/Production/killed');
    // --fix with the kill ignored leaves it killed.
    expect((await s.cli(['drift', dir, '--fix', '--ignore', 'killed'])).code).toBe(0);
    expect((await s.admin('GET', '/splits/ws/{ws}/checkout/environments/Production')).killed).toBe(true);
    const fixed = await s.cli(['drift', dir, '--fix']);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain('~ killed: killed → not killed');
    expect(fixed.stdout).toMatch(/No drift/);
    expect((await s.admin('GET', '/splits/ws/{ws}/checkout/environments/Production')).killed).toBe(false);
  });

  test('a rule change in the code: diff prints the rules, FME first', async () => {
    const changed = s.synth(app({ rules: [TargetingRule.serve('on', [Matcher.stringInList('country', ['US', 'CA'])]), TargetingRule.serve('off', [Matcher.numberAtLeast('age', 99)])] }));
    const r = await s.cli(['diff', changed]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('~ flag checkout / Production: updated in place by the next deploy');
    expect(r.stdout).toContain('- rule 1: if country in [US] → on');
    expect(r.stdout).toContain('+ rule 1: if country in [US, CA] → on');
    expect(r.stdout).toContain('+ rule 2: if age >= 99 → off');
    dir = s.synth(app());
  });

  test('UI edits of targets, default rule, exposure, config, description and tags are each named', async () => {
    const live = await s.admin('GET', '/splits/ws/{ws}/checkout/environments/Staging');
    await s.admin('PATCH', '/splits/ws/{ws}/checkout/environments/Staging?title=t&comment=c', [
      { op: 'replace', path: '/trafficAllocation', value: 50 },
      { op: 'replace', path: '/defaultRule', value: [{ treatment: 'on', size: 50 }, { treatment: 'off', size: 50 }] },
      {
        op: 'replace',
        path: '/treatments',
        value: [
          { ...live.treatments[0], keys: ['qa_bob'], configurations: '{"color":"red"}' }, live.treatments[1],
        ],
      },
    ]);
    await s.admin('PATCH', '/splits/ws/{ws}/checkout', [{ op: 'replace', path: '/description', value: 'edited in the UI' }]);
    const r = await s.cli(['diff', dir]);
    expect(r.code).toBe(2);
    for (const line of [
      '~ description: "edited in the UI" → "new checkout"',
      '~ limit exposure: 50% → 100%',
      '~ default rule: on 50% / off 50% → on 10% / off 90%',
      '~ config of on: {"color":"red"} → {"color":"blue"}',
      '+ target on: key qa_alice',
      '- target on: key qa_bob',
    ]) expect(r.stdout).toContain(line);
    await s.deploy(dir);
    expect((await s.cli(['diff', dir])).code).toBe(0);
  });

  test('objects to create and to delete; objects another stack owns', async () => {
    const noBeta = s.synth(app({ withBeta: false }));
    const r = await s.cli(['diff', noBeta]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('- segment beta_users: deleted by the next deploy');
    const other = s.synth((stack) => {
      const f = new FeatureFlag(stack, 'Checkout', { flagName: 'checkout' });
      new RolloutPlan(f, 'P', { flag: f, environment: 'Production', defaultRule: DefaultRule.serve('off') });
      new FeatureFlag(stack, 'Fresh', { flagName: 'fresh' });
    }, 'other');
    const o = await s.cli(['diff', other]);
    expect(o.code).toBe(2);
    expect(o.stdout).toContain('! flag checkout: the next deploy stops here');
    expect(o.stdout).toContain('owned by stack "live", not by this stack "other"');
    expect(o.stdout).toContain('+ flag fresh: created by the next deploy');
  });

  test('a missing stack folder is an error (exit 1); no folder is a usage error (exit 2)', async () => {
    const missing = await s.cli(['diff', `${s.root}/nope`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*fme-bootstrap\.json.*run cdktf synth first/);
    const usage = await s.cli(['drift']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Give the stack folder/);
  });
});

describe('drift --fix in an approval-gated environment', () => {
  let s: LiveScenario;
  beforeAll(async () => { s = await LiveScenario.start('approvals'); });
  afterAll(async () => s.stop());

  test('submits a change request instead of writing; drift shows it open, then rejected', async () => {
    await s.deploy(s.synth(app({ withBeta: false })));
    await s.admin('PUT', '/splits/ws/{ws}/checkout/environments/Production/kill', { title: 't', comment: 'c' });
    await s.admin('PATCH', '/environments/ws/{ws}/Production', [{ op: 'replace', path: '/changePermissions/areApprovalsRequired', value: true }]);
    const gated = s.synth(app({ withBeta: false }), 'live', { approvalEnvironments: ['Production'] });

    const fixed = await s.cli(['drift', gated, '--fix']);
    expect(fixed.stderr).toMatch(/change request \S+ submitted \(RESTORE\); approve it in FME/);
    expect(fixed.code).toBe(2);
    const open = /\(change request (\S+) is open in FME\)/.exec(fixed.stdout);
    expect(open).not.toBeNull();
    expect(fixed.stdout).toContain('~ killed: killed → not killed');
    expect((await s.admin('GET', '/splits/ws/{ws}/checkout/environments/Production')).killed).toBe(true);
    const json = JSON.parse((await s.cli(['drift', gated, '--json'])).stdout);
    expect(json.differences).toEqual([expect.objectContaining({ field: 'killed', openChangeRequest: open![1] })]);

    // An approver rejects it: the definition shows nothing, drift names the rejected request.
    await s.admin('PUT', `/changeRequests/${open![1]}`, { status: 'REJECTED', comment: 'not now' }, APPROVER_KEY);
    const after = await s.cli(['drift', gated]);
    expect(after.code).toBe(2);
    expect(after.stdout).toContain(`~ flag checkout / Production: changed outside the code (change request ${open![1]} was rejected in FME)`);
    expect(after.stdout).not.toContain('is open in FME');
  });
});

describe('a large stack', () => {
  let s: LiveScenario;
  beforeAll(async () => { s = await LiveScenario.start('large'); });
  afterAll(async () => s.stop());

  test('prints read progress on stderr, keeps stdout clean JSON, and reads less than once per object', async () => {
    const dir = s.synth((stack) => {
      for (let i = 0; i < 60; i++) {
        const flag = new FeatureFlag(stack, `F${i}`, { flagName: `flag_${i}` });
        for (const environment of ['Staging', 'Production']) new RolloutPlan(flag, environment, { flag, environment, defaultRule: DefaultRule.serve('off') });
      }
    });
    await s.deploy(dir);
    const r = await s.cli(['diff', dir, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^reading live FME: \d+\/\d+ reads$/m);
    const json = JSON.parse(r.stdout);
    expect(json.objects).toBe(180);
    expect(json.reads).toBeLessThan(json.objects / 10);
  });
});
