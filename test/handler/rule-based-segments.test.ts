/**
 * The handler's rule-based segments against the strict emulator (docs/fme-api.md#rule-based-segments,
 * docs/ownership.md): create, change rules and exclusions, nothing written when nothing changed,
 * ownership across two stacks, change requests in approval-gated environments, delete and reconcile.
 * After each step the exact set of rule-based segments in the emulator is checked.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { adminGet, allOutput, API_KEY, bundleHandler, decideChangeRequests, inventory, openChangeRequests, runHandler, target, TEST_STACK } from './harness';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import type { InventorySpec, RuleBasedSegmentDefinitionSpec, RuleBasedSegmentResourceSpec } from '../../src/spec/resource-spec';

jest.setTimeout(90_000);

const APPROVER = 'rbs-approver-key';
const adults: RuleBasedSegmentDefinitionSpec = {
  rules: [{ condition: { combiner: 'AND', matchers: [{ type: 'GREATER_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 18 }] } }],
  excludedKeys: ['amy'],
  excludedSegments: [{ name: 'blocked', type: 'standard_segment' }],
};

beforeAll(() => bundleHandler(), 60_000);
afterAll(() => expect(allOutput.join('\n')).not.toContain(API_KEY));

describe('rule-based segments, handler against the strict emulator', () => {
  let em: RunningEmulator;
  let stateDir: string;
  let ws: string;
  beforeAll(async () => {
    em = await startEmulator({
      adminApiKeys: [API_KEY, APPROVER],
      seed: {
        workspaces: [{
          name: 'Default',
          trafficTypes: ['user'],
          environments: [{ name: 'Staging' }, { name: 'Production', production: true, approvalsRequired: true }],
          segments: [{ name: 'blocked', trafficType: 'user', keys: { Staging: ['bob'], Production: ['bob'] } }],
        }],
      },
    });
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-rbs-'));
    ws = (await adminGet(em.adminBaseUrl, '/workspaces?name=Default')).body.objects[0].id;
  }, 60_000);
  afterAll(async () => {
    await em?.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  const spec = (environments: RuleBasedSegmentResourceSpec['environments'], fields: Partial<RuleBasedSegmentResourceSpec> = {}): RuleBasedSegmentResourceSpec => ({
    v: 2,
    kind: 'ruleBasedSegment',
    target: target(em.adminBaseUrl, 5),
    stack: TEST_STACK,
    segmentName: 'adults',
    metadata: { trafficType: 'user', description: 'Of age' },
    removalPolicy: 'destroy',
    existing: 'adopt',
    environments,
    ...fields,
  });
  const staging = (definition: RuleBasedSegmentDefinitionSpec) => ({ environment: 'Staging', removalPolicy: 'destroy' as const, definition });
  const run = (command: string, s: unknown) => runHandler(command, { FME_SPEC: JSON.stringify(s) }, stateDir);
  const reconcile = (previous: InventorySpec, next: InventorySpec) =>
    runHandler('reconcile', { FME_PREVIOUS: JSON.stringify(previous), FME_NEXT: JSON.stringify(next) }, stateDir);
  /** Every rule-based segment of the workspace: name, description, and its definition per environment. */
  const live = async () => {
    const list = (await adminGet(em.adminBaseUrl, `/rule-based-segments/ws/${ws}`)).body as Array<{ name: string; description: string }>;
    const out: Record<string, unknown> = {};
    for (const s of list) {
      const envs: Record<string, unknown> = {};
      for (const env of ['Staging', 'Production']) {
        const d = ((await adminGet(em.adminBaseUrl, `/rule-based-segments/ws/${ws}/environments/${env}`)).body.objects as any[]).find((x) => x.name === s.name);
        if (d) envs[env] = { rules: d.rules, excludedKeys: d.excludedKeys, excludedSegments: d.excludedSegments };
      }
      out[s.name] = { description: s.description, environments: envs };
    }
    return out;
  };

  test('create with rules and exclusions; a second converge writes nothing', async () => {
    const r = await run('converge', spec([staging(adults)]));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[fme] rule-based segment adults: created');
    expect(r.stdout).toContain('[fme] rule-based segment adults / Staging: activated, rules set');
    expect(await live()).toEqual({ adults: { description: `Of age\n[cdktf-fme-owner:${TEST_STACK}]`, environments: { Staging: adults } } });
    const again = await run('converge', spec([staging(adults)]));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/rule-based segment adults \/ Staging: unchanged \(\d+ reads?, 0 writes\)/);
  });

  test('changed rules and exclusions replace the live definition', async () => {
    const next: RuleBasedSegmentDefinitionSpec = {
      rules: [...adults.rules, { condition: { combiner: 'AND', matchers: [{ type: 'IN_LIST_STRING', attribute: 'country', strings: ['US'] }] } }],
      excludedKeys: ['amy', 'zed'],
      excludedSegments: [],
    };
    const r = await run('converge', spec([staging(next)]));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rule-based segment adults / Staging: rules updated');
    expect(await live()).toEqual({ adults: { description: `Of age\n[cdktf-fme-owner:${TEST_STACK}]`, environments: { Staging: next } } });
  });

  test('another stack is refused without a transfer and changes nothing; with transferFrom it converges', async () => {
    const before = await live();
    const other = { ...spec([staging({ ...adults, excludedKeys: [] })]), stack: 'other-stack' };
    const refused = await run('converge', other);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Rule-based segment "adults" is owned by stack "${TEST_STACK}", not by this stack "other-stack"; nothing was changed`);
    expect(await live()).toEqual(before);
    const taken = await run('converge', { ...other, transferFrom: [TEST_STACK] });
    expect(taken.code).toBe(0);
    expect(taken.stdout).toContain(`taken over from stack "${TEST_STACK}"`);
    expect(taken.stdout).toMatch(/warning: Rule-based segment "adults": .*cannot be recorded as its owner in FME/);
    expect(await live()).toEqual({ adults: { description: `Of age\n[cdktf-fme-owner:${TEST_STACK}]`, environments: { Staging: { ...adults, excludedKeys: [] } } } });
  });

  test('an approval-gated environment gets a change request (key ruleBasedSegment), applied once approved', async () => {
    const production = { environment: 'Production', removalPolicy: 'destroy' as const, writeMode: 'changeRequest' as const, definition: adults };
    const r = await run('converge', spec([staging(adults), production]));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/rule-based segment adults \/ Production: change request \S+ submitted/);
    const open = await openChangeRequests(em.adminBaseUrl, (cr) => (cr.ruleBasedSegment as { name?: string } | undefined)?.name === 'adults');
    expect(open).toHaveLength(1);
    expect((await live() as any).adults.environments.Production).toEqual({ rules: [], excludedKeys: [], excludedSegments: [] });
    await decideChangeRequests(em.adminBaseUrl, APPROVER, 'APPROVED', [open[0].id]);
    expect(await live()).toEqual({ adults: { description: `Of age\n[cdktf-fme-owner:${TEST_STACK}]`, environments: { Staging: adults, Production: adults } } });
    const again = await run('converge', spec([staging(adults), production]));
    expect(again.stdout).toMatch(/rule-based segment adults \/ Production: unchanged/);
  });

  test('delete removes the segment; reconcile removes one that left the code; retained ones stay', async () => {
    const del = await run('delete', spec([staging(adults)]));
    expect(del.stderr).toBe('');
    expect(del.code).toBe(0);
    expect(del.stdout).toContain('rule-based segment adults: deleted');
    expect(await live()).toEqual({});

    await run('converge', spec([staging(adults)], { segmentName: 'kept', removalPolicy: 'retain' }));
    await run('converge', spec([staging(adults)], { segmentName: 'gone' }));
    expect(Object.keys(await live()).sort()).toEqual(['gone', 'kept']);
    const previous = inventory(target(em.adminBaseUrl, 5), [
      { t: 'ruleBasedSegment', segment: 'gone', policy: 'destroy' },
      { t: 'ruleBasedSegmentDefinition', segment: 'gone', env: 'Staging', policy: 'destroy' },
      { t: 'ruleBasedSegment', segment: 'kept', policy: 'retain' },
      { t: 'ruleBasedSegmentDefinition', segment: 'kept', env: 'Staging', policy: 'retain' },
    ]);
    const r = await reconcile(previous, inventory(target(em.adminBaseUrl, 5), []));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Object.keys(await live())).toEqual(['kept']);
  });
});
