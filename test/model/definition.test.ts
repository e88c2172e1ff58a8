import { Allocation, DefaultRule, DynamicConfig, Matcher, TargetingRule } from '../../src';
import { toDefinitionSpec } from '../../src/model/definition';
import { mergeIntoDefinition } from '../../src/model/merge';
import { compareSemver, isSemver } from '../../src/model/semver';

describe('definition JSON', () => {
  const definition = toDefinitionSpec({
    treatments: [
      { name: 'on', description: 'new', config: DynamicConfig.fromJson({ color: 'blue' }) },
      { name: 'off' },
    ],
    defaultTreatment: 'off',
    baselineTreatment: 'off',
    limitExposure: 10,
    individualTargets: [
      { treatment: 'on', keys: ['z', 'a'] },
      { treatment: 'on', keys: ['a', 'm'], segments: ['beta'] },
    ],
    rules: [TargetingRule.serve('on', [Matcher.stringInList('country', ['US']), Matcher.booleanEquals('b', false).negated()])],
    defaultRule: DefaultRule.distribute([Allocation.of('on', 50), Allocation.of('off', 50)]),
  });

  test('matches the Admin API request body', () => {
    expect(definition).toEqual({
      treatments: [
        { name: 'on', description: 'new', configurations: '{"color":"blue"}', keys: ['a', 'm', 'z'], segments: ['beta'] },
        { name: 'off' },
      ],
      defaultTreatment: 'off',
      baselineTreatment: 'off',
      trafficAllocation: 10,
      rules: [{
        condition: {
          combiner: 'AND',
          matchers: [
            { type: 'IN_LIST_STRING', attribute: 'country', strings: ['US'] },
            { type: 'BOOLEAN', attribute: 'b', bool: false, negate: true },
          ],
        },
        buckets: [{ treatment: 'on', size: 100 }],
      }],
      defaultRule: [{ treatment: 'on', size: 50 }, { treatment: 'off', size: 50 }],
    });
  });

  test('merging: set replaces, then add, then remove; the default allocation replaces the default rule', () => {
    const merged = mergeIntoDefinition(definition, {
      setTargets: { on: { keys: ['s1'] } },
      addTargets: { on: { keys: ['s2', 'r1'] }, off: { segments: ['internal'] } },
      removeTargets: { on: { keys: ['r1'] } },
      defaultRule: [{ treatment: 'off', size: 80 }, { treatment: 'on', size: 20 }],
    });
    expect(merged.treatments).toEqual([
      { name: 'on', description: 'new', configurations: '{"color":"blue"}', keys: ['s1', 's2'] },
      { name: 'off', segments: ['internal'] },
    ]);
    expect(merged.defaultRule).toEqual([{ treatment: 'off', size: 80 }, { treatment: 'on', size: 20 }]);
    expect(merged.rules).toBe(definition.rules);
  });

  test('merging nothing changes nothing', () => {
    expect(mergeIntoDefinition(definition, {})).toEqual(definition);
  });
});

describe('semver', () => {
  test('validates and orders by precedence', () => {
    expect(isSemver('1.0.0-alpha.1+build')).toBe(true);
    expect(isSemver('1.0')).toBe(false);
    const ordered = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.1.0', '2.0.0'];
    for (let i = 1; i < ordered.length; i++) {
      expect(compareSemver(ordered[i - 1], ordered[i])).toBe(-1);
      expect(compareSemver(ordered[i], ordered[i - 1])).toBe(1);
    }
    expect(compareSemver('1.0.0+a', '1.0.0+b')).toBe(0);
  });
});

describe('impression tracking in the definition (docs/fme-api.md#impression-tracking)', () => {
  const base = {
    treatments: [{ name: 'on' }, { name: 'off' }],
    defaultTreatment: 'off',
    limitExposure: 100,
    individualTargets: [],
    rules: [],
    defaultRule: DefaultRule.serve('off'),
  };
  test('trackImpressions false/true becomes impressionsDisabled true/false; unset leaves the field out', () => {
    expect(toDefinitionSpec({ ...base, trackImpressions: false }).impressionsDisabled).toBe(true);
    expect(toDefinitionSpec({ ...base, trackImpressions: true }).impressionsDisabled).toBe(false);
    expect(toDefinitionSpec(base)).not.toHaveProperty('impressionsDisabled');
  });
});
