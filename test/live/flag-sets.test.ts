/**
 * `cdktf-fme diff` with flag sets (docs/live.md): a definition's sets against the code's, a set the
 * code declares but FME lacks, and a set this stack owns that the code dropped.
 */
import axios from 'axios';
import { TerraformStack } from 'cdktf';
import { LIVE_KEY, LiveScenario } from './support';
import { DefaultRule, FeatureFlag, FlagSet, RolloutPlan } from '../../src';

jest.setTimeout(60_000);

function app(setNames: string[], planSets: string[]) {
  return (stack: TerraformStack) => {
    for (const name of setNames) new FlagSet(stack, `Set-${name}`, { flagSetName: name });
    const flag = new FeatureFlag(stack, 'Checkout', { flagName: 'checkout' });
    new RolloutPlan(flag, 'Production', { flag, environment: 'Production', defaultRule: DefaultRule.serve('on'), flagSets: planSets.map((n) => FlagSet.fromName(n)) });
  };
}

describe('cdktf-fme diff: flag sets', () => {
  let s: LiveScenario;
  beforeAll(async () => { s = await LiveScenario.start('flag-sets'); });
  afterAll(async () => s.stop());

  const v3 = async (method: string, urlPath: string, body?: unknown) => (await axios.request({
    method, url: `${s.emulator.url}/internal/api/v3${urlPath}`, data: body, headers: { 'x-api-key': LIVE_KEY },
  })).data;
  const diff = async (dir: string) => {
    const r = await s.cli(['diff', dir, '--json']);
    return JSON.parse(r.stdout).differences as Array<{ kind: string; name: string; field: string; action: string; details: string[] }>;
  };

  test('in sync after a deploy; a set removed from the definition in FME, or one added there, shows by name', async () => {
    const dir = s.synth(app(['backend', 'old_set'], ['backend']));
    await s.deploy(dir);
    expect(await diff(dir)).toEqual([]);

    await s.admin('PATCH', '/splits/ws/{ws}/checkout/environments/Production', [{ op: 'add', path: '/flagSets', value: [] }]);
    expect(await diff(dir)).toEqual([
      {
        kind: 'flag',
        name: 'checkout',
        environment: 'Production',
        field: 'flagSets',
        action: 'update',
        details: ['+ flag set backend'],
        path: 'checkout/Production/flagSets',
      },
    ]);

    const ws = await s.ws();
    const sets = (await v3('GET', `/flag-sets?workspace_id=${ws}&limit=200`)).objects as Array<{ id: string; name: string }>;
    const handMade = await v3('POST', '/flag-sets', { name: 'by_hand', workspace: { id: ws } });
    await s.admin('PATCH', '/splits/ws/{ws}/checkout/environments/Production', [{
      op: 'add', path: '/flagSets', value: [{ id: sets.find((x) => x.name === 'backend')!.id }, { id: handMade.id }],
    }]);
    expect((await diff(dir)).map((d) => [d.field, d.details])).toEqual([['flagSets', ['- flag set by_hand']]]);
  });

  test('a declared set FME lacks is created by the deploy; an owned set the code dropped is deleted', async () => {
    const dir = s.synth(app(['backend', 'mobile'], ['backend', 'mobile']));
    const found = await diff(dir);
    expect(found).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'flag set', name: 'mobile', field: 'flagSet', action: 'create', details: ['+ flag set mobile'] }),
      expect.objectContaining({
        kind: 'flag', name: 'checkout', environment: 'Production', field: 'flagSets', action: 'update', details: ['+ flag set mobile', '- flag set by_hand'],
      }),
      expect.objectContaining({ kind: 'flag set', name: 'old_set', field: 'flagSet', action: 'delete' }),
    ]));
    expect(found).toHaveLength(3);
  });

  test('import names a definition\'s sets with FlagSet.fromName and never takes a set over', async () => {
    const r = await s.cli(['import', '--stack', 'importer', '--flag', 'checkout', '--no-claim', '--api-base-url', s.emulator.adminBaseUrl]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain("flagSets: [FlagSet.fromName('backend'), FlagSet.fromName('by_hand')],");
    expect(r.stdout).toMatch(/import \{ [^}]*FlagSet[^}]* \} from 'cdktf-harness-fme';/);
    expect(r.stdout).not.toContain('new FlagSet(');
  });

  test('drift --fix creates a missing set and converges the definition; an ignored flagSets field is left as FME has it', async () => {
    const dir = s.synth(app(['backend', 'mobile'], ['backend', 'mobile']));
    const ignored = await s.cli(['drift', dir, '--fix', '--ignore', 'checkout/Production/flagSets']);
    expect(ignored.stderr).toContain('[fme] flag set mobile: created');
    expect(Object.keys(await liveSetsByName()).sort()).toEqual(['backend', 'by_hand', 'mobile', 'old_set']);
    expect(await definitionSetNames()).toEqual(['backend', 'by_hand']);

    const fixed = await s.cli(['drift', dir, '--fix']);
    expect(fixed.stderr).toContain('definition updated (flagSets)');
    expect(await definitionSetNames()).toEqual(['backend', 'mobile']);
    // Only the dropped, owned set is left to report (drift --fix never deletes: that is the deploy's reconcile).
    expect((await diff(dir)).map((d) => `${d.kind} ${d.name} ${d.field} ${d.action}`)).toEqual(['flag set old_set flagSet delete']);
  });

  async function liveSetsByName(): Promise<Record<string, string>> {
    const list = (await v3('GET', `/flag-sets?workspace_id=${await s.ws()}&limit=200`)).objects as Array<{ id: string; name: string }>;
    return Object.fromEntries(list.map((x) => [x.name, x.id]));
  }

  async function definitionSetNames(): Promise<string[]> {
    const byId = new Map(Object.entries(await liveSetsByName()).map(([name, id]) => [id, name]));
    const d = await s.admin('GET', '/splits/ws/{ws}/checkout/environments/Production');
    return (d.flagSets as Array<{ id: string }>).map((r) => byId.get(r.id) ?? r.id).sort();
  }
});
