import { Matcher } from '../../src';
import { formatProblem } from '../../src/model/problem';
import { DeclaredFlag, dependencyProblems, DependencyNode } from '../../src/model/rules/dependencies';

const node = (flagName: string, deps: Matcher[], environment = 'Production', trafficType = 'user'): DependencyNode => ({
  flagName, environment, trafficType, dependencies: deps.map((m) => m._dependency!),
});
const noLookup = (): DeclaredFlag | undefined => undefined;
const messages = (nodes: DependencyNode[], lookup: (flagName: string, environment: string) => DeclaredFlag | undefined = noLookup) => dependencyProblems(nodes, lookup).map((p) => `${p.node.flagName}: ${formatProblem(p.problem)}`);

describe('dependency rules', () => {
  test('no problems for an acyclic chain', () => {
    expect(messages([node('a', [Matcher.dependsOnFlagNamed('b', ['on'])]), node('b', [Matcher.dependsOnFlagNamed('c', ['on'])])])).toEqual([]);
  });

  test('fails for a two-flag cycle and reports its path once', () => {
    expect(messages([
      node('a', [Matcher.dependsOnFlagNamed('b', ['on'])]),
      node('b', [Matcher.dependsOnFlagNamed('a', ['on'])]),
    ])).toEqual(['a: dependencies: dependency cycle in environment Production: a -> b -> a; remove one of these dependencies']);
  });

  test('fails for a three-flag cycle', () => {
    expect(messages([
      node('a', [Matcher.dependsOnFlagNamed('b', ['on'])]),
      node('b', [Matcher.dependsOnFlagNamed('c', ['on'])]),
      node('c', [Matcher.dependsOnFlagNamed('a', ['on'])]),
    ])).toEqual(['a: dependencies: dependency cycle in environment Production: a -> b -> c -> a; remove one of these dependencies']);
  });

  test('fails for a flag depending on itself', () => {
    expect(messages([node('a', [Matcher.dependsOnFlagNamed('a', ['on'])])])[0]).toMatch(/a -> a/);
  });

  test('dependencies in different environments do not form a cycle', () => {
    expect(messages([
      node('a', [Matcher.dependsOnFlagNamed('b', ['on'])], 'Production'),
      node('b', [Matcher.dependsOnFlagNamed('a', ['on'])], 'Staging'),
    ])).toEqual([]);
  });

  test('fails across traffic types (flag given as a construct)', () => {
    const other = { flagName: 'acct', trafficType: 'account', treatmentNames: ['on', 'off'] } as never;
    expect(messages([node('a', [Matcher.dependsOn(other, ['on'])])])).toEqual([
      'a: dependencies: "a" (traffic type user) depends on "acct" (traffic type account); a dependency cannot cross traffic types',
    ]);
  });

  test('fails across traffic types (flag declared in the app)', () => {
    const lookup = (name: string) => (name === 'b' ? { trafficType: 'account', treatments: ['on', 'off'] } : undefined);
    expect(messages([node('a', [Matcher.dependsOnFlagNamed('b', ['on'])])], lookup)[0]).toMatch(/cannot cross traffic types/);
  });

  test('fails for a treatment the depended-on flag does not declare', () => {
    const lookup = (name: string) => (name === 'b' ? { trafficType: 'user', treatments: ['on', 'off'] } : undefined);
    expect(messages([node('a', [Matcher.dependsOnFlagNamed('b', ['maybe'])])], lookup)).toEqual([
      'a: dependencies: "a" depends on treatment "maybe" of "b", which declares only on, off; use a declared treatment',
    ]);
  });

  test('a flag managed elsewhere is not checked for treatments', () => {
    expect(messages([node('a', [Matcher.dependsOnFlagNamed('elsewhere', ['anything'])])])).toEqual([]);
  });
});
