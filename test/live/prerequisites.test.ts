/**
 * `cdktf-fme diff` shows prerequisite differences (docs/fme-api.md#prerequisites), decided by the
 * handler's own comparison: a prerequisite changed in FME, one the code adds, one the code drops,
 * and a definition to create with one.
 */
import { TerraformStack } from 'cdktf';
import { LiveScenario } from './support';
import { DefaultRule, FeatureFlag, Prerequisite, RolloutPlan } from '../../src';

jest.setTimeout(60_000);

function app(prerequisite: string[] | undefined, withNewFlag = false) {
  return (stack: TerraformStack) => {
    const gate = new FeatureFlag(stack, 'Gate', { flagName: 'a_gate' });
    new RolloutPlan(gate, 'Staging', { flag: gate, environment: 'Staging' });
    const feature = new FeatureFlag(stack, 'Feature', { flagName: 'b_feature' });
    new RolloutPlan(feature, 'Staging', {
      flag: feature,
      environment: 'Staging',
      ...(prerequisite ? { prerequisites: [Prerequisite.flag(gate, prerequisite)] } : {}),
      defaultRule: DefaultRule.serve('on'),
    });
    if (withNewFlag) {
      const later = new FeatureFlag(stack, 'Later', { flagName: 'c_later' });
      new RolloutPlan(later, 'Staging', { flag: later, environment: 'Staging', prerequisites: [Prerequisite.flag(gate, ['on', 'off'])] });
    }
  };
}

describe('cdktf-fme diff with prerequisites', () => {
  let s: LiveScenario;
  let dir: string;
  beforeAll(async () => {
    s = await LiveScenario.start('prereq');
    dir = s.synth(app(['on']));
    await s.deploy(dir);
  });
  afterAll(async () => s.stop());

  test('in sync after a deploy', async () => {
    const r = await s.cli(['diff', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test('a prerequisite changed in FME is shown against the code\'s; the next deploy restores it', async () => {
    await s.admin('PATCH', '/splits/ws/{ws}/b_feature/environments/Staging?title=t&comment=c', [
      { op: 'replace', path: '/prerequisites', value: [{ flagName: 'a_gate', treatments: ['off'] }] },
    ]);
    const r = await s.cli(['diff', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('~ prerequisite a_gate in [off] → a_gate in [on]');
    await s.deploy(dir);
    expect((await s.cli(['diff', dir])).code).toBe(0);
  });

  test('a prerequisite the code drops, or adds, is shown as removed or added', async () => {
    const dropped = await s.cli(['diff', s.synth(app(undefined))]);
    expect(dropped.code).toBe(2);
    expect(dropped.stdout).toContain('- prerequisite a_gate in [on]');
    const json = JSON.parse((await s.cli(['diff', s.synth(app(undefined)), '--json'])).stdout);
    expect(json.differences).toEqual([expect.objectContaining({ name: 'b_feature', environment: 'Staging', field: 'prerequisites', action: 'update' })]);

    await s.deploy(s.synth(app(undefined)));
    const added = await s.cli(['diff', s.synth(app(['on', 'off']))]);
    expect(added.stdout).toContain('+ prerequisite a_gate in [off, on]');
  });

  test('a definition to create lists its prerequisites', async () => {
    const r = await s.cli(['diff', s.synth(app(undefined, true))]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('+ prerequisite a_gate in [off, on]');
  });
});
