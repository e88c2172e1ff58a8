import {
  claimDecision, definitionManager, MANAGED_TAG, ownershipOf, planDecision, plansOfOthers, removalDecision, stackIdProblems,
  tagsFor, withoutPlan, withOwner, withPlan,
} from '../../src/model/ownership';

describe('the record on an object', () => {
  test('reads the owner, the definitions other stacks manage, and the users\' own tags', () => {
    const o = ownershipOf(['web', MANAGED_TAG, 'cdktf-fme-owner:platform', 'cdktf-fme-plan:team-a:env-1', 'checkout']);
    expect(o.owner).toBe('platform');
    expect(o.managed).toBe(true);
    expect([...o.plans]).toEqual([['env-1', 'team-a']]);
    expect(o.userTags).toEqual(['web', 'checkout']);
  });

  test('an object without tags has no owner and was not made by the library', () => {
    expect(ownershipOf([])).toEqual({ owner: undefined, managed: false, plans: new Map(), userTags: [] });
  });

  test('writes the record back as tags, sorted and unique, with the users\' tags', () => {
    const o = { owner: 'a', managed: true, plans: new Map([['env-2', 'b']]), userTags: ['x', 'x'] };
    expect(tagsFor(o)).toEqual(['cdktf-fme-managed', 'cdktf-fme-owner:a', 'cdktf-fme-plan:b:env-2', 'x']);
    expect(ownershipOf(tagsFor(o))).toEqual({ ...o, userTags: ['x'] });
  });

  test('a flag no stack manages gets no managed tag from a plan record', () => {
    expect(tagsFor({ managed: false, plans: new Map([['e', 'b']]), userTags: [] })).toEqual(['cdktf-fme-plan:b:e']);
  });
});

describe('stack ids', () => {
  test.each(['a', 'platform-prod', 'team_7', 'x'.repeat(64)])('%j is a valid stack id', (id) => {
    expect(stackIdProblems(id, false)).toEqual([]);
  });

  test.each(['', 'a:b', 'my.stack', 'with space', '-lead', 'x'.repeat(65)])('%j is not', (id) => {
    expect(stackIdProblems(id, false)[0].message).toContain('cannot identify the owner of FME objects');
  });

  test('a stack name that cannot be an id asks for stackId', () => {
    expect(stackIdProblems('my.stack', true)[0].message).toMatch(/the stack name "my.stack" .*set FmeConfig's stackId/);
  });
});

describe('deploying: may a stack manage an object?', () => {
  const live = (tags: string[]) => ownershipOf(tags);

  test('a missing object is created; an owned one converged', () => {
    expect(claimDecision(undefined, 'a', [], false)).toEqual({ kind: 'claim', how: 'created' });
    expect(claimDecision(live(['cdktf-fme-owner:a']), 'a', [], false)).toEqual({ kind: 'owned' });
  });

  test('another stack\'s object is refused unless transferred from it', () => {
    expect(claimDecision(live(['cdktf-fme-owner:b']), 'a', [], true)).toEqual({ kind: 'owned elsewhere', owner: 'b' });
    expect(claimDecision(live(['cdktf-fme-owner:b']), 'a', ['c'], true)).toEqual({ kind: 'owned elsewhere', owner: 'b' });
    expect(claimDecision(live(['cdktf-fme-owner:b']), 'a', ['b'], false)).toEqual({ kind: 'take over', from: 'b' });
  });

  test('an object no stack owns: the library\'s own is taken, a foreign one per the existing-object policy', () => {
    expect(claimDecision(live([MANAGED_TAG]), 'a', [], false)).toEqual({ kind: 'claim', how: 'managed by an earlier version' });
    expect(claimDecision(live(['team']), 'a', [], true)).toEqual({ kind: 'claim', how: 'adopted' });
    expect(claimDecision(live(['team']), 'a', [], false)).toEqual({ kind: 'refused' });
  });
});

describe('deploying a rollout plan: may a stack manage a definition?', () => {
  const flag = ownershipOf(['cdktf-fme-owner:platform', 'cdktf-fme-plan:team:prod']);

  test('the manager is the recorded stack, else the flag\'s owner', () => {
    expect(definitionManager(flag, 'prod')).toBe('team');
    expect(definitionManager(flag, 'staging')).toBe('platform');
  });

  test('a stack may start a definition where none exists, but not take one its owner has', () => {
    expect(planDecision(flag, 'staging', 'team', [], false)).toEqual({ kind: 'claim', how: 'created' });
    expect(planDecision(flag, 'staging', 'team', [], true)).toEqual({ kind: 'owned elsewhere', owner: 'platform' });
    expect(planDecision(flag, 'staging', 'team', ['platform'], true)).toEqual({ kind: 'take over', from: 'platform' });
  });

  test('a recorded definition belongs to its stack, even where it does not exist right now', () => {
    expect(planDecision(flag, 'prod', 'team', [], false)).toEqual({ kind: 'owned' });
    expect(planDecision(flag, 'prod', 'platform', [], false)).toEqual({ kind: 'owned elsewhere', owner: 'team' });
    expect(planDecision(flag, 'prod', 'other', [], true)).toEqual({ kind: 'owned elsewhere', owner: 'team' });
  });

  test('definitions of a flag no stack owns are free to manage', () => {
    expect(planDecision(ownershipOf(['legacy']), 'prod', 'team', [], true)).toEqual({ kind: 'claim', how: 'adopted' });
  });

  test('the flag\'s owner needs no record of its own definitions', () => {
    expect(withPlan(flag, 'prod', 'platform').plans.has('prod')).toBe(false);
    expect(withPlan(flag, 'staging', 'team').plans.get('staging')).toBe('team');
    expect(withoutPlan(flag, 'prod').plans.size).toBe(0);
  });

  test('definitions other stacks manage keep a flag from being deleted', () => {
    expect(plansOfOthers(flag, 'platform')).toEqual(['prod']);
    expect(plansOfOthers(flag, 'team')).toEqual([]);
  });
});

describe('removing: may a stack delete an object that left its code?', () => {
  test('only the owner deletes', () => {
    expect(removalDecision('a', true, 'a', undefined)).toEqual({ kind: 'delete' });
    expect(removalDecision('b', true, 'a', undefined)).toEqual({ kind: 'leave', reason: 'owned by stack "b"' });
    expect(removalDecision('b', true, 'a', 'c')).toEqual({ kind: 'leave', reason: 'owned by stack "b"' });
  });

  test('another stack of the app that declares it now gets it instead', () => {
    expect(removalDecision('a', true, 'a', 'b')).toEqual({ kind: 'hand over', to: 'b' });
    expect(removalDecision(undefined, true, 'a', 'b')).toEqual({ kind: 'hand over', to: 'b' });
  });

  test('without an owner record, only what the library made is deleted', () => {
    expect(removalDecision(undefined, true, 'a', undefined)).toEqual({ kind: 'delete' });
    expect(removalDecision(undefined, false, 'a', undefined).kind).toBe('leave');
  });

  test('a destroy step replayed from a spec without stack id never deletes another stack\'s object', () => {
    expect(removalDecision('b', true, undefined, undefined).kind).toBe('leave');
    expect(removalDecision(undefined, true, undefined, undefined)).toEqual({ kind: 'delete' });
  });
});

test('a new owner needs no plan record of its own', () => {
  const record = ownershipOf(['cdktf-fme-owner:a', 'cdktf-fme-plan:b:e1', 'cdktf-fme-plan:c:e2']);
  const next = withOwner(record, 'b');
  expect(next.owner).toBe('b');
  expect([...next.plans]).toEqual([['e2', 'c']]);
});
