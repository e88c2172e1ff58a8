import type { Definition } from '../../src/client/types';
import { HandlerError } from '../../src/handler/errors';
import { composeDesired } from '../../src/handler/flag/desired-definition';
import type { EnvironmentPartSpec } from '../../src/spec/resource-spec';

const live: Definition = {
  name: 'f',
  killed: true,
  creationTime: 1,
  treatments: [{ name: 'on', keys: ['alice'] }, { name: 'off', keys: ['bob'], segments: ['internal'] }],
  defaultTreatment: 'off',
  trafficAllocation: 80,
  rules: [],
  defaultRule: [{ treatment: 'off', size: 100 }],
};
const part = (fields: Partial<EnvironmentPartSpec>): EnvironmentPartSpec => ({ environment: 'Production', removalPolicy: 'destroy', writeMode: 'direct', ...fields });

test('a full definition is the answer, and no kill state means not killed', () => {
  const definition = { treatments: [{ name: 'on' }], defaultTreatment: 'on', trafficAllocation: 100, rules: [], defaultRule: [{ treatment: 'on', size: 100 }] };
  expect(composeDesired('f', part({ definition }), live)).toEqual({ definition, killed: false });
  expect(composeDesired('f', part({ definition, killed: true }), undefined)).toEqual({ definition, killed: true });
});

test('set targets replace a treatment\'s keys and move them out of other treatments', () => {
  const d = composeDesired('f', part({ setTargets: { on: { keys: ['bob', 'carol'] } } }), live).definition;
  expect(d.treatments).toEqual([{ name: 'on', keys: ['bob', 'carol'] }, { name: 'off', keys: [], segments: ['internal'] }]);
  // everything else comes from the live definition, without response-only fields
  expect(d).toMatchObject({ defaultTreatment: 'off', trafficAllocation: 80, defaultRule: [{ treatment: 'off', size: 100 }] });
  expect(d).not.toHaveProperty('creationTime');
});

test('add and remove targets are incremental; the kill state is left alone unless given', () => {
  const r = composeDesired('f', part({ addTargets: { off: { segments: ['beta'] } }, removeTargets: { off: { keys: ['bob'] } } }), live);
  expect(r.definition.treatments[1]).toEqual({ name: 'off', keys: [], segments: ['internal', 'beta'] });
  expect(r.killed).toBeUndefined();
  expect(composeDesired('f', part({ killed: false }), live).killed).toBe(false);
});

test('a default allocation replaces the default rule only', () => {
  const rule = [{ treatment: 'on', size: 10 }, { treatment: 'off', size: 90 }];
  const d = composeDesired('f', part({ defaultRule: rule }), live).definition;
  expect(d.defaultRule).toEqual(rule);
  expect(d.treatments).toEqual(live.treatments);
});

test('targets without a live definition fail, naming flag and environment', () => {
  expect(() => composeDesired('f', part({ setTargets: { on: { keys: ['x'] } } }), undefined))
    .toThrow(new HandlerError('Flag "f" has no definition in environment "Production", so its individual targets, default allocation or kill switch cannot be applied. Add a RolloutPlan for this environment, or create the definition in FME first.'));
});

test('an unknown treatment fails, listing the real ones', () => {
  expect(() => composeDesired('f', part({ removeTargets: { blue: { keys: ['x'] } } }), live))
    .toThrow('Flag "f" in environment "Production" has no treatment "blue" (targets to remove). Its treatments are: on, off.');
});

test('without a live definition, an owned flag starts from its initial definition and applies the parts', () => {
  const initialDefinition = {
    treatments: [{ name: 'on' }, { name: 'off' }],
    defaultTreatment: 'off',
    trafficAllocation: 100,
    rules: [],
    defaultRule: [{ treatment: 'off', size: 100 }],
  };
  const desired = composeDesired('f', part({ initialDefinition, addTargets: { on: { keys: ['carol'] } } }), undefined);
  expect(desired.definition).toEqual({ ...initialDefinition, treatments: [{ name: 'on', keys: ['carol'] }, { name: 'off' }] });
});

test('an existing definition wins over the initial definition (it is never replaced by it)', () => {
  const initialDefinition = {
    treatments: [{ name: 'on' }, { name: 'off' }],
    defaultTreatment: 'on',
    trafficAllocation: 50,
    rules: [],
    defaultRule: [{ treatment: 'on', size: 100 }],
  };
  const desired = composeDesired('f', part({ initialDefinition }), live);
  expect(desired.definition.defaultTreatment).toBe(live.defaultTreatment);
  expect(desired.definition.trafficAllocation).toBe(live.trafficAllocation ?? 100);
});
