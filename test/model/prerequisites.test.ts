import { DefaultRule, Matcher, Prerequisite } from '../../src';
import { toDefinitionSpec } from '../../src/model/definition';
import { PlanModel } from '../../src/model/plan';
import { formatProblem } from '../../src/model/problem';
import { dependencyProblems, DependencyNode } from '../../src/model/rules/dependencies';
import { planProblems } from '../../src/model/rules/plan';
import { prerequisiteProblems } from '../../src/model/rules/prerequisites';

const plan = (prerequisites?: Prerequisite[]): PlanModel => ({
  treatments: [{ name: 'on' }, { name: 'off' }],
  defaultTreatment: 'off',
  limitExposure: 100,
  individualTargets: [],
  rules: [],
  defaultRule: DefaultRule.serve('off'),
  ...(prerequisites ? { prerequisites } : {}),
});

describe('Prerequisite', () => {
  test('keeps the flag name and treatments as given; the Admin form sorts and de-duplicates treatments', () => {
    const p = Prerequisite.flag({ flagName: 'a', trafficType: 'user', treatmentNames: ['on', 'off', 'beta'] }, ['on', 'beta']);
    expect([p.flagName, p.treatments]).toEqual(['a', ['on', 'beta']]);
    expect(p._spec).toEqual({ flagName: 'a', treatments: ['beta', 'on'] });
    expect(p._dependency).toEqual({ flagName: 'a', treatments: ['on', 'beta'], flag: expect.objectContaining({ flagName: 'a' }), via: 'prerequisite' });
    expect(Prerequisite.flagNamed('x', ['v1'])._dependency.flag).toBeUndefined();
  });

  test('a plan rule check reports each broken rule with the prerequisites rule id', () => {
    const messages = prerequisiteProblems('self', [
      Prerequisite.flagNamed('a', []),
      Prerequisite.flagNamed('self', ['on']),
      Prerequisite.flagNamed('b', ['on']),
      Prerequisite.flagNamed('b', ['off']),
    ]).map(formatProblem);
    expect(messages).toEqual([
      'prerequisites: prerequisite "a" names no treatment; list the treatment(s) of that flag that meet it',
      'prerequisites: "self" cannot be its own prerequisite; remove it',
      'prerequisites: "b" is a prerequisite twice; put all its treatments in one Prerequisite',
    ]);
  });

  test('planProblems includes the prerequisite rules, for the plan\'s own flag', () => {
    expect(planProblems(plan([Prerequisite.flagNamed('f', ['on'])]), 'f').map(formatProblem)).toEqual(['prerequisites: "f" cannot be its own prerequisite; remove it']);
    expect(planProblems(plan([Prerequisite.flagNamed('g', ['on'])]), 'f')).toEqual([]);
  });

  test('the definition lists them sorted by flag name, and has no field without them', () => {
    const d = toDefinitionSpec(plan([Prerequisite.flagNamed('z', ['on']), Prerequisite.flagNamed('a', ['v2', 'v1'])]));
    expect(d.prerequisites).toEqual([{ flagName: 'a', treatments: ['v1', 'v2'] }, { flagName: 'z', treatments: ['on'] }]);
    expect(toDefinitionSpec(plan())).not.toHaveProperty('prerequisites');
    expect(toDefinitionSpec(plan([]))).not.toHaveProperty('prerequisites');
  });
});

describe('dependency rules with prerequisites', () => {
  const node = (flagName: string, deps: Array<Matcher | Prerequisite>, environment = 'P'): DependencyNode => ({
    flagName, environment, trafficType: 'user', dependencies: deps.map((d) => d._dependency!),
  });
  const messages = (nodes: DependencyNode[]) => dependencyProblems(nodes, () => undefined).map((p) => `${p.node.flagName}: ${formatProblem(p.problem)}`);

  test('a cycle through a prerequisite and a dependency matcher is reported with the path, the prerequisite edge marked', () => {
    expect(messages([
      node('a', [Prerequisite.flagNamed('b', ['on'])]),
      node('b', [Matcher.dependsOnFlagNamed('a', ['on'])]),
    ])).toEqual(['a: dependencies: dependency cycle in environment P: a -(prerequisite)-> b -> a; remove one of these dependencies']);
  });

  test('an edge that is both a prerequisite and a dependency matcher is shown as a plain edge', () => {
    expect(messages([
      node('a', [Prerequisite.flagNamed('b', ['on']), Matcher.dependsOnFlagNamed('b', ['on'])]),
      node('b', [Prerequisite.flagNamed('a', ['on'])]),
    ])).toEqual(['a: dependencies: dependency cycle in environment P: a -> b -(prerequisite)-> a; remove one of these dependencies']);
  });

  test('a chain without a cycle passes', () => {
    expect(messages([node('a', [Prerequisite.flagNamed('b', ['on'])]), node('b', [Matcher.dependsOnFlagNamed('c', ['on'])])])).toEqual([]);
  });

  test('undeclared treatments of a prerequisite use the prerequisites rule id; of a matcher, dependencies', () => {
    const declared = { trafficType: 'user', treatments: ['on', 'off'] };
    const out = dependencyProblems([node('a', [Prerequisite.flagNamed('b', ['blue']), Matcher.dependsOnFlagNamed('b', ['red'])])], () => declared)
      .map((p) => formatProblem(p.problem));
    expect(out).toEqual([
      'prerequisites: "a" requires treatment "blue" of "b", which declares only on, off; use a declared treatment',
      'dependencies: "a" depends on treatment "red" of "b", which declares only on, off; use a declared treatment',
    ]);
  });
});
