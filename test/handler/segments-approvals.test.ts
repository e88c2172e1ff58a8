/**
 * Segments in environments that require approvals, and right after activation, against the strict
 * emulator (the default): key changes go through change requests (docs/fme-api.md#change-requests),
 * activation is direct, and key calls right after this run's activation are retried while FME does
 * not show the segment yet (docs/fme-api.md#segments).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  adminGet, allOutput, API_KEY, bundleHandler, decideChangeRequests, inventory, openChangeRequests, runHandler, segmentSpec, target,
} from './harness';
import { FmeClient } from '../../src/client/fme-client';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { HandlerError } from '../../src/handler/errors';
import { whileNotYetVisible } from '../../src/handler/segment/visibility';
import type { InventorySpec, SegmentEnvironmentSpec } from '../../src/spec/resource-spec';

jest.setTimeout(60_000);

const APPROVER_KEY = 'segment-approver-key';
let em: RunningEmulator;
let stateDir: string;
let ws: string;
let envIds: Record<string, string>;

beforeAll(async () => {
  bundleHandler();
  em = await startEmulator({
    adminApiKeys: [API_KEY, APPROVER_KEY],
    seed: {
      workspaces: [{
        name: 'Default',
        trafficTypes: ['user'],
        environments: [
          { name: 'Staging' },
          { name: 'Production', production: true, approvalsRequired: true },
          { name: 'Chosen', approvalsRequired: true, submittersChooseApprovers: true },
        ],
        segments: [{ name: 'shared_seg', trafficType: 'user', keys: { Production: ['theirs', 'mine'] } }],
      }],
    },
  });
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-seg-approvals-'));
  ws = (await adminGet(em.adminBaseUrl, '/workspaces?name=Default')).body.objects[0].id;
  const envs: Array<{ id: string; name: string }> = (await adminGet(em.adminBaseUrl, `/environments/ws/${ws}`)).body;
  envIds = Object.fromEntries(envs.map((e) => [e.name, e.id]));
}, 60_000);

afterAll(async () => {
  await em?.stop();
  fs.rmSync(stateDir, { recursive: true, force: true });
  expect(allOutput.join('\n')).not.toContain(API_KEY);
});

const t = () => target(em.adminBaseUrl, 5);
const run = (command: string, spec: unknown) => runHandler(command, { FME_SPEC: JSON.stringify(spec) }, stateDir);
const gated = (environment: string, fields: Partial<SegmentEnvironmentSpec> = {}): SegmentEnvironmentSpec =>
  ({ environment, removalPolicy: 'destroy', writeMode: 'changeRequest', ...fields });
const keysIn = async (segment: string, env: string): Promise<string[] | undefined> => {
  const r = await adminGet(em.adminBaseUrl, `/segments/${envIds[env]}/${segment}/keys`);
  return r.status === 200 ? r.body.keys.map((k: { key: string }) => k.key).sort() : undefined;
};
const openRequests = async (segment: string) => openChangeRequests(em.adminBaseUrl, (cr) => cr.segment?.name === segment);
const approve = (id: string) => decideChangeRequests(em.adminBaseUrl, APPROVER_KEY, 'APPROVED', [id]);

describe('converge in an approval environment', () => {
  const spec = (keys: string[]) => segmentSpec(t(), 'gated_seg', [gated('Production', { keys })]);

  test('activates directly (even just created), then submits the keys as one CREATE change request', async () => {
    const r = await run('converge', spec(['a', 'b']));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [cr] = await openRequests('gated_seg');
    expect(cr).toMatchObject({
      operationType: 'CREATE',
      segment: { name: 'gated_seg', keys: ['a', 'b'] },
      approvers: [],
      title: 'cdktf-harness-fme: add 2 key(s) to segment gated_seg',
      comment: 'Submitted by cdktf-harness-fme for environment Production',
    });
    expect(r.stdout).toContain(`[fme] segment gated_seg / Production: activated, change request ${cr.id} submitted (CREATE: 2 key(s)); approve it in FME`);
    // The strict emulator hid the just-activated segment from the first two submissions: they were retried.
    expect(em.counters().byRoute['POST /changeRequests/ws/:ws/environments/:env']).toBe(3);
    expect(await keysIn('gated_seg', 'Production')).toEqual([]);
  });

  test('while that request is open, a deploy submits nothing and says so', async () => {
    const r = await run('converge', spec(['a', 'b', 'c']));
    expect(r.code).toBe(0);
    const [cr] = await openRequests('gated_seg');
    expect(r.stdout).toContain(`[fme] warning: segment "gated_seg" in environment "Production": change request ${cr.id} is still open, so 3 key(s) to add were not submitted`);
    expect(r.stdout).toContain(`[fme] segment gated_seg / Production: change request ${cr.id} still open; 3 key(s) to add wait for it`);
    expect(await openRequests('gated_seg')).toHaveLength(1);
  });

  test('a change that adds and removes: additions first; the step fails until the removals are submitted too (one open request at a time)', async () => {
    await approve((await openRequests('gated_seg'))[0].id);
    expect(await keysIn('gated_seg', 'Production')).toEqual(['a', 'b']);

    let r = await run('converge', spec(['b', 'c']));
    let [cr] = await openRequests('gated_seg');
    expect(cr).toMatchObject({ operationType: 'CREATE', segment: { keys: ['c'] } });
    expect(r.stdout).toContain(`[fme] segment gated_seg / Production: change request ${cr.id} submitted (CREATE: 1 key(s)); approve it in FME; 1 key(s) to remove not submitted yet`);
    // The removal is not in any request: the step fails, so that Terraform runs it again.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Segment "gated_seg": 1 key(s) to remove in Production (after change request ${cr.id}) were not submitted`);
    await approve(cr.id);

    r = await run('converge', spec(['b', 'c']));
    expect(r.code).toBe(0);
    [cr] = await openRequests('gated_seg');
    expect(cr).toMatchObject({ operationType: 'ARCHIVE', segment: { keys: ['a'] }, title: 'cdktf-harness-fme: remove 1 key(s) from segment gated_seg' });
    await approve(cr.id);
    expect(await keysIn('gated_seg', 'Production')).toEqual(['b', 'c']);

    em.resetCounters();
    r = await run('converge', spec(['b', 'c']));
    expect(r.stdout).toContain('[fme] segment gated_seg / Production: unchanged');
    expect(em.counters().writes).toBe(0);
  });

  test('title, comment and approvers come from the change details', async () => {
    const r = await run('converge', segmentSpec(t(), 'chosen_seg', [
      gated('Chosen', { keys: ['x'], changeDetails: { title: 'Beta wave 2', comment: 'JIRA-12', approvers: ['lead@example.com'] } }),
    ]));
    expect(r.stderr).toBe('');
    const [cr] = await openRequests('chosen_seg');
    expect(cr).toMatchObject({ title: 'Beta wave 2', comment: 'JIRA-12', approvers: ['lead@example.com'], segment: { keys: ['x'] } });
  });

  test('a refused submission fails the deploy with FME\'s reason and what to do', async () => {
    // "Chosen" lets submitters choose approvers: FME refuses a request that names none.
    const r = await run('converge', segmentSpec(t(), 'no_approver_seg', [gated('Chosen', { keys: ['x'] })]));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('HTTP 400');
    expect(r.stderr).toContain('FME refused the change request to add 1 key(s) to segment "no_approver_seg" in environment "Chosen"; nothing was changed');
    expect(r.stderr).toContain('name them with FmeConfig approvers for this environment');
    expect(await openRequests('no_approver_seg')).toHaveLength(0);
  });

  test('failUntilApproved: the deploy fails while the keys wait, and succeeds once they are in FME', async () => {
    const strictSpec = segmentSpec(t(), 'strict_seg', [
      { environment: 'Staging', removalPolicy: 'destroy', keys: ['s'] }, gated('Production', { keys: ['p'], changeDetails: { failUntilApproved: true } }),
    ]);
    const first = await run('converge', strictSpec);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('[fme] segment strict_seg / Staging: activated, 1 key(s) added');
    expect(first.stderr).toContain('Segment "strict_seg" waits for approval in Production: its keys are not in FME yet.');
    // The re-run Terraform makes after the failure finds the request open: still failing, nothing new submitted.
    expect((await run('converge', strictSpec)).code).toBe(1);
    expect(await openRequests('strict_seg')).toHaveLength(1);
    await approve((await openRequests('strict_seg'))[0].id);
    const after = await run('converge', strictSpec);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('[fme] segment strict_seg / Production: unchanged');
  });

  test('direct writes in an approval environment fail with the setting to change', async () => {
    const r = await run('converge', segmentSpec(t(), 'shared_seg', [{ environment: 'Production', removalPolicy: 'destroy', addKeys: ['new'] }], { metadata: undefined }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('HTTP 403 Approvals are required');
    expect(r.stderr).toContain('Environment "Production" requires approvals for segment key changes: add it to approvalEnvironments on the FmeConfig');
  });
});

describe('removal in an approval environment', () => {
  test('destroy of an owned segment deletes it without a change request (deleting a segment needs none)', async () => {
    const spec = segmentSpec(t(), 'doomed_seg', [
      { environment: 'Staging', removalPolicy: 'destroy', keys: ['s1'] }, gated('Production', { keys: ['p1'] }),
    ]);
    expect((await run('converge', spec)).code).toBe(0);
    await approve((await openRequests('doomed_seg'))[0].id);
    expect(await keysIn('doomed_seg', 'Production')).toEqual(['p1']);

    const r = await run('delete', spec);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[fme] segment doomed_seg / Staging: removed from environment');
    expect(r.stdout).toContain('[fme] segment doomed_seg / Production: left to the deletion of the segment');
    expect(r.stdout).toContain('[fme] segment doomed_seg: deleted');
    expect(await openRequests('doomed_seg')).toHaveLength(0);
    expect((await adminGet(em.adminBaseUrl, `/segments/ws/${ws}/doomed_seg`)).status).toBe(404);
  });

  test('an approval environment leaving a segment that stays: its keys go through an ARCHIVE change request', async () => {
    const spec = segmentSpec(t(), 'staying_seg', [
      { environment: 'Staging', removalPolicy: 'destroy', keys: ['s1'] }, gated('Production', { keys: ['p1', 'p2'] }),
    ]);
    expect((await run('converge', spec)).code).toBe(0);
    await approve((await openRequests('staying_seg'))[0].id);
    const inv = (objects: InventorySpec['objects']): InventorySpec => inventory(t(), objects);
    const r = await runHandler('reconcile', {
      FME_PREVIOUS: JSON.stringify(inv([
        { t: 'segment', segment: 'staying_seg', policy: 'destroy' },
        { t: 'segmentDefinition', segment: 'staying_seg', env: 'Staging', policy: 'destroy' },
        { t: 'segmentDefinition', segment: 'staying_seg', env: 'Production', policy: 'destroy' },
      ])),
      FME_NEXT: JSON.stringify(inv([
        { t: 'segment', segment: 'staying_seg', policy: 'destroy' },
        { t: 'segmentDefinition', segment: 'staying_seg', env: 'Staging', policy: 'destroy' },
      ])),
    }, stateDir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [cr] = await openRequests('staying_seg');
    expect(cr).toMatchObject({ operationType: 'ARCHIVE', segment: { keys: ['p1', 'p2'] } });
    expect(r.stdout).toContain(`[fme] segment staying_seg / Production: change request ${cr.id} submitted to remove 2 key(s); approve it in FME`);
    await approve(cr.id);
    expect(await keysIn('staying_seg', 'Production')).toEqual([]);
  });

  test('a segment managed elsewhere: destroy takes out only the declared keys, through a change request', async () => {
    const spec = segmentSpec(t(), 'shared_seg', [gated('Production', { addKeys: ['mine'] })], { metadata: undefined });
    const r = await run('delete', spec);
    expect(r.stderr).toBe('');
    const [cr] = await openRequests('shared_seg');
    expect(cr).toMatchObject({ operationType: 'ARCHIVE', segment: { keys: ['mine'] } });
    expect(r.stdout).toContain('the declared keys leave once it is approved');
    await approve(cr.id);
    expect(await keysIn('shared_seg', 'Production')).toEqual(['theirs']);
  });
});

describe('activation lag (strict emulator: the first key calls after an activation answer 404)', () => {
  test('a direct converge right after creation retries the upload and succeeds', async () => {
    em.resetCounters();
    const r = await run('converge', segmentSpec(t(), 'fresh_seg', [{ environment: 'Staging', removalPolicy: 'destroy', keys: ['a', 'b'] }]));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[fme] segment fresh_seg / Staging: activated, 2 key(s) added');
    expect(em.counters().byRoute['PUT /segments/:env/:name/uploadKeys']).toBe(3);
    expect(await keysIn('fresh_seg', 'Staging')).toEqual(['a', 'b']);
  });

  test('retries are bounded and end in an error that says what happened', async () => {
    const client = new FmeClient({ baseUrl: em.adminBaseUrl, apiKeyEnvVar: 'KEY', env: { KEY: API_KEY }, maxRetrySeconds: 5 });
    await client.createSegment(ws, 'user', 'never_active');
    let calls = 0;
    const upload = () => { calls++; return client.uploadSegmentKeys(envIds.Staging, 'never_active', ['k'], false, 'Staging'); };
    const failure = whileNotYetVisible('segment "never_active" in environment "Staging"', true, upload, [1, 1, 1]);
    await expect(failure).rejects.toThrow(HandlerError);
    await expect(failure).rejects.toThrow(/HTTP 404.*FME still does not show segment "never_active" in environment "Staging" 0\.0 s after this run activated it/);
    expect(calls).toBe(4);
    // A segment this run did not activate gets no retries: a 404 there is a real error.
    calls = 0;
    await expect(whileNotYetVisible('segment "never_active"', false, upload, [1, 1, 1])).rejects.toThrow(/HTTP 404/);
    expect(calls).toBe(1);
  });
});
