/**
 * `cdktf-fme lookup` against the emulator, and `cdktf-fme diff` on names FME does not have.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LiveScenario } from './support';
import { FeatureFlag, RolloutPlan, Segment } from '../../src';

jest.setTimeout(60_000);

const SEED = {
  workspaces: [
    {
      name: 'Default',
      id: 'ws-default',
      environments: [
        { name: 'Staging', id: 'env-staging' },
        { name: 'Production', id: 'env-production', production: true, approvalsRequired: true },
      ],
      trafficTypes: ['user', 'account'],
      attributes: [{ trafficType: 'user', id: 'plan' }, { trafficType: 'user', id: 'country', dataType: 'STRING' }],
    },
    { name: 'Other', environments: [{ name: 'Dev' }], trafficTypes: ['user'] },
  ],
};

describe('cdktf-fme lookup', () => {
  let s: LiveScenario;
  beforeAll(async () => { s = await LiveScenario.start('lookup', { seed: SEED }); });
  afterAll(async () => s.stop());

  test('writes the context file for the workspace the app names, sorted, with the lookup time', async () => {
    const stackDir = s.synth((stack) => { new FeatureFlag(stack, 'Flag', { flagName: 'checkout' }); });
    const appDir = path.dirname(path.dirname(stackDir));
    const file = path.join(s.root, 'fme.context.json');
    // An entry of another workspace is kept as it is.
    const other = { lookedUpAt: '2026-01-01T00:00:00.000Z', workspace: { id: 'x', name: 'Elsewhere' }, environments: [], trafficTypes: [] };
    fs.writeFileSync(file, JSON.stringify({ version: 1, workspaces: { 'workspaceName:Elsewhere': other } }));
    const before = Date.now();
    const r = await s.cli(['lookup', '--app-dir', appDir, '--context-file', file]);
    expect(r.stderr).toBe([
      `looking up workspace "Default" (stack live) at ${s.emulator.adminBaseUrl}`,
      '  Default: 2 environments (Production, Staging), 2 traffic types (account, user), 2 attributes',
    ].join('\n'));
    expect(r.stdout).toBe(`wrote ${file}: 1 workspace looked up`);
    expect(r.code).toBe(0);

    const tts: Array<{ id: string; name: string }> = await s.admin('GET', '/trafficTypes/ws/{ws}');
    const id = (name: string) => tts.find((t) => t.name === name)!.id;
    const text = fs.readFileSync(file, 'utf8');
    const lookedUpAt = JSON.parse(text).workspaces['workspaceName:Default'].lookedUpAt;
    expect(Date.parse(lookedUpAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(lookedUpAt)).toBeLessThanOrEqual(Date.now());
    expect(text).toBe(`${JSON.stringify({
      version: 1,
      workspaces: {
        'workspaceName:Default': {
          lookedUpAt,
          workspace: { id: 'ws-default', name: 'Default' },
          environments: [
            { name: 'Production', id: 'env-production', production: true, approvalsRequired: true },
            { name: 'Staging', id: 'env-staging', production: false, approvalsRequired: false },
          ],
          trafficTypes: [
            { name: 'account', id: id('account'), attributes: [] },
            { name: 'user', id: id('user'), attributes: [{ id: 'country', dataType: 'STRING' }, { id: 'plan' }] },
          ],
        },
        'workspaceName:Elsewhere': other,
      },
    }, null, 2)}\n`);
  });

  test('a stack naming its workspace by id is looked up under workspaceId:<id>', async () => {
    const stackDir = s.synth((stack) => { new FeatureFlag(stack, 'Flag', { flagName: 'checkout' }); }, 'byid', { workspaceId: 'ws-default', workspaceName: undefined });
    const file = path.join(s.root, 'byid.context.json');
    const r = await s.cli(['lookup', '--app-dir', stackDir, '--context-file', file]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe(`looking up workspace id "ws-default" (stack byid) at ${s.emulator.adminBaseUrl}`);
    const written = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(Object.keys(written.workspaces)).toEqual(['workspaceId:ws-default']);
    expect(written.workspaces['workspaceId:ws-default'].workspace).toEqual({ id: 'ws-default', name: 'Default' });
  });

  test('a workspace FME does not have: exit 1 with a clear message, and nothing written', async () => {
    const stackDir = s.synth((stack) => { new FeatureFlag(stack, 'Flag', { flagName: 'checkout' }); }, 'missing', { workspaceName: 'Nowhere' });
    const file = path.join(s.root, 'missing.context.json');
    const r = await s.cli(['lookup', '--app-dir', stackDir, '--context-file', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cdktf-fme lookup: workspace "Nowhere" was not found at http:\/\/127\.0\.0\.1:\d+\/internal\/api\/v2 with the key in \$FME_API_KEY\. Check FmeConfig/m);
    expect(fs.existsSync(file)).toBe(false);
  });

  test('an app folder that was not synthesized is a clear error', async () => {
    const r = await s.cli(['lookup', '--app-dir', path.join(s.root, 'nothing-here')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not a synthesized app .*run cdktf synth first/);
  });
});

describe('cdktf-fme diff on names FME does not have', () => {
  let s: LiveScenario;
  beforeAll(async () => { s = await LiveScenario.start('unknown-names', { seed: SEED }); });
  afterAll(async () => s.stop());

  test('an unknown environment or traffic type is one error line and exit 1; the rest is still compared', async () => {
    const dir = s.synth((stack) => {
      const flag = new FeatureFlag(stack, 'Flag', { flagName: 'checkout' });
      new RolloutPlan(stack, 'Prod', { flag, environment: 'Prod' });
      new RolloutPlan(stack, 'Staging', { flag, environment: 'Staging' });
      new FeatureFlag(stack, 'Device', { flagName: 'by_device', trafficType: 'device' });
      new Segment(stack, 'Beta', { segmentName: 'beta', environmentKeys: [{ environment: 'QA', keys: ['a'] }] });
    });
    const r = await s.cli(['diff', dir]);
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('cdktf-fme diff: error: '));
    expect(errors).toEqual([
      'cdktf-fme diff: error: flag checkout: environment "Prod" does not exist in workspace Default (known: "Staging", "Production"; did you mean "Production"?); '
        + 'the deploy would fail there. Fix the name in the code, or create the environment in FME and run `cdktf-fme lookup`',
      'cdktf-fme diff: error: segment beta: environment "QA" does not exist in workspace Default (known: "Staging", "Production"); '
        + 'the deploy would fail there. Fix the name in the code, or create the environment in FME and run `cdktf-fme lookup`',
      'cdktf-fme diff: error: flag by_device: traffic type "device" does not exist in workspace Default (known: "user", "account"); '
        + 'the deploy would fail there. Fix the name in the code, or create the traffic type in FME and run `cdktf-fme lookup`',
    ]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // The known parts are still compared: the flag and its Staging definition are to be created; nothing about Prod or by_device.
    expect(r.stdout).toMatch(/checkout/);
    expect(r.stdout).toMatch(/Staging/);
    expect(r.stdout).not.toMatch(/Prod\b/);
    expect(r.stdout).not.toMatch(/by_device/);
  });
});
