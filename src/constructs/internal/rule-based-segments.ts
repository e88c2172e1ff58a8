import type { FlagEnvironmentPart, RuleBasedSegmentPart, SegmentPart } from './parts';
import { PathProblem, pathProblem } from './path-problem';
import { unarchivablePolicy } from './unarchivable-policy';
import { sortedUnique } from '../../model/definition';
import { formatProblem } from '../../model/problem';
import { ruleBasedSegmentCycles } from '../../model/rules/rule-based-segments';
import {
  ChangeDetailsSpec, DeclaredElsewhere, FlagResourceSpec, FmeTargetSpec, InventoryEntry, RemovalPolicySpec,
  RuleBasedSegmentDefinitionSpec, RuleBasedSegmentResourceSpec, SPEC_VERSION,
} from '../../spec/resource-spec';

/** What composing rule-based segments needs from the stack's settings. */
export interface RuleBasedSettings {
  readonly target: FmeTargetSpec;
  readonly stack: string;
  readonly transferFrom: readonly string[];
  readonly removalPolicy: RemovalPolicySpec;
  readonly existing: 'adopt' | 'fail';
  readonly approvalEnvironments: readonly string[];
  readonly changeDetails: (environment: string, changeRequests: boolean) => { changeDetails?: ChangeDetailsSpec };
}

export interface RuleBasedComposition {
  readonly specs: RuleBasedSegmentResourceSpec[];
  readonly inventory: InventoryEntry[];
  readonly declarations: Array<DeclaredElsewhere & { readonly path: string }>;
  readonly problems: PathProblem[];
}

/** The Admin API definition of a rule-based segment in one environment. */
function definitionOf(part: RuleBasedSegmentPart, env: string): RuleBasedSegmentDefinitionSpec {
  const e = part.environments.get(env)!;
  const excluded = e.excludedSegments.map((s) => ({ name: s.segmentName, type: s._kind === 'standard' ? 'standard_segment' as const : 'rule_based_segment' as const }));
  const unique = new Map(excluded.map((s) => [`${s.type}\u0000${s.name}`, s] as const));
  return {
    rules: e.rules.map((r) => ({ condition: { combiner: 'AND' as const, matchers: r.matchers.map((m) => m._spec) } })),
    excludedKeys: sortedUnique(e.excludedKeys),
    excludedSegments: [...unique.keys()].sort().map((k) => unique.get(k)!),
  };
}

/** Rule-based segments one definition names: in `IN_RULE_BASED_SEGMENT` matchers and exclusions. */
export function ruleBasedReferences(definition: RuleBasedSegmentDefinitionSpec | undefined): { ruleBased: string[]; standard: string[] } {
  if (!definition) return { ruleBased: [], standard: [] };
  const ruleBased = definition.rules.flatMap((r) => r.condition.matchers.filter((m) => m.type === 'IN_RULE_BASED_SEGMENT' && m.string).map((m) => m.string!));
  const standard = definition.rules.flatMap((r) => r.condition.matchers.filter((m) => m.type === 'IN_SEGMENT' && m.string).map((m) => m.string!));
  for (const s of definition.excludedSegments) (s.type === 'rule_based_segment' ? ruleBased : standard).push(s.name);
  return { ruleBased: sortedUnique(ruleBased), standard: sortedUnique(standard) };
}

/**
 * One spec per rule-based segment, with the rules that span constructs: references to segments
 * of this app must share the traffic type and be configured in the environment, and no segment
 * may reach itself (docs/rules.md#rule-based-segments).
 */
