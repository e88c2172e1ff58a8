import type { Definition } from '../../src/client/types';
import { patchOps } from '../../src/handler/flag/definition';
import { changedFields } from '../../src/handler/flag/definition-diff';
import type { DefinitionSpec as SpecDefinition } from '../../src/spec/resource-spec';

/** Definitions without flag sets: spread into live definitions, which reference sets by id. */
type DefinitionSpec = Omit<SpecDefinition, 'flagSets'>;

const desiredPlan: DefinitionSpec = {
  treatments: [{ name: 'on', keys: ['a', 'b'], configurations: '{"x":1,"y":2}' }, { name: 'off' }],
  defaultTreatment: 'off',
  trafficAllocation: 100,
  rules: [{
    condition: { combiner: 'AND', matchers: [{ type: 'IN_SEGMENT', string: 'beta' }, { type: 'IN_LIST_STRING', attribute: 'country', strings: ['US', 'CA'] }] },
    buckets: [{ treatment: 'on', size: 100 }],
  }],
  defaultRule: [{ treatment: 'on', size: 20 }, { treatment: 'off', size: 80 }],
};

/** What FME hands back for the same plan: response-only fields, reordered sets, padded buckets. */
const live: Definition = {
  name: 'f',
  environment: { id: 'e1', name: 'Production' },
  killed: false,
  creationTime: 1,
  lastUpdateTime: 2,
  treatments: [{ name: 'on', keys: ['b', 'a'], configurations: '{"y":2,"x":1}', description: '' }, { name: 'off', keys: [], segments: [] }],
  defaultTreatment: 'off',
  trafficAllocation: 100,
  rules: [{
    condition: { combiner: 'AND', matchers: [{ type: 'IN_LIST_STRING', attribute: 'country', strings: ['CA', 'US'], negate: false }, { type: 'IN_SEGMENT', string: 'beta' }] },
    buckets: [{ treatment: 'off', size: 0 }, { treatment: 'on', size: 100 }],
  }],
  defaultRule: [{ treatment: 'off', size: 80 }, { treatment: 'on', size: 20 }],
};

test('semantically equal definitions do not differ', () => {
  expect(changedFields(live, { definition: desiredPlan, killed: false })).toEqual([]);
});

test('each changed top-level field is reported once', () => {
  const desired = {
    ...desiredPlan,
    trafficAllocation: 50,
    defaultRule: [{ treatment: 'on', size: 30 }, { treatment: 'off', size: 70 }],
    treatments: [{ name: 'on', keys: ['a', 'c'], configurations: '{"x":1,"y":2}' }, { name: 'off' }],
  };
  expect(changedFields(live, { definition: desired, killed: true })).toEqual(['treatments', 'trafficAllocation', 'defaultRule', 'killed']);
});

test('rule order matters, matcher order inside a rule does not', () => {
  const twoRules = (first: string, second: string): DefinitionSpec => ({
    ...desiredPlan,
    rules: [first, second].map((s) => ({ condition: { combiner: 'AND' as const, matchers: [{ type: 'IN_SEGMENT', string: s }] }, buckets: [{ treatment: 'on', size: 100 }] })),
  });
  expect(changedFields({ ...live, ...twoRules('a', 'b') }, { definition: twoRules('b', 'a') })).toEqual(['rules']);
});

test('an unset baseline treatment and an undefined kill state leave the live values alone', () => {
  expect(changedFields({ ...live, baselineTreatment: 'off', killed: true }, { definition: desiredPlan })).toEqual([]);
  expect(changedFields({ ...live, baselineTreatment: 'off' }, { definition: { ...desiredPlan, baselineTreatment: 'on' } })).toEqual(['baselineTreatment']);
});

test('a dependency matcher compares treatment and treatments as one set', () => {
  const dep = (depends: object): DefinitionSpec => ({
    ...desiredPlan,
    rules: [{ condition: { combiner: 'AND', matchers: [{ type: 'IN_SPLIT', depends: depends as never }] }, buckets: [{ treatment: 'on', size: 100 }] }],
  });
  expect(changedFields({ ...live, ...dep({ splitName: 'x', treatments: ['on'] }) }, { definition: dep({ splitName: 'x', treatment: 'on' }) })).toEqual([]);
  expect(changedFields({ ...live, ...dep({ splitName: 'x', treatments: ['off'] }) }, { definition: dep({ splitName: 'x', treatment: 'on' }) })).toEqual(['rules']);
});

