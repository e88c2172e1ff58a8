/**
 * The large segment handler against the strict emulator (docs/fme-api.md#large-segments): create,
 * upload through an UPLOAD change request and its pre-signed URL, re-upload only when the keys
 * file changed, approval-gated environments, ownership, deletion and reconcile.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { allOutput, API_KEY, bundleHandler, inventory, runHandler, target, TEST_STACK } from './harness';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import type { LargeSegmentEnvironmentSpec, LargeSegmentResourceSpec } from '../../src/spec/resource-spec';

jest.setTimeout(120_000);

const APPROVER = 'large-segment-approver-key';

beforeAll(() => bundleHandler(), 60_000);
afterAll(() => expect(allOutput.join('\n')).not.toContain(API_KEY));

let em: RunningEmulator;
let stateDir: string;
beforeAll(async () => {
  em = await startEmulator({
    adminApiKeys: [API_KEY, APPROVER],
    seed: {
      workspaces: [{
        name: 'Default',
        trafficTypes: ['user'],
        environments: [{ name: 'Staging' }, { name: 'Production', production: true, approvalsRequired: true }],
      }],
    },
  });
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-large-segments-'));
}, 60_000);
afterAll(async () => {
  await em?.stop();
  fs.rmSync(stateDir, { recursive: true, force: true });
});

/** Writes a keys file as synthesis does (named by content) and returns the environment part. */
function keys(environment: string, list: string[], fields: Partial<LargeSegmentEnvironmentSpec> = {}): LargeSegmentEnvironmentSpec {
  const content = `${list.join('\n')}\n`;
  const sha256 = createHash('sha256').update(content).digest('hex');
  const keysFile = path.join(stateDir, `${sha256}.csv`);
  fs.writeFileSync(keysFile, content);
  return { environment, removalPolicy: 'destroy', keysFile, sha256, keyCount: list.length, ...fields };
}

function spec(name: string, environments: LargeSegmentEnvironmentSpec[], fields: Partial<LargeSegmentResourceSpec> = {}): LargeSegmentResourceSpec {
  return {
    v: 2,
    kind: 'largeSegment',
    target: target(em.adminBaseUrl, 5),
    stack: TEST_STACK,
    segmentName: name,
    metadata: { trafficType: 'user', description: 'VIPs' },
    removalPolicy: 'destroy',
    existing: 'adopt',
    environments,
    ...fields,
  };
}

const run = (command: string, s: unknown) => runHandler(command, { FME_SPEC: JSON.stringify(s) }, stateDir);
const state = async () => (await fetch(`${em.url}/__emulator/state`)).json() as Promise<any>;
const membership = async (env: string, key: string) =>
  ((await (await fetch(`${em.url}/api/memberships/${key}`, { headers: { Authorization: `Bearer sdk-${env}` } })).json()) as any).ls.k.map((x: any) => x.n);

/** What the emulator holds: large segments with their tags, and keys per environment. */
async function stored(): Promise<unknown> {
  const s = await state();
  return {
    largeSegments: s.largeSegments.map((l: any) => ({ name: l.name, description: l.description, tags: l.tags })),
    environments: s.largeSegmentEnvironments.map((le: any) => ({
      segment: s.largeSegments.find((l: any) => l.id === le.largeSegmentId).name,
      env: s.environments.find((e: any) => e.id === le.environmentId).name,
      keys: le.keys,
    })),
  };
}

const envId = async (name: string) => (await state()).environments.find((e: any) => e.name === name).id;
const digest = (part: LargeSegmentEnvironmentSpec) => part.sha256.slice(0, 16);
const changeRequests = async () => (await state()).changeRequests.length;