export function composeRuleBasedSegments(
  parts: ReadonlyMap<string, RuleBasedSegmentPart>, segments: ReadonlyMap<string, SegmentPart>, settings: RuleBasedSettings,
): RuleBasedComposition {
  const problems: PathProblem[] = [];
  const specs: RuleBasedSegmentResourceSpec[] = [];
  const inventory: InventoryEntry[] = [];
  const declarations: Array<DeclaredElsewhere & { readonly path: string }> = [];
  const nodes: Array<{ segmentName: string; environment: string; references: string[]; path: string }> = [];
  for (const name of [...parts.keys()].sort()) {
    const part = parts.get(name)!;
    const { policy, problems: policyProblems } = unarchivablePolicy(part, settings.removalPolicy, 'rule-based segment');
    problems.push(...policyProblems);
    const environments = [...part.environments.keys()].sort().map((env) => {
      const changeRequests = settings.approvalEnvironments.includes(env);
      const definition = definitionOf(part, env);
      const refs = ruleBasedReferences(definition);
      nodes.push({ segmentName: name, environment: env, references: refs.ruleBased, path: part.path });
      problems.push(...referenceProblems(part, env, refs, parts, segments));
      return {
        environment: env,
        removalPolicy: policy,
        ...(changeRequests ? { writeMode: 'changeRequest' as const } : {}),
        ...settings.changeDetails(env, changeRequests),
        definition,
      };
    });
    const transfers = sortedUnique([...settings.transferFrom, ...(part.transferFrom ? [part.transferFrom] : [])]);
    specs.push({
      v: SPEC_VERSION,
      kind: 'ruleBasedSegment',
      target: settings.target,
      stack: settings.stack,
      ...(transfers.length > 0 ? { transferFrom: transfers } : {}),
      segmentName: name,
      metadata: { trafficType: part.trafficType, ...(part.description !== undefined ? { description: part.description } : {}) },
      removalPolicy: policy,
      existing: settings.existing,
      environments,
    });
    inventory.push({ t: 'ruleBasedSegment', segment: name, policy });
    for (const e of environments) inventory.push({ t: 'ruleBasedSegmentDefinition', segment: name, env: e.environment, policy });
    declarations.push({ stack: settings.stack, t: 'ruleBasedSegment', segment: name, path: part.path });
  }
  for (const cycle of ruleBasedSegmentCycles(nodes)) {
    problems.push({ path: (cycle.node as typeof nodes[number]).path, message: formatProblem(cycle.problem) });
  }
  return { specs, inventory, declarations, problems };
}

function referenceProblems(
  part: RuleBasedSegmentPart, env: string, refs: { ruleBased: string[]; standard: string[] },
  parts: ReadonlyMap<string, RuleBasedSegmentPart>, segments: ReadonlyMap<string, SegmentPart>,
): PathProblem[] {
  const problems: PathProblem[] = [];
  const check = (kind: string, name: string, other: { trafficType: string; path: string } | undefined, configured: boolean, advice: string) => {
    if (!other) return;
    if (other.trafficType !== part.trafficType) {
      problems.push(pathProblem(part.path, 'traffic type', `rule-based segment "${part.segmentName}" (traffic type ${part.trafficType}) refers to ${kind} "${name}" of traffic type ${other.trafficType} (${other.path}); refer to a segment of the same traffic type`));
    }
    if (!configured) {
      problems.push(pathProblem(part.path, 'rule-based segments', `rule-based segment "${part.segmentName}" refers to ${kind} "${name}" in environment "${env}", where ${other.path} does not configure it; ${advice}`));
    }
  };
  for (const name of refs.standard) {
    const s = segments.get(name);
    check('segment', name, s, s?.keys.has(env) ?? true, `add keys for "${env}" to the segment`);
  }
  for (const name of refs.ruleBased) {
    const r = parts.get(name);
    check('rule-based segment', name, r, r?.environments.has(env) ?? true, `configure that rule-based segment in "${env}"`);
  }
  return problems;
}

/** Rule-based segments each flag's `IN_RULE_BASED_SEGMENT` matchers name, by environment. */
export function flagRuleBasedReferences(flag: FlagResourceSpec): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const env of flag.environments) {
    const names = (env.definition?.rules ?? []).flatMap((r) => r.condition.matchers)
      .filter((m) => m.type === 'IN_RULE_BASED_SEGMENT' && m.string).map((m) => m.string!);
    if (names.length > 0) out.set(env.environment, sortedUnique(names));
  }
  return out;
}

/**
 * A rule-based segment of this app used by a flag must share the flag's traffic type and be
 * configured in the environment that uses it.
 */
export function flagRuleBasedProblems(
  flags: FlagResourceSpec[], parts: ReadonlyMap<string, RuleBasedSegmentPart>, envParts: FlagEnvironmentPart[],
): PathProblem[] {
  const problems: PathProblem[] = [];
  const planPath = new Map(envParts.filter((p) => p.kind === 'plan').map((p) => [`${p.flagName}\u0000${p.environment}`, p] as const));
  for (const flag of flags) {
    for (const [env, names] of flagRuleBasedReferences(flag)) {
      const plan = planPath.get(`${flag.flagName}\u0000${env}`);
      const trafficType = flag.metadata?.trafficType ?? plan?.trafficType;
      for (const name of names) {
        const r = parts.get(name);
        if (!r) continue;
        if (trafficType !== undefined && r.trafficType !== trafficType) {
          problems.push(pathProblem(plan?.path ?? '', 'traffic type', `flag "${flag.flagName}" (traffic type ${trafficType}) uses rule-based segment "${name}" of traffic type ${r.trafficType} (${r.path}); use a segment of the flag's traffic type`));
        }
        if (!r.environments.has(env)) {
          problems.push(pathProblem(plan?.path ?? '', 'rule-based segments', `flag "${flag.flagName}" uses rule-based segment "${name}" in environment "${env}", where ${r.path} does not configure it; configure it there (environments or addEnvironment)`));
        }
      }
    }
  }
  return problems;
}
