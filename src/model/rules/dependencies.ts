import { MatcherDependency } from '../dependency';
import { problem, Problem } from '../problem';

/** One flag's rollout plan in one environment, as the dependency rules see it. */
export interface DependencyNode {
  readonly flagName: string;
  readonly environment: string;
  readonly trafficType: string;
  readonly dependencies: MatcherDependency[];
}

/** What the app declares about a flag in an environment (undefined = managed elsewhere, unknown). */
export interface DeclaredFlag {
  readonly trafficType: string;
  /** Declared treatments; undefined when not known. */
  readonly treatments?: string[];
}

export interface NodeProblem<N extends DependencyNode = DependencyNode> {
  readonly node: N;
  readonly problem: Problem;
}

/**
 * Dependency matchers ("is in feature flag") and prerequisites must not form cycles, together or
 * apart (a flag requiring another whose rules depend on it), must stay within one traffic type and
 * one environment, and may only name treatments the other flag declares (when the app declares
 * that flag). Cycles are found per environment, as FME evaluates per environment. Problems of a
 * prerequisite carry the `prerequisites` rule id; cycles are always `dependencies`.
 */
export function dependencyProblems<N extends DependencyNode>(
  nodes: N[],
  lookup: (flagName: string, environment: string) => DeclaredFlag | undefined,
): Array<NodeProblem<N>> {
  const out: Array<NodeProblem<N>> = [];
  for (const node of nodes) {
    for (const dep of node.dependencies) {
      const rule = dep.via === 'prerequisite' ? 'prerequisites' : 'dependencies';
      const verb = dep.via === 'prerequisite' ? 'requires' : 'depends on';
      const declared = lookup(dep.flagName, node.environment);
      const trafficType = dep.flag?.trafficType ?? declared?.trafficType;
      if (trafficType !== undefined && trafficType !== node.trafficType) {
        out.push({ node, problem: problem(rule, `"${node.flagName}" (traffic type ${node.trafficType}) ${verb} "${dep.flagName}" (traffic type ${trafficType}); a dependency cannot cross traffic types`) });
      }
      const treatments = declared?.treatments ?? dep.flag?.treatmentNames;
      if (treatments) {
        for (const t of dep.treatments.filter((x) => !treatments.includes(x))) {
          out.push({ node, problem: problem(rule, `"${node.flagName}" ${verb} treatment "${t}" of "${dep.flagName}", which declares only ${treatments.join(', ')}; use a declared treatment`) });
        }
      }
    }
  }
  out.push(...cycleProblems(nodes));
  return out;
}

function cycleProblems<N extends DependencyNode>(nodes: N[]): Array<NodeProblem<N>> {
  const out: Array<NodeProblem<N>> = [];
  const environments = [...new Set(nodes.map((n) => n.environment))].sort();
  for (const env of environments) {
    const inEnv = nodes.filter((n) => n.environment === env);
    const byName = new Map(inEnv.map((n) => [n.flagName, n] as const));
    const edges = new Map(inEnv.map((n) => [n.flagName, [...new Set(n.dependencies.map((d) => d.flagName))].sort()] as const));
    // An edge only a prerequisite makes is marked in the reported path, so the user sees which kind to remove.
    const prerequisiteOnly = new Set(inEnv.flatMap((n) => n.dependencies
      .filter((d) => d.via === 'prerequisite' && !n.dependencies.some((o) => o.via === undefined && o.flagName === d.flagName))
      .map((d) => `${n.flagName}\u0000${d.flagName}`)));
    const reported = new Set<string>();
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];

    const visit = (name: string): void => {
      state.set(name, 'visiting');
      stack.push(name);
      for (const next of edges.get(name) ?? []) {
        if (state.get(next) === 'visiting') {
          const cycle = stack.slice(stack.indexOf(next));
          const key = canonicalCycle(cycle);
          if (!reported.has(key)) {
            reported.add(key);
            const path = [...cycle, next].map((flag, i, all) =>
              (i === 0 ? flag : `${prerequisiteOnly.has(`${all[i - 1]}\u0000${flag}`) ? '-(prerequisite)->' : '->'} ${flag}`)).join(' ');
            out.push({ node: byName.get(next)!, problem: problem('dependencies', `dependency cycle in environment ${env}: ${path}; remove one of these dependencies`) });
          }
        } else if (!state.has(next) && edges.has(next)) {
          visit(next);
        }
      }
      stack.pop();
      state.set(name, 'done');
    };

    for (const name of [...edges.keys()].sort()) {
      if (!state.has(name)) visit(name);
    }
  }
  return out;
}

/** The same cycle found from another start is reported once. */
function canonicalCycle(cycle: string[]): string {
  const min = cycle.indexOf([...cycle].sort()[0]);
  return [...cycle.slice(min), ...cycle.slice(0, min)].join('\u0000');
}
