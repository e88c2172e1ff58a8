/**
 * The segment ownership record against both emulator modes (docs/ownership.md): in `lenient`,
 * FME takes tags on segments and they are the record; in `strict` (the default), the tags endpoint
 * answers 404 for segments and the owner marker in the description, written at creation, is the
 * record. The handler must work either way.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { adminGet, allOutput, API_KEY, bundleHandler, inventory, runHandler, segmentSpec, target } from './harness';
import { EmulatorStrictness, RunningEmulator, startEmulator } from '../../src/emulator';
import type { InventorySpec } from '../../src/spec/resource-spec';

jest.setTimeout(60_000);

const TAGS_ROUTE = 'POST /tags/ws/:ws/object/:name/objecttype/:type';

beforeAll(() => bundleHandler(), 60_000);
afterAll(() => expect(allOutput.join('\n')).not.toContain(API_KEY));

describe.each<EmulatorStrictness>(['strict', 'lenient'])('segment ownership, %s emulator', (strictness) => {
  let em: RunningEmulator;
  let stateDir: string;
  let ws: string;
  beforeAll(async () => {
    em = await startEmulator({
      adminApiKeys: [API_KEY],
      strictness,
      seed: {
        workspaces: [{
          name: 'Default',
          trafficTypes: ['user'],
          environments: [{ name: 'Staging' }, { name: 'Production', production: true }],
          segments: [{ name: 'by_hand', trafficType: 'user', keys: { Production: ['h1'] } }],
        }],
      },
    });
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `fme-seg-owner-${strictness}-`));
    ws = (await adminGet(em.adminBaseUrl, '/workspaces?name=Default')).body.objects[0].id;
  }, 60_000);
  afterAll(async () => {
    await em?.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  const t = () => target(em.adminBaseUrl, 5);
  const run = (command: string, spec: unknown) => runHandler(command, { FME_SPEC: JSON.stringify(spec) }, stateDir);
  const reconcile = (previous: InventorySpec, next: InventorySpec) =>
    runHandler('reconcile', { FME_PREVIOUS: JSON.stringify(previous), FME_NEXT: JSON.stringify(next) }, stateDir);
  const segment = async (name: string) => adminGet(em.adminBaseUrl, `/segments/ws/${ws}/${name}`);
  const tagNames = (body: { tags?: Array<{ name: string }> | null }) => (body.tags ?? []).map((x) => x.name).sort();
  const spec = (name: string, stack: string, fields: Record<string, unknown> = {}) =>
    segmentSpec(t(), name, [{ environment: 'Production', removalPolicy: 'destroy', keys: ['k1'] }], { stack, ...fields });

  test('a new segment carries the marker after the user\'s description; the tags are the record where FME takes them', async () => {
    const r = await run('converge', spec('seg_new', 'a', { metadata: { trafficType: 'user', description: 'Beta users' } }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[fme] segment seg_new: created');
    expect(r.stdout).not.toContain('warning');
    const live = (await segment('seg_new')).body;
    expect(live.description).toBe('Beta users\n[cdktf-fme-owner:a]');
    if (strictness === 'strict') expect('tags' in live).toBe(false);
    else expect(tagNames(live)).toEqual(['cdktf-fme-managed', 'cdktf-fme-owner:a']);
    // The tag write was tried (refused with 404 in strict, and the deploy went on).
    expect(em.counters().byRoute[TAGS_ROUTE]).toBe(1);
  });

  test('the tag write is tried once per workspace when FME refuses segment tags', async () => {
    em.resetCounters();
    const first = await run('converge', spec('seg_two', 'a'));
    const second = await run('converge', spec('seg_three', 'a'));
    expect([first.code, second.code]).toEqual([0, 0]);
    // The first create of this describe block already learned the answer (shared cache).
    expect(em.counters().byRoute[TAGS_ROUTE] ?? 0).toBe(strictness === 'strict' ? 0 : 2);
    // A re-run of a recorded segment writes nothing at all.
    em.resetCounters();
    const again = await run('converge', spec('seg_two', 'a'));
    expect(again.stdout).toContain('[fme] segment seg_two: unchanged');
    expect(em.counters().writes).toBe(0);
  });

  test('another stack is refused; transferFrom takes it over (recorded only where FME takes tags)', async () => {
    const refused = await run('converge', spec('seg_new', 'b'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Segment "seg_new" is owned by stack "a", not by this stack "b"');
    const taken = await run('converge', spec('seg_new', 'b', { transferFrom: ['a'] }));
    expect(taken.code).toBe(0);
    expect(taken.stdout).toContain('[fme] segment seg_new: taken over from stack "a"');
    const live = (await segment('seg_new')).body;
    if (strictness === 'strict') {
      expect(taken.stdout).toContain('stack "b" cannot be recorded as its owner in FME; the record lives only in this stack\'s inventory');
      expect(taken.stdout).toContain('FME still names stack "a": keep transferFrom: \'a\' on the Segment');
      expect(live.description).toBe('Beta users\n[cdktf-fme-owner:a]');
    } else {
      expect(taken.stdout).not.toContain('warning');
      expect(tagNames(live)).toEqual(['cdktf-fme-managed', 'cdktf-fme-owner:b']);
    }
  });

  test('the old owner removing it: lenient leaves it to the new owner; strict needs RETAIN (the documented limit)', async () => {
    const asA = (objects: InventorySpec['objects']) => ({ ...inventory(t(), objects), stack: 'a' });
    const policy = strictness === 'strict' ? 'retain' : 'destroy';
    const r = await reconcile(asA([
      { t: 'segment', segment: 'seg_new', policy }, { t: 'segmentDefinition', segment: 'seg_new', env: 'Production', policy },
    ]), asA([]));
    expect(r.code).toBe(0);
    if (strictness === 'lenient') expect(r.stdout).toContain('[fme] segment seg_new: left in place, owned by stack "b"');
    expect(r.stdout).not.toContain('deleted');
    expect((await segment('seg_new')).status).toBe(200);
  });

  test('adopting a segment made by hand: recorded by tags, or a warning that FME cannot record it', async () => {
    const adopt = await run('converge', spec('by_hand', 'a', { existing: 'adopt' }));
    expect(adopt.code).toBe(0);
    expect(adopt.stdout).toContain('[fme] segment by_hand: adopted');
    const live = (await segment('by_hand')).body;
    // An existing segment's description cannot be changed: no marker is added.
    expect(live.description ?? '').not.toContain('cdktf-fme-owner');
    const failPolicy = await run('converge', spec('by_hand', 'a', { existing: 'fail' }));
    if (strictness === 'strict') {
      expect(adopt.stdout).toContain('[fme] warning: Segment "by_hand": FME takes no tags on segments in this workspace');
      expect(adopt.stdout).toContain('so this stack\'s destroy leaves it and its keys in place');
      expect(failPolicy.code).toBe(1);
      expect(failPolicy.stderr).toContain('Segment "by_hand" already exists in FME and was not created by cdktf-harness-fme');
    } else {
      expect(tagNames(live)).toEqual(['cdktf-fme-managed', 'cdktf-fme-owner:a']);
      expect(failPolicy.code).toBe(0);
    }
  });

  test('destroy by the recorded owner deletes the segment', async () => {
    const r = await run('delete', spec('seg_two', 'a'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('[fme] segment seg_two: deleted');
    expect((await segment('seg_two')).status).toBe(404);
  });
});