describe('large segments', () => {
  test('create, define and upload; the keys record lands in the tags; the object set is exact', async () => {
    const staging = keys('Staging', ['u1', 'u2', 'u3']);
    const r = await run('converge', spec('vip', [staging]));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('large segment vip / Staging: uploaded 3/3 keys');
    expect(await stored()).toEqual({
      largeSegments: [{
        name: 'vip',
        description: `VIPs\n[cdktf-fme-owner:${TEST_STACK}]`,
        tags: [`cdktf-fme-keys:${await envId('Staging')}:${digest(staging)}`, 'cdktf-fme-managed', `cdktf-fme-owner:${TEST_STACK}`].sort(),
      }],
      environments: [{ segment: 'vip', env: 'Staging', keys: ['u1', 'u2', 'u3'] }],
    });
    expect(await membership('Staging', 'u2')).toEqual(['vip']);
  });

  test('an unchanged keys file is not uploaded again; a changed one is', async () => {
    const before = await changeRequests();
    const same = await run('converge', spec('vip', [keys('Staging', ['u1', 'u2', 'u3'])]));
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/large segment vip \/ Staging: .*keys unchanged \(sha256 [0-9a-f]{16}\)/);
    expect(await changeRequests()).toBe(before);

    const changed = keys('Staging', ['u9']);
    const r = await run('converge', spec('vip', [changed]));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('uploaded 1/1 keys');
    expect(await changeRequests()).toBe(before + 1);
    expect(await membership('Staging', 'u9')).toEqual(['vip']);
    expect(await membership('Staging', 'u1')).toEqual([]);
    expect((await stored() as any).largeSegments[0].tags).toContain(`cdktf-fme-keys:${await envId('Staging')}:${digest(changed)}`);
  });

  test('long uploads report progress', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `user-${i}`);
    const r = await run('converge', spec('vip', [keys('Staging', many)]));
    expect(r.code).toBe(0);
    expect(r.stdout.match(/uploaded \d+\/100000 keys/g)).toEqual(['uploaded 40000/100000 keys', 'uploaded 80000/100000 keys', 'uploaded 100000/100000 keys']);
    expect(await membership('Staging', 'user-99999')).toEqual(['vip']);
  });

  test('a keys file edited after synth is refused before anything is uploaded', async () => {
    const part = keys('Staging', ['edited']);
    fs.writeFileSync(part.keysFile, 'other\n');
    const before = await changeRequests();
    const r = await run('converge', spec('vip', [part]));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/changed after synth/);
    expect(await changeRequests()).toBe(before);
  });

  test('approval-gated environments: the upload waits for approval, then counts as done', async () => {
    const prod = keys('Production', ['p1'], { writeMode: 'changeRequest', changeDetails: { failUntilApproved: true } });
    const first = await run('converge', spec('vip', [prod]));
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/waits for approval in Production/);
    const pending = (await state()).changeRequests.filter((c: any) => c.status === 'REQUESTED');
    expect(pending).toHaveLength(1);
    expect(await membership('Production', 'p1')).toEqual([]);
    const prodId = await envId('Production');
    expect((await stored() as any).largeSegments[0].tags).toContain(`cdktf-fme-keys:${prodId}:${digest(prod)}:${pending[0].id}`);

    const again = await run('converge', spec('vip', [prod]));
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(`change request ${pending[0].id} (1 keys) still waits for approval`);
    expect((await state()).changeRequests.filter((c: any) => c.status === 'REQUESTED')).toHaveLength(1);

    const approve = await fetch(`${em.adminBaseUrl}/changeRequests/${pending[0].id}`, {
      method: 'PUT', headers: { 'x-api-key': APPROVER, 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'APPROVED' }),
    });
    expect(approve.status).toBe(200);
    expect(await membership('Production', 'p1')).toEqual(['vip']);
    const done = await run('converge', spec('vip', [prod]));
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/keys unchanged \(sha256 [0-9a-f]{16}, change request .* published\)/);
    expect((await stored() as any).largeSegments[0].tags).toContain(`cdktf-fme-keys:${prodId}:${digest(prod)}`);
  });

  test('another stack may not take it without a transfer', async () => {
    const other = spec('vip', [keys('Staging', ['o1'])], { stack: 'other-stack' });
    const refused = await run('converge', other);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Large segment "vip" is owned by stack "handler-test", not by this stack "other-stack"; nothing was changed/);
    expect(await membership('Staging', 'o1')).toEqual([]);
    const taken = await run('converge', { ...other, transferFrom: [TEST_STACK] });
    expect(taken.code).toBe(0);
    expect(taken.stdout).toContain('taken over from stack "handler-test"');
    expect((await stored() as any).largeSegments[0].tags).toContain('cdktf-fme-owner:other-stack');
    // Back to the test stack for the next steps.
    expect((await run('converge', spec('vip', [keys('Staging', ['u1'])], { transferFrom: ['other-stack'] }))).code).toBe(0);
  });

  test('reconcile takes it out of an environment that left the code; delete removes it', async () => {
    const t = target(em.adminBaseUrl, 5);
    const previous = inventory(t, [
      { t: 'largeSegment', segment: 'vip', policy: 'destroy' },
      { t: 'largeSegmentDefinition', segment: 'vip', env: 'Production', policy: 'destroy' },
      { t: 'largeSegmentDefinition', segment: 'vip', env: 'Staging', policy: 'destroy' },
    ]);
    const next = inventory(t, previous.objects.filter((o) => !('env' in o && o.env === 'Production')));
    const r = await runHandler('reconcile', { FME_PREVIOUS: JSON.stringify(previous), FME_NEXT: JSON.stringify(next) }, stateDir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('large segment vip / Production');
    const after = await stored() as any;
    expect(after.environments).toEqual([{ segment: 'vip', env: 'Staging', keys: ['u1'] }]);
    expect(after.largeSegments[0].tags.filter((x: string) => x.startsWith('cdktf-fme-keys:'))).toEqual([`cdktf-fme-keys:${await envId('Staging')}:${createHash('sha256').update('u1\n').digest('hex').slice(0, 16)}`]);

    const del = await run('delete', spec('vip', [keys('Staging', ['u1'])]));
    expect(del.code).toBe(0);
    expect(del.stdout).toContain('large segment vip: deleted');
    expect(await stored()).toEqual({ largeSegments: [], environments: [] });
    expect(await membership('Staging', 'u1')).toEqual([]);
  });
});