test('patch operations replace present members and add absent ones', () => {
  const withoutBaseline = { ...live };
  const ops = patchOps(withoutBaseline, { definition: { ...desiredPlan, baselineTreatment: 'off', trafficAllocation: 10 }, killed: true }, ['baselineTreatment', 'trafficAllocation', 'killed']);
  expect(ops).toEqual([
    { op: 'add', path: '/baselineTreatment', value: 'off' },
    { op: 'replace', path: '/trafficAllocation', value: 10 },
    { op: 'replace', path: '/killed', value: true },
  ]);
});

describe('impressionsDisabled (docs/fme-api.md#impression-tracking)', () => {
  test('unset in the code: never a change, whatever FME has', () => {
    for (const value of [true, false, null, undefined]) {
      expect(changedFields({ ...live, impressionsDisabled: value }, { definition: desiredPlan, killed: false })).toEqual([]);
    }
  });

  test('set in the code: compared with the live value, absent or null meaning impressions recorded', () => {
    const disabled = { definition: { ...desiredPlan, impressionsDisabled: true }, killed: false };
    const enabled = { definition: { ...desiredPlan, impressionsDisabled: false }, killed: false };
    expect(changedFields({ ...live, impressionsDisabled: false }, disabled)).toEqual(['impressionsDisabled']);
    expect(changedFields({ ...live, impressionsDisabled: true }, disabled)).toEqual([]);
    expect(changedFields({ ...live, impressionsDisabled: null }, enabled)).toEqual([]);
    expect(changedFields({ ...live, impressionsDisabled: true }, enabled)).toEqual(['impressionsDisabled']);
  });

  test('the patch replaces the member, or adds it when the live definition has none', () => {
    const disabled = { definition: { ...desiredPlan, impressionsDisabled: true }, killed: false };
    expect(patchOps({ ...live, impressionsDisabled: false }, disabled, ['impressionsDisabled'])).toEqual([{ op: 'replace', path: '/impressionsDisabled', value: true }]);
    expect(patchOps(live, disabled, ['impressionsDisabled'])).toEqual([{ op: 'add', path: '/impressionsDisabled', value: true }]);
  });
});

describe('prerequisites (docs/fme-api.md#prerequisites)', () => {
  const withPrereqs = (prerequisites: DefinitionSpec['prerequisites']): DefinitionSpec => ({ ...desiredPlan, ...(prerequisites ? { prerequisites } : {}) });

  test('absent, null and empty all mean none; order of prerequisites and of treatments does not matter', () => {
    expect(changedFields({ ...live, prerequisites: null }, { definition: withPrereqs(undefined), killed: false })).toEqual([]);
    expect(changedFields({ ...live, prerequisites: [] }, { definition: withPrereqs(undefined), killed: false })).toEqual([]);
    const liveWith: Definition = { ...live, prerequisites: [{ flagName: 'b', treatments: ['on'] }, { flagName: 'a', treatments: ['v2', 'v1'] }] };
    expect(changedFields(liveWith, { definition: withPrereqs([{ flagName: 'a', treatments: ['v1', 'v2'] }, { flagName: 'b', treatments: ['on'] }]), killed: false })).toEqual([]);
  });

  test('a live prerequisite the code does not declare is a difference, patched away with an empty list', () => {
    const liveWith: Definition = { ...live, prerequisites: [{ flagName: 'a', treatments: ['on'] }] };
    const desired = { definition: withPrereqs(undefined), killed: false };
    expect(changedFields(liveWith, desired)).toEqual(['prerequisites']);
    expect(patchOps(liveWith, desired, ['prerequisites'])).toEqual([{ op: 'replace', path: '/prerequisites', value: [] }]);
  });

  test('a prerequisite the code adds is patched in (`add` where the live definition has no such member)', () => {
    const desired = { definition: withPrereqs([{ flagName: 'a', treatments: ['on'] }]), killed: false };
    expect(changedFields(live, desired)).toEqual(['prerequisites']);
    expect(patchOps(live, desired, ['prerequisites'])).toEqual([{ op: 'add', path: '/prerequisites', value: [{ flagName: 'a', treatments: ['on'] }] }]);
  });
});
