import { LookupUse, lookupFindings, nearestName } from '../../src/model/lookups/checks';
import {
  LookedUpWorkspace, LookupContextError, lookupKey, parseLookupContext, renderLookupContext, withWorkspaces,
} from '../../src/model/lookups/context-file';

const WORKSPACE: LookedUpWorkspace = {
  lookedUpAt: '2026-12-01T10:00:00.000Z',
  workspace: { id: 'ws-1', name: 'Default' },
  environments: [
    { name: 'Production', id: 'env-p', production: true, approvalsRequired: true },
    { name: 'Staging', id: 'env-s', production: false, approvalsRequired: false },
  ],
  trafficTypes: [
    { name: 'account', id: 'tt-a' },
    { name: 'device', id: 'tt-d', attributes: [] },
    { name: 'user', id: 'tt-u', attributes: [{ id: 'country', dataType: 'string' }] },
  ],
};

describe('nearestName', () => {
  test.each([
    ['production', 'Production'],
    ['Prodution', 'Production'],
    ['Prod', 'Production'],
    ['Stagign', 'Staging'],
    ['QA', undefined],
    ['Pr', undefined],
  ])('%s → %s', (name, expected) => {
    expect(nearestName(name, ['Production', 'Staging'])).toBe(expected);
  });
});

describe('lookupFindings', () => {
  const uses: LookupUse[] = [
    { path: 'a', kind: 'environment', environment: 'Production', what: 'X' },
    { path: 'a', kind: 'environment', environment: 'env-s', what: 'X' },
    { path: 'b', kind: 'environment', environment: 'Prod', what: 'RolloutPlan of flag "f"' },
    { path: 'c', kind: 'trafficType', trafficType: 'acount', what: 'Segment "s"' },
    { path: 'd', kind: 'attribute', trafficType: 'user', attribute: 'country', what: 'm' },
    { path: 'd', kind: 'attribute', trafficType: 'user', attribute: 'contry', what: 'matcher "contry in list"' },
    { path: 'e', kind: 'attribute', trafficType: 'account', attribute: 'anything', what: 'm' },
    { path: 'e', kind: 'attribute', trafficType: 'unknown', attribute: 'anything', what: 'm' },
    { path: 'e', kind: 'attribute', trafficType: 'device', attribute: 'anything', what: 'm' },
  ];

  test('known names and ids pass; unknown environments and traffic types are errors, attributes an unempty schema does not list warnings', () => {
    const findings = lookupFindings(WORKSPACE, uses);
    expect(findings.map((f) => [f.path, f.severity, f.problem.rule, f.problem.values])).toEqual([
      ['b', 'error', 'known environment', ['Prod']],
      ['c', 'error', 'known traffic type', ['acount']],
      ['d', 'warning', 'known attribute', ['contry']],
    ]);
    expect(findings[0].problem.message).toBe('RolloutPlan of flag "f" names environment "Prod", which workspace "Default" (looked up 2026-12-01T10:00:00.000Z) '
      + 'does not have (known: "Production", "Staging"; did you mean "Production"?); if you just created it in FME, run `cdktf-fme lookup` to refresh the context file');
    expect(findings[2].problem.message).toMatch(/^matcher "contry in list" uses attribute "contry", .* \(known: "country"; did you mean "country"\?\); FME accepts it/);
  });

  test('the same unknown name at the same path is reported once', () => {
    const twice: LookupUse[] = [uses[2], uses[2]];
    expect(lookupFindings(WORKSPACE, twice)).toHaveLength(1);
  });
});

describe('context file', () => {
  test('keys follow the target identity: id, then Harness project, then name', () => {
    expect(lookupKey({ workspaceId: 'w', workspaceName: 'n' })).toBe('workspaceId:w');
    expect(lookupKey({ harnessProject: { organizationIdentifier: 'o', projectIdentifier: 'p' } })).toBe('harnessProject:o/p');
    expect(lookupKey({ workspaceName: 'n' })).toBe('workspaceName:n');
    expect(lookupKey({})).toBe('workspaceName:Default');
  });

  test('written sorted by key, name and attribute id, and read back unchanged', () => {
    const unsorted: LookedUpWorkspace = {
      ...WORKSPACE,
      environments: [...WORKSPACE.environments].reverse(),
      trafficTypes: [{ name: 'user', id: 'tt-u', attributes: [{ id: 'z' }, { id: 'a', dataType: 'number' }] }, { name: 'account', id: 'tt-a' }],
    };
    const context = withWorkspaces(withWorkspaces(undefined, { 'workspaceName:Z': WORKSPACE }), { 'workspaceName:A': unsorted });
    expect(Object.keys(context.workspaces)).toEqual(['workspaceName:A', 'workspaceName:Z']);
    expect(context.workspaces['workspaceName:A'].environments.map((e) => e.name)).toEqual(['Production', 'Staging']);
    expect(context.workspaces['workspaceName:A'].trafficTypes).toEqual([
      { name: 'account', id: 'tt-a' },
      { name: 'user', id: 'tt-u', attributes: [{ id: 'a', dataType: 'number' }, { id: 'z' }] },
    ]);
    const text = renderLookupContext(context);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseLookupContext(text, 'f.json')).toEqual(context);
  });

  test('refuses other versions, bad JSON and malformed entries, naming the file and field', () => {
    expect(() => parseLookupContext('{', 'f.json')).toThrow(/^f.json is not valid JSON/);
    expect(() => parseLookupContext('{"version":2,"workspaces":{}}', 'f.json')).toThrow(LookupContextError);
    expect(() => parseLookupContext('{"version":1,"workspaces":{"k":{"lookedUpAt":"t","workspace":{"id":"i","name":"n"},"environments":[{"name":1}],"trafficTypes":[]}}}', 'f.json'))
      .toThrow('f.json: workspaces["k"].environments[0].name must be a string');
  });
});
