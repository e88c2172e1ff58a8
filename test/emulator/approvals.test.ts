import { APPROVER_KEY, admin, onOff, start } from './helpers';
import { RunningEmulator } from '../../src/emulator';

const SEED = {
  workspaces: [{
    name: 'Default',
    environments: [{ name: 'Staging' }, { name: 'Production', production: true, approvalsRequired: true }],
    trafficTypes: ['user'],
    flags: [{ name: 'gated', trafficType: 'user' }, { name: 'other', trafficType: 'user' }],
    segments: [{ name: 'vips', trafficType: 'user', keys: { Production: ['v1'] } }],
  }],
};
const PROD = '/splits/ws/Default/gated/environments/Production';

describe('approvals and change requests', () => {
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await start({ seed: SEED }); });
  afterAll(() => emu.stop());

  test('direct writes to an approvals environment are 403 Approvals are required', async () => {
    const create = await admin(emu, 'POST', PROD, onOff());
    expect(create.status).toBe(403);
    expect(create.body.message).toMatch(/^Approvals are required\. orgId=\S+ envId=\S+/);
    expect((await admin(emu, 'PUT', '/segments/Production/vips/uploadKeys?replace=false', { keys: ['v2'], comment: 'c' })).status).toBe(403);
    expect((await admin(emu, 'PUT', '/segments/Production/vips/removeKeys', { keys: ['v1'], comment: 'c' })).status).toBe(403);
    // Staging has no approvals.
    expect((await admin(emu, 'POST', '/splits/ws/Default/gated/environments/Staging', onOff())).status).toBe(200);
  });

  test('a CREATE change request approved by another key applies the definition', async () => {
    const submitted = await admin(emu, 'POST', '/changeRequests/ws/Default/environments/Production', {
      split: { name: 'gated', ...onOff({ defaultRule: [{ treatment: 'on', size: 100 }] }) },
      operationType: 'CREATE',
      title: 'create gated',
      comment: 'please',
      approvers: [],
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'REQUESTED', operationType: 'CREATE', title: 'create gated', split: { name: 'gated' } });
    const id = submitted.body.id;
    expect((await admin(emu, 'GET', PROD)).status).toBe(404);

    expect((await admin(emu, 'GET', '/changeRequests')).body.data.map((c: { id: string }) => c.id)).toContain(id);
    expect((await admin(emu, 'GET', `/changeRequests/${id}`)).body.status).toBe('REQUESTED');

    // A second open request for the same flag and environment is refused.
    expect((await admin(emu, 'POST', '/changeRequests/ws/Default/environments/Production', {
      split: { name: 'gated', ...onOff() }, operationType: 'CREATE', title: 't', comment: 'c',
    })).status).toBe(409);

    const self = await admin(emu, 'PUT', `/changeRequests/${id}`, { status: 'APPROVED', comment: 'me' });
    expect(self.status).toBe(403);
    expect(self.body.message).toMatch(/submitter .* cannot approve/);

    const approved = await admin(emu, 'PUT', `/changeRequests/${id}`, { status: 'APPROVED', comment: 'ok' }, { key: APPROVER_KEY });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('PUBLISHED');
    const def = await admin(emu, 'GET', PROD);
    expect(def.status).toBe(200);
    expect(def.body.defaultRule).toEqual([{ treatment: 'on', size: 100 }]);
    expect((await admin(emu, 'PUT', `/changeRequests/${id}`, { status: 'APPROVED' }, { key: APPROVER_KEY })).status).toBe(409);
    expect((await admin(emu, 'GET', '/changeRequests?status=PUBLISHED')).body.data.map((c: { id: string }) => c.id)).toContain(id);
  });

  test('UPDATE, KILL, RESTORE and ARCHIVE go through change requests', async () => {
    const submitAndApprove = async (body: Record<string, unknown>) => {
      const s = await admin(emu, 'POST', '/changeRequests/ws/Default/environments/Production', { title: 't', comment: 'c', ...body });
      expect(s.status).toBe(200);
      const a = await admin(emu, 'PUT', `/changeRequests/${s.body.id}`, { status: 'APPROVED' }, { key: APPROVER_KEY });
      expect(a.body.status).toBe('PUBLISHED');
    };
    const created = (await admin(emu, 'GET', PROD)).body;
    await submitAndApprove({ split: { name: 'gated', ...onOff({ trafficAllocation: 30 }) }, operationType: 'UPDATE' });
    const updated = (await admin(emu, 'GET', PROD)).body;
    expect(updated.trafficAllocation).toBe(30);
    expect(updated.creationTime).toBe(created.creationTime);
    await submitAndApprove({ split: { name: 'gated' }, operationType: 'KILL' });
    expect((await admin(emu, 'GET', PROD)).body.killed).toBe(true);
    expect((await admin(emu, 'PUT', `${PROD}/restore`)).status).toBe(403);
    // Strict mode requires the rollout status on RESTORE (unconfirmed; FME's published examples send it).
    const noStatus = await admin(emu, 'POST', '/changeRequests/ws/Default/environments/Production', { title: 't', comment: 'c', split: { name: 'gated' }, operationType: 'RESTORE' });
    expect([noStatus.status, noStatus.body.message]).toEqual([400, 'rolloutStatus is required for a RESTORE change request']);
    const statuses = (await admin(emu, 'GET', '/rolloutStatuses?wsId=Default')).body;
    await submitAndApprove({ split: { name: 'gated' }, operationType: 'RESTORE', rolloutStatus: { id: statuses[0].id } });
    expect((await admin(emu, 'GET', PROD)).body.killed).toBe(false);
    await submitAndApprove({ split: { name: 'gated' }, operationType: 'ARCHIVE' });
    expect((await admin(emu, 'GET', PROD)).status).toBe(404);
  });

  test('segment key changes go through change requests', async () => {
    const s = await admin(emu, 'POST', '/changeRequests/ws/Default/environments/Production', {
      segment: { name: 'vips', keys: ['v2', 'v3'] }, operationType: 'CREATE', title: 't', comment: 'c',
    });
    expect(s.status).toBe(200);
    expect((await admin(emu, 'GET', '/segments/Production/vips/keys')).body).toMatchObject({ count: 1, openChangeRequestId: s.body.id });
    await admin(emu, 'PUT', `/changeRequests/${s.body.id}`, { status: 'APPROVED' }, { key: APPROVER_KEY });
    expect((await admin(emu, 'GET', '/segments/Production/vips/keys')).body.keys.map((k: { key: string }) => k.key).sort()).toEqual(['v1', 'v2', 'v3']);
    const rm = await admin(emu, 'POST', '/changeRequests/ws/Default/environments/Production', {
      segment: { name: 'vips', keys: ['v1'] }, operationType: 'ARCHIVE', title: 't', comment: 'c',
    });
    await admin(emu, 'PUT', `/changeRequests/${rm.body.id}`, { status: 'APPROVED' }, { key: APPROVER_KEY });
    expect((await admin(emu, 'GET', '/segments/Production/vips/keys')).body.keys.map((k: { key: string }) => k.key).sort()).toEqual(['v2', 'v3']);
  });

  test('change requests are validated when submitted', async () => {
    const cr = (body: Record<string, unknown>) => admin(emu, 'POST', '/changeRequests/ws/Default/environments/Production', { title: 't', comment: 'c', ...body });
    expect((await cr({ split: { name: 'other', ...onOff({ defaultRule: [{ treatment: 'on', size: 50 }] }) }, operationType: 'CREATE' })).status).toBe(400);
    expect((await cr({ split: { name: 'other' }, operationType: 'KILL' })).status).toBe(404);
    expect((await cr({ split: { name: 'ghost', ...onOff() }, operationType: 'CREATE' })).status).toBe(404);
    expect((await cr({ split: { name: 'other', ...onOff() }, operationType: 'EXPLODE' })).status).toBe(400);
    expect((await cr({ operationType: 'CREATE' })).status).toBe(400);
    expect((await cr({ segment: { name: 'ghost', keys: [] }, operationType: 'CREATE' })).status).toBe(404);
  });

  test('reject (by another key) and withdraw (by the submitter) leave the environment unchanged', async () => {
    const cr = async () => (await admin(emu, 'POST', '/changeRequests/ws/Default/environments/Production', {
      split: { name: 'other', ...onOff() }, operationType: 'CREATE', title: 't', comment: 'c',
    })).body.id as string;
    const a = await cr();
    expect((await admin(emu, 'PUT', `/changeRequests/${a}`, { status: 'REJECTED' })).status).toBe(403);
    expect((await admin(emu, 'PUT', `/changeRequests/${a}`, { status: 'REJECTED' }, { key: APPROVER_KEY })).body.status).toBe('REJECTED');
    const b = await cr();
    expect((await admin(emu, 'PUT', `/changeRequests/${b}`, { status: 'WITHDRAWN' }, { key: APPROVER_KEY })).status).toBe(403);
    expect((await admin(emu, 'PUT', `/changeRequests/${b}`, { status: 'WITHDRAWN' })).body.status).toBe('WITHDRAWN');
    expect((await admin(emu, 'PUT', `/changeRequests/${b}`, { status: 'MAYBE' })).status).toBe(409);
    expect((await admin(emu, 'GET', '/splits/ws/Default/other/environments/Production')).status).toBe(404);
    expect((await admin(emu, 'GET', '/changeRequests/nope')).status).toBe(404);
  });

  test('the change request list pages with markers and filters by status and environment', async () => {
    const all = (await admin(emu, 'GET', '/changeRequests?status=PUBLISHED&limit=1000')).body;
    expect(all.count).toBeGreaterThanOrEqual(6);
    expect(all.limit).toBe(100);
    const first = (await admin(emu, 'GET', '/changeRequests?status=PUBLISHED&limit=2')).body;
    expect(first.data).toHaveLength(2);
    expect(first.previousMarker).toBeNull();
    const second = (await admin(emu, 'GET', `/changeRequests?status=PUBLISHED&limit=2&after=${first.nextMarker}`)).body;
    expect(second.data[0].id).toBe(all.data[2].id);
    expect(second.previousMarker).toBe(first.data[1].id);
    expect((await admin(emu, 'GET', '/changeRequests?status=PUBLISHED&environmentId=Staging')).body.data).toEqual([]);
  });

  test('an approval that can no longer apply fails and leaves the request open', async () => {
    const s = await admin(emu, 'POST', '/changeRequests/ws/Default/environments/Production', {
      split: { name: 'other', ...onOff() }, operationType: 'CREATE', title: 't', comment: 'c',
    });
    await admin(emu, 'DELETE', '/splits/ws/Default/other');
    const a = await admin(emu, 'PUT', `/changeRequests/${s.body.id}`, { status: 'APPROVED' }, { key: APPROVER_KEY });
    expect(a.status).toBe(404);
    expect((await admin(emu, 'GET', `/changeRequests/${s.body.id}`)).body.status).toBe('REQUESTED');
  });
});

