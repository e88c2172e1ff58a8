import { admin, createFlag, onOff, start } from './helpers';
import { RunningEmulator } from '../../src/emulator';

/**
 * The fidelity rows of src/emulator/README.md that are not about segments: confirmed rules in both
 * modes, unconfirmed ones only in `strict` (the default).
 */
describe.each(['strict', 'lenient'] as const)('emulator in %s mode', (strictness) => {
  let emu: RunningEmulator;

  beforeAll(async () => {
    emu = await start({
      strictness,
      seed: {
        workspaces: [{
          name: 'Default',
          trafficTypes: ['user'],
          environments: [
            { name: 'Production' },
            { name: 'Restricted', approvalsRequired: true },
            { name: 'Chosen', approvalsRequired: true, submittersChooseApprovers: true },
          ],
        }, {
          name: 'Shop', organizationIdentifier: 'retail', projectIdentifier: 'shop', trafficTypes: ['user'], environments: [{ name: 'Production' }],
        }, {
          name: 'Shop', organizationIdentifier: 'wholesale', projectIdentifier: 'shop', trafficTypes: ['user'], environments: [{ name: 'Production' }],
        }],
      },
    });
    await createFlag(emu, 'probe');
  });
  afterAll(async () => emu?.stop());

  test('a flag PATCH with /owners is refused as a whole (confirmed: not a v2 PATCH field)', async () => {
    const res = await admin(emu, 'PATCH', '/splits/ws/Default/probe', [
      { op: 'add', path: '/tags', value: [{ name: 'kept-out' }] },
      { op: 'replace', path: '/owners', value: [{ id: 'a@example.com', type: 'user' }] },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/owners cannot be changed/);
    expect((await admin(emu, 'GET', '/splits/ws/Default/probe')).body.tags).toBeNull();
  });

  test('fields a matcher or treatment leaves out are null in strict mode and absent in lenient mode (unconfirmed)', async () => {
    const body = onOff({
      rules: [{ condition: { combiner: 'AND', matchers: [{ type: 'IN_LIST_STRING', attribute: 'country', strings: ['US'] }] }, buckets: [{ treatment: 'on', size: 100 }] }],
    });
    expect((await admin(emu, 'POST', '/splits/ws/Default/probe/environments/Production', body)).status).toBe(200);
    const live = (await admin(emu, 'GET', '/splits/ws/Default/probe/environments/Production')).body;
    const matcher = live.rules[0].condition.matchers[0];
    if (strictness === 'strict') {
      expect(matcher).toEqual({ type: 'IN_LIST_STRING', attribute: 'country', strings: ['US'], string: null, bool: null, number: null, date: null, between: null, depends: null });
      expect(live.treatments[0]).toMatchObject({ name: 'on', configurations: null, keys: null, segments: null });
    } else {
      expect(matcher).toEqual({ type: 'IN_LIST_STRING', attribute: 'country', strings: ['US'] });
      expect(live.treatments[0]).toEqual({ name: 'on' });
    }
  });

  test('approvers must fit the environment (confirmed rule)', async () => {
    const submit = (env: string, approvers: string[]) => admin(emu, 'POST', `/changeRequests/ws/Default/environments/${env}`, {
      split: { name: 'probe', ...onOff() }, operationType: 'CREATE', title: 't', comment: 'c', approvers,
    });
    expect((await submit('Chosen', [])).body.message).toMatch(/lets submitters choose their approvers/);
    expect((await submit('Restricted', ['a@example.com'])).body.message).toMatch(/restricts who can approve/);
    expect((await submit('Chosen', ['a@example.com'])).status).toBe(200);
    expect((await submit('Restricted', [])).status).toBe(200);
  });

  test('workspaces are listed by Harness project, and carry its identifiers', async () => {
    const res = await admin(emu, 'GET', '/workspaces?organizationIdentifier=wholesale&projectIdentifier=shop');
    expect(res.body.objects.map((w: any) => [w.name, w.organizationIdentifier, w.projectIdentifier])).toEqual([['Shop', 'wholesale', 'shop']]);
    expect((await admin(emu, 'GET', '/workspaces?name=Shop')).body.objects).toHaveLength(2);
  });
});
