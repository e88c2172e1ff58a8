import { segmentKeyDelta } from '../../src/live/compare-segment';
import type { Comparison } from '../../src/live/compare-stack';
import { Difference } from '../../src/live/difference';
import { IgnorePatterns, withIgnoredFromLive } from '../../src/live/ignore';
import { envKey, LiveWorkspace } from '../../src/live/live-reader';
import { renderJson, renderText } from '../../src/live/report';
import type { DefinitionSpec, FlagResourceSpec } from '../../src/spec/resource-spec';

const kill: Difference = { kind: 'flag', name: 'checkout', environment: 'Production', field: 'killed', action: 'update', details: ['~ killed: killed → not killed'] };
const rules: Difference = { kind: 'flag', name: 'checkout', environment: 'Staging', field: 'rules', action: 'update', details: ['+ rule 1: if a in [b] → on'] };
const description: Difference = { kind: 'flag', name: 'search', field: 'description', action: 'update', details: ['~ description: "a" → "b"'] };

describe('--ignore patterns', () => {
  test.each<[string, Difference[]]>([
    ['killed', [kill]],
    ['*/Production/killed', [kill]],
    ['checkout/*/*', [kill, rules]],
    ['check*/Staging/rules', [rules]],
    ['search/description', [description]],
    ['*/description', [description]],
    ['*/killed', []],
    ['Production', []],
  ])('%s', (pattern, expected) => {
    expect(new IgnorePatterns([pattern]).split([kill, rules, description]).ignored).toEqual(expected);
  });
});

describe('drift --fix keeps ignored fields at their live values', () => {
  const definition: Omit<DefinitionSpec, 'flagSets'> = {
    treatments: [{ name: 'on', keys: ['a'], configurations: '{"x":1}' }, { name: 'off' }],
    defaultTreatment: 'off',
    trafficAllocation: 100,
    rules: [],
    defaultRule: [{ treatment: 'on', size: 100 }],
  };
  const spec: FlagResourceSpec = {
    v: 2,
    kind: 'flag',
    stack: 's',
    flagName: 'checkout',
    removalPolicy: 'destroy',
    existing: 'adopt',
    target: { apiBaseUrl: 'http://x', apiKeyEnvVar: 'K', maxRetrySeconds: 1, workspaceName: 'W' },
    metadata: { trafficType: 'user', description: 'code' },
    environments: [{ environment: 'Production', removalPolicy: 'destroy', writeMode: 'direct', definition }],
  };
  const liveDefinition = {
    ...definition,
    killed: true,
    trafficAllocation: 40,
    treatments: [{ name: 'on', keys: ['z'], configurations: '{"x":2}' }, { name: 'off' }],
  };
  const live: LiveWorkspace = {
    flags: new Map(), segments: new Map(), segmentKeys: new Map(), definitions: new Map([[envKey('checkout', 'Production'), liveDefinition]]),
  };
  const diff = (field: Difference['field'], environment?: string): Difference => ({ kind: 'flag', name: 'checkout', environment, field, action: 'update', details: [] });

  test('no ignored field: the spec is unchanged', () => {
    expect(withIgnoredFromLive(spec, [], live)).toBe(spec);
  });

  test('kill, exposure, targets and description take the live values; the rest stays the code\'s', () => {
    const fixed = withIgnoredFromLive(spec, [diff('killed', 'Production'), diff('limitExposure', 'Production'), diff('targets', 'Production'), diff('description')], live);
    const part = fixed.environments[0];
    expect(part.killed).toBe(true);
    expect(part.definition!.trafficAllocation).toBe(40);
    expect(part.definition!.treatments).toEqual([{ name: 'on', keys: ['z'], configurations: '{"x":1}' }, { name: 'off' }]);
    expect(fixed.metadata).toEqual({ trafficType: 'user', description: undefined });
    expect(part.definition!.defaultRule).toEqual(definition.defaultRule);
  });
});

describe('segment keys the deploy changes', () => {
  test.each<[string[] | undefined, object, object]>([
    [['a', 'b'], { keys: ['b', 'c'] }, { add: ['c'], remove: ['a'] }],
    [['a'], { addKeys: ['b'], removeKeys: ['a'] }, { add: ['b'], remove: ['a'] }],
    [undefined, { keys: ['x'] }, { add: ['x'], remove: [] }],
    [['a'], { addKeys: ['a'] }, { add: [], remove: [] }],
  ])('live %j, spec %j', (liveKeys, part, expected) => {
    expect(segmentKeyDelta(liveKeys, { environment: 'P', removalPolicy: 'destroy', ...part })).toEqual(expected);
  });
});

describe('reports', () => {
  const comparison = (differences: Difference[]): Comparison => ({
    stack: 's',
    workspace: 'W',
    differences,
    objects: 4,
    reads: 3,
    errors: [],
    live: { flags: new Map(), segments: new Map(), definitions: new Map(), segmentKeys: new Map() },
  });

  test('text groups lines per object with the strongest action first-seen order, and counts objects', () => {
    const text = renderText(comparison([
      kill, { ...kill, field: 'defaultRule', details: ['~ default rule: on → off'] },
      { kind: 'segment', name: 'old', field: 'segment', action: 'delete', details: ['- segment old'] },
      { kind: 'flag', name: 'x', field: 'owner', action: 'blocked', details: ['! owned by stack "p"'], openChangeRequest: undefined },
      { ...rules, openChangeRequest: 'cr-1' },
    ]), 'diff');
    expect(text.split('\n')).toEqual([
      'cdktf-fme diff: stack "s", workspace "W" — what the next deploy changes (FME → code)',
      '',
      '~ flag checkout / Production: updated in place by the next deploy',
      '    ~ killed: killed → not killed',
      '    ~ default rule: on → off',
      '- segment old: deleted by the next deploy',
      '    - segment old',
      '! flag x: the next deploy stops here',
      '    ! owned by stack "p"',
      '~ flag checkout / Staging: updated in place by the next deploy (change request cr-1 is open in FME)',
      '    + rule 1: if a in [b] → on',
      '',
      '4 object(s) differ: 2 to update, 1 to delete, 1 blocked. 3 read(s) for 4 declared FME object(s).',
    ]);
  });

  test('drift phrases the same differences as changes outside the code; JSON carries paths', () => {
    expect(renderText(comparison([kill]), 'drift')).toContain('~ flag checkout / Production: changed outside the code');
    expect(renderText(comparison([]), 'drift')).toContain('No drift: FME matches the code.');
    const json = JSON.parse(renderJson(comparison([kill]), 'drift', [description]));
    expect(json).toMatchObject({ command: 'drift', inSync: false, summary: { update: 1, create: 0, delete: 0, blocked: 0 } });
    expect(json.differences[0].path).toBe('checkout/Production/killed');
    expect(json.ignored[0].path).toBe('search/description');
  });
});
