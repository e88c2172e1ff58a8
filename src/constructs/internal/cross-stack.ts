import type { Declaration } from './compose';
import { PathProblem, pathProblem } from './path-problem';
import { canonicalJson } from '../../spec/encode';
import { DeclaredElsewhere, FmeTargetSpec, objectNameOf } from '../../spec/resource-spec';

/**
 * Rules across the stacks of one app (docs/ownership.md): one owner per FME object, one stack per
 * stack id, and the list of what other stacks declare that each stack's inventory file carries.
 */

/** Stacks manage the same workspace when they reach the same API and name the same workspace. */
export function workspaceKey(target: FmeTargetSpec): string {
  const project = target.harnessProject ? [target.harnessProject.organizationIdentifier, target.harnessProject.projectIdentifier] : null;
  const name = target.workspaceId === undefined ? target.workspaceName ?? null : null;
  return JSON.stringify([target.apiBaseUrl, target.workspaceId ?? null, name, project]);
}

/**
 * One stack owns each object: two stacks of one app declaring the same flag, definition or segment
 * in the same workspace would take turns overwriting it, and the one that drops it would delete
 * it from under the other. Reported on this stack's construct.
 */
export function sharedObjectProblems(own: readonly Declaration[], others: readonly Declaration[]): PathProblem[] {
  const identity = (d: DeclaredElsewhere) => JSON.stringify([d.t, objectNameOf(d), 'env' in d ? d.env : null]);
  const byIdentity = new Map(others.map((d) => [identity(d), d] as const));
  return own.flatMap((d) => {
    const other = byIdentity.get(identity(d));
    if (!other) return [];
    const what = d.t === 'definition' ? `the definition of flag "${d.flag}" in environment "${d.env}"`
      : d.t === 'flagSet' ? `flag set "${d.flagSet}"`
        : d.t === 'ruleBasedSegment' ? `rule-based segment "${d.segment}"`
          : d.t === 'largeSegment' ? `large segment "${d.segment}"` : `${d.t} "${objectNameOf(d)}"`;
    const construct = { flag: 'FeatureFlag', segment: 'Segment', flagSet: 'FlagSet', ruleBasedSegment: 'RuleBasedSegment', largeSegment: 'LargeSegment', definition: 'RolloutPlan' }[d.t];
    const advice = d.t === 'definition'
      ? 'keep the RolloutPlan in one of them'
      : `keep the ${construct} in one of them${d.t === 'flag' ? ' and refer to it by flagName from the other'
        : d.t === 'flagSet' ? ' and refer to it with FlagSet.fromName from the other' : ''}`;
    return [pathProblem(d.path, 'one owner',
      `${what} is also declared by stack "${other.stack}" (${other.path}) in the same FME workspace; one stack owns each object, so ${advice}`)];
  });
}

/** Two stacks of one app with one id would each take the other's objects for their own. */
export function sharedStackIdProblems(stackId: string, otherStacksWithIt: readonly string[]): PathProblem[] {
  if (otherStacksWithIt.length === 0) return [];
  return [pathProblem('', 'stack id',
    `stack ${otherStacksWithIt[0]} has the same stack id "${stackId}"; each stack needs its own, since the id records which stack owns an FME object (set stackId on one of them)`)];
}

/** Declarations without construct paths, sorted: what the inventory file tells the handler. */
export function elsewhereOf(declarations: readonly Declaration[]): DeclaredElsewhere[] {
  const entries = declarations.map(({ path: _path, ...rest }) => rest as DeclaredElsewhere);
  return entries.sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
}