describe('workspaces that require a title and comment', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start({ seed: { workspaces: [{ name: 'Strict', requiresTitleAndComments: true, environments: [{ name: 'Dev' }], trafficTypes: ['user'], flags: [{ name: 'f', trafficType: 'user' }] }] } });
  });
  afterAll(() => emu.stop());
  const DEF = '/splits/ws/Strict/f/environments/Dev';

  test('writes without title/comment get an empty 400; with them they succeed', async () => {
    const missing = await admin(emu, 'POST', DEF, onOff());
    expect(missing.status).toBe(400);
    expect(missing.text).toBe('');
    expect((await admin(emu, 'POST', DEF, onOff({ title: 't', comment: 'c' }))).status).toBe(200);
    expect((await admin(emu, 'PATCH', DEF, [{ op: 'replace', path: '/trafficAllocation', value: 5 }])).status).toBe(400);
    expect((await admin(emu, 'PATCH', `${DEF}?title=t&comment=c`, [{ op: 'replace', path: '/trafficAllocation', value: 5 }])).status).toBe(200);
    expect((await admin(emu, 'PUT', `${DEF}/kill`)).status).toBe(400);
    expect((await admin(emu, 'PUT', `${DEF}/kill`, { title: 't', comment: 'c' })).status).toBe(200);
    expect((await admin(emu, 'DELETE', DEF)).status).toBe(400);
    expect((await admin(emu, 'DELETE', `${DEF}?title=t&comment=c`)).status).toBe(200);
  });
});
