import {
  AllocationPart, FlagEnvironmentPart, FlagOwnerPart, FlagSetPart, KillPart, LargeSegmentPart, Part, PlanPart, RuleBasedSegmentPart, SegmentPart,
  TargetsPart,
} from './parts';
import { PathProblem, pathProblem } from './path-problem';
import { composeRuleBasedSegments, flagRuleBasedProblems } from './rule-based-segments';
import { segmentReferenceProblems } from './segment-references';
import { unarchivablePolicy } from './unarchivable-policy';
import { initialDefinitionSpec, sortedUnique, toDefinitionSpec } from '../../model/definition';
import { mergeIntoDefinition } from '../../model/merge';
import { formatProblem } from '../../model/problem';
import { DeclaredFlag, dependencyProblems, DependencyNode } from '../../model/rules/dependencies';
import { oneTreatmentPerKeyProblems } from '../../model/rules/one-treatment-per-key';
import type { RuleId } from '../../model/rules/rule-ids';
import { targetedTwice } from '../../model/targets';
import {
  ChangeDetailsSpec, DeclaredElsewhere, EnvironmentPartSpec, ExistingPolicySpec, FlagResourceSpec, FlagSetResourceSpec, FmeTargetSpec,
  InventoryEntry, InventorySpec, LargeSegmentEnvironmentSpec, LargeSegmentResourceSpec,
  RemovalPolicySpec, RuleBasedSegmentResourceSpec, SegmentEnvironmentSpec, SegmentResourceSpec, SPEC_VERSION, TargetListSpec,
} from '../../spec/resource-spec';

/** Folder (in the stack folder) of the large segments' keys files, each named `<sha256>.csv`. */
export const LARGE_SEGMENT_FILES_DIR = 'fme-large-segments';

/** Stack-wide settings from `FmeConfig`. */
export interface ComposeSettings {
  readonly target: FmeTargetSpec;
  /** The stack's id as the owner of FME objects. */
  readonly stack: string;
  /** Stacks every object of this stack may be taken over from. */
  readonly transferFrom: readonly string[];
  readonly removalPolicy: RemovalPolicySpec;
  readonly existing: ExistingPolicySpec;
  readonly approvalEnvironments: readonly string[];
  /** Title, comment and approvers configured for an environment's writes (`FmeConfig`). */
  readonly changeDetails?: (environment: string) => ChangeDetailsSpec | undefined;
}

/**
 * What a spec part says about the writes in `environment`: the configured title and comment, and,
 * only where writes are change requests, the approvers and whether to fail until approved.
 */
function changeDetailsFor(settings: ComposeSettings, environment: string, changeRequests: boolean): { changeDetails?: ChangeDetailsSpec } {
  const all = settings.changeDetails?.(environment);
  if (!all) return {};
  const details: ChangeDetailsSpec = changeRequests ? all : {
    ...(all.title ? { title: all.title } : {}),
    ...(all.comment ? { comment: all.comment } : {}),
  };
  return Object.keys(details).length > 0 ? { changeDetails: details } : {};
}


/**
 * An FME object the stack declares as its own (a `FeatureFlag`, a `RolloutPlan`'s definition, a
 * `Segment`), with the construct that declares it: what other stacks of the app compare against.
 */
export type Declaration = DeclaredElsewhere & { readonly path: string };

export interface Composition {
  /** Sorted by flag name. */
  readonly flags: FlagResourceSpec[];
  /** Sorted by segment name. */
  readonly segments: SegmentResourceSpec[];
  /** Sorted by flag-set name. */
  readonly flagSets: FlagSetResourceSpec[];
  /** Sorted by segment name. */
  readonly ruleBasedSegments: RuleBasedSegmentResourceSpec[];
  /** Sorted by large segment name. */
  readonly largeSegments: LargeSegmentResourceSpec[];
  /** Keys files to write next to `cdk.tf.json`: path relative to the stack folder → content. */
  readonly keysFiles: ReadonlyMap<string, string>;
  readonly inventory: InventorySpec;
  readonly problems: PathProblem[];
  /** What the stack declares as its own; `stack` is this stack's id. */
  readonly declarations: Declaration[];
}

/**
 * Composes every part of a stack into one spec per flag, one per segment and the inventory
 * (docs/ARCHITECTURE.md, "Synthesized resources"), and checks the rules that span constructs:
 * conflicting claims, treatments of targets and allocations, traffic types, dependencies and
 * prerequisites (one graph, so a cycle through both is found).
 */
export function compose(parts: Part[], settings: ComposeSettings): Composition {
  const problems: PathProblem[] = [];
  const report = (path: string, rule: RuleId, message: string) => problems.push(pathProblem(path, rule, message));

  // ---- flags owned by the stack ----
  const owners = declaredOnce(parts.filter((x): x is FlagOwnerPart => x.kind === 'flag'), (p) => p.flagName, 'flag', report);

  // ---- environment parts, grouped by flag and environment ----
  const envParts = parts.filter((x): x is FlagEnvironmentPart => x.kind === 'plan' || x.kind === 'targets' || x.kind === 'allocation' || x.kind === 'kill');
  const byFlag = new Map<string, Map<string, FlagEnvironmentPart[]>>();
  for (const p of envParts) {
    const envs = byFlag.get(p.flagName) ?? new Map<string, FlagEnvironmentPart[]>();
    envs.set(p.environment, [...(envs.get(p.environment) ?? []), p]);
    byFlag.set(p.flagName, envs);
  }

  const planOf = (flagName: string, env: string): PlanPart | undefined =>
    byFlag.get(flagName)?.get(env)?.find((x): x is PlanPart => x.kind === 'plan');
  // A plan given only a flag name takes the declared flag's traffic type, else FME's default.
  const trafficTypeOf = (p: FlagEnvironmentPart): string => p.trafficType ?? owners.get(p.flagName)?.trafficType ?? 'user';

  // Traffic types: a part's traffic type must match the flag's when both are known.
  for (const p of envParts) {
    const owner = owners.get(p.flagName);
    if (owner && p.trafficType !== undefined && p.trafficType !== owner.trafficType) {
      report(p.path, 'traffic type', `flag "${p.flagName}" has traffic type ${owner.trafficType} (${owner.path}), not ${p.trafficType}; use the flag's traffic type`);
    }
  }

  // Dependencies between flags, per environment.
  const nodes: Array<DependencyNode & { path: string }> = envParts
    .filter((x): x is PlanPart => x.kind === 'plan')
    .map((p) => ({
      path: p.path,
      flagName: p.flagName,
      environment: p.environment,
      trafficType: trafficTypeOf(p),
      dependencies: [
        ...p.plan.rules.flatMap((r) => r.matchers.flatMap((m) => (m._dependency ? [m._dependency] : []))),
        // A prerequisite on the flag itself is the plan's own error (`prerequisites`), not a cycle to report twice.
        ...(p.plan.prerequisites ?? []).map((x) => x._dependency).filter((d) => d.flagName !== p.flagName),
      ],
    }));
  const lookup = (flagName: string, env: string): DeclaredFlag | undefined => {
    const plan = planOf(flagName, env);
    if (plan) return { trafficType: trafficTypeOf(plan), treatments: plan.plan.treatments.map((t) => t.name) };
    const owner = owners.get(flagName);
    return owner ? { trafficType: owner.trafficType, treatments: owner.treatments.map((t) => t.name) } : undefined;
  };
  for (const np of dependencyProblems(nodes, lookup)) {
    problems.push({ path: np.node.path, message: formatProblem(np.problem) });
  }

  // ---- one spec per flag ----
  const flagNames = sortedUnique([...owners.keys(), ...byFlag.keys()]);
  const flags: FlagResourceSpec[] = [];
  const inventory: InventoryEntry[] = [];
  const declarations: Declaration[] = [];
  const stack = settings.stack;
  for (const flagName of flagNames) {
    const owner = owners.get(flagName);
    const flagPolicy = owner?.removalPolicy ?? settings.removalPolicy;
    const envs = byFlag.get(flagName) ?? new Map<string, FlagEnvironmentPart[]>();
    const environments: EnvironmentPartSpec[] = [];
    const transfers: Array<string | undefined> = [owner?.transferFrom];
    for (const env of [...envs.keys()].sort()) {
      const part = composeEnvironment(flagName, env, envs.get(env)!, owner, settings, report);
      environments.push(part.spec);
      if (part.plan) {
        inventory.push({ t: 'definition', flag: flagName, env, policy: part.spec.removalPolicy });
        declarations.push({ stack, t: 'definition', flag: flagName, env, path: part.plan.path });
        transfers.push(part.plan.transferFrom);
      }
    }
    if (owner) {
      inventory.push({ t: 'flag', flag: flagName, policy: flagPolicy });
      declarations.push({ stack, t: 'flag', flag: flagName, path: owner.path });
    }
    flags.push({
      v: SPEC_VERSION,
      kind: 'flag',
      target: settings.target,
      stack,
      ...transferFromOf(settings, transfers),
      flagName,
      ...(owner ? { metadata: owner.metadata } : {}),
      removalPolicy: flagPolicy,
      existing: settings.existing,
      environments,
    });
  }

  // ---- segments ----
  const segmentParts = declaredOnce(parts.filter((x): x is SegmentPart => x.kind === 'segment'), (s) => s.segmentName, 'segment', report);
  const segments: SegmentResourceSpec[] = [];
  for (const name of [...segmentParts.keys()].sort()) {
    const s = segmentParts.get(name)!;
    const { policy, problems: policyProblems } = unarchivablePolicy(s, settings.removalPolicy, 'segment');
    problems.push(...policyProblems);
    const environments: SegmentEnvironmentSpec[] = [...s.keys.keys()].sort().map((env) => ({
      environment: env,
      removalPolicy: policy,
      // Only approval environments carry a write mode; absent means direct, so other specs stay as they were.
      ...(settings.approvalEnvironments.includes(env) ? { writeMode: 'changeRequest' as const } : {}),
      ...changeDetailsFor(settings, env, settings.approvalEnvironments.includes(env)),
      keys: sortedUnique(s.keys.get(env)!),
    }));
    segments.push({
      v: SPEC_VERSION,
      kind: 'segment',
      target: settings.target,
      stack,
      ...transferFromOf(settings, [s.transferFrom]),
      segmentName: name,
      metadata: { trafficType: s.trafficType, ...(s.description !== undefined ? { description: s.description } : {}) },
      removalPolicy: policy,
      existing: settings.existing,
      environments,
    });
    inventory.push({ t: 'segment', segment: name, policy });
    declarations.push({ stack, t: 'segment', segment: name, path: s.path });
    for (const e of environments) inventory.push({ t: 'segmentDefinition', segment: name, env: e.environment, policy });
  }

  problems.push(...segmentReferenceProblems(flags, segmentParts, envParts));

  // ---- flag sets ----
  const flagSetParts = declaredOnce(parts.filter((x): x is FlagSetPart => x.kind === 'flagSet'), (s) => s.flagSetName, 'flag set', report);
  const flagSets: FlagSetResourceSpec[] = [];
  for (const name of [...flagSetParts.keys()].sort()) {
    const s = flagSetParts.get(name)!;
    const { policy, problems: policyProblems } = unarchivablePolicy(s, settings.removalPolicy, 'flag set');
    problems.push(...policyProblems);
    flagSets.push({
      v: SPEC_VERSION,
      kind: 'flagSet',
      target: settings.target,
      stack,
      ...transferFromOf(settings, [s.transferFrom]),
      flagSetName: name,
      ...(s.description !== undefined ? { description: s.description } : {}),
      removalPolicy: policy,
      existing: settings.existing,
    });
    inventory.push({ t: 'flagSet', flagSet: name, policy });
    declarations.push({ stack, t: 'flagSet', flagSet: name, path: s.path });
  }

  // ---- rule-based segments ----
  const ruleBasedParts = declaredOnce(parts.filter((x): x is RuleBasedSegmentPart => x.kind === 'ruleBasedSegment'), (s) => s.segmentName,
    'rule-based segment', report);
  const ruleBased = composeRuleBasedSegments(ruleBasedParts, segmentParts, {
    ...settings, changeDetails: (env, changeRequests) => changeDetailsFor(settings, env, changeRequests),
  });
  inventory.push(...ruleBased.inventory);
  declarations.push(...ruleBased.declarations);
  problems.push(...ruleBased.problems, ...flagRuleBasedProblems(flags, ruleBasedParts, envParts));
  // A rule-based segment of another stack, given as a construct: its traffic type is still known.
  for (const plan of envParts.filter((x): x is PlanPart => x.kind === 'plan')) {
    for (const m of plan.plan.rules.flatMap((r) => r.matchers)) {
      const ref = m._ruleBasedSegment;
      if (!ref || ruleBasedParts.has(ref.segmentName) || ref.trafficType === trafficTypeOf(plan)) continue;
      report(plan.path, 'traffic type', `flag "${plan.flagName}" (traffic type ${trafficTypeOf(plan)}) uses rule-based segment "${ref.segmentName}" of traffic type ${ref.trafficType}; use a segment of the flag's traffic type`);
    }
  }

  // ---- large segments ----
  const largeParts = declaredOnce(parts.filter((x): x is LargeSegmentPart => x.kind === 'largeSegment'), (s) => s.segmentName, 'large segment', report);
  const largeSegments: LargeSegmentResourceSpec[] = [];
  const keysFiles = new Map<string, string>();
  for (const name of [...largeParts.keys()].sort()) {
    const s = largeParts.get(name)!;
    const { policy, problems: policyProblems } = unarchivablePolicy(s, settings.removalPolicy, 'large segment');
    problems.push(...policyProblems);
    const environments: LargeSegmentEnvironmentSpec[] = [...s.files.keys()].sort().map((env) => {
      const file = s.files.get(env)!;
      // Named by content: equal files are written once, and a changed file is a new path (a new spec).
      const keysFile = `${LARGE_SEGMENT_FILES_DIR}/${file.sha256}.csv`;
      keysFiles.set(keysFile, file.content);
      const changeRequests = settings.approvalEnvironments.includes(env);
      return {
        environment: env,
        removalPolicy: policy,
        ...(changeRequests ? { writeMode: 'changeRequest' as const } : {}),
        ...changeDetailsFor(settings, env, changeRequests),
        keysFile,
        sha256: file.sha256,
        keyCount: file.keyCount,
      };
    });
    largeSegments.push({
      v: SPEC_VERSION,
      kind: 'largeSegment',
      target: settings.target,
      stack,
      ...transferFromOf(settings, [s.transferFrom]),
      segmentName: name,
      metadata: { trafficType: s.trafficType, ...(s.description !== undefined ? { description: s.description } : {}) },
      removalPolicy: policy,
      existing: settings.existing,
      environments,
    });
    inventory.push({ t: 'largeSegment', segment: name, policy });
    declarations.push({ stack, t: 'largeSegment', segment: name, path: s.path });
    for (const e of environments) inventory.push({ t: 'largeSegmentDefinition', segment: name, env: e.environment, policy });
  }

  return {
    flags,
    segments,
    flagSets,
    ruleBasedSegments: ruleBased.specs,
    largeSegments,
    keysFiles,
    inventory: { v: SPEC_VERSION, kind: 'inventory', target: settings.target, stack, objects: sortInventory(inventory) },
    problems,
    declarations,
  };
}

/** `transferFrom` of one object's spec: the stack-wide list plus its constructs' own, sorted. */
function transferFromOf(settings: ComposeSettings, own: Array<string | undefined>): { transferFrom?: string[] } {
  const all = sortedUnique([...settings.transferFrom, ...own.filter((s): s is string => s !== undefined)]);
  return all.length > 0 ? { transferFrom: all } : {};
}

type Report = (path: string, rule: RuleId, message: string) => void;

/** Merges the parts declared for one flag in one environment, reporting conflicting claims. */
function composeEnvironment(
  flagName: string,
  environment: string,
  parts: FlagEnvironmentPart[],
  owner: FlagOwnerPart | undefined,
  settings: ComposeSettings,
  report: Report,
): { spec: EnvironmentPartSpec; plan?: PlanPart } {
  const where = `flag "${flagName}" in environment "${environment}"`;
  const single = <T extends FlagEnvironmentPart>(list: T[], what: string): T | undefined => {
    for (const extra of list.slice(1)) {
      report(extra.path, 'conflicting constructs', `${list[0].path} already sets ${what} of ${where}; keep one of the two constructs`);
    }
    return list[0];
  };
  const plan = single(parts.filter((x): x is PlanPart => x.kind === 'plan'), 'the rollout plan');
  const setTargets = single(parts.filter((x): x is TargetsPart => x.kind === 'targets' && x.mode === 'set'), 'the individual targets (set mode)');
  const incremental = parts.filter((x): x is TargetsPart => x.kind === 'targets' && x.mode === 'incremental');
  const allocation = single(parts.filter((x): x is AllocationPart => x.kind === 'allocation'), 'the default allocation');
  const kill = single(parts.filter((x): x is KillPart => x.kind === 'kill'), 'the kill switch');

  if (plan && allocation && plan.explicitDefaultRule) {
    report(allocation.path, 'conflicting constructs', `${plan.path} already sets the default rule of ${where}; drop the DefaultAllocation or the plan's defaultRule`);
  }

  // Treatments the targets and allocation may name: the plan's, else the owned flag's, else unknown.
  const declared = plan
    ? new Set(plan.plan.treatments.map((t) => t.name))
    : owner ? new Set(owner.treatments.map((t) => t.name)) : undefined;
  if (declared) {
    for (const t of [setTargets, ...incremental].filter((x): x is TargetsPart => x !== undefined)) {
      for (const name of Object.keys({ ...t.set, ...t.add, ...t.remove })) {
        if (!declared.has(name)) {
          report(t.path, 'individual targets', `treatment "${name}" is not declared for ${where}; use one of ${[...declared].join(', ')}`);
        }
      }
    }
    if (allocation) {
      // Sums and percentages were checked by the construct itself; only the names need the flag.
      for (const b of allocation.buckets.filter((x) => !declared.has(x.treatment))) {
        report(allocation.path, 'default allocation', `treatment "${b.treatment}" is not declared for ${where}; use one of ${[...declared].join(', ')}`);
      }
    }
  }

  // Across constructs: one key, one treatment (each construct checked its own lists already).
  const listed = [setTargets, ...incremental].filter((t): t is TargetsPart => t !== undefined)
    .flatMap((t) => Object.entries(t.set ?? t.add ?? {}).map(([treatment, list]) => ({ treatment, ...list, path: t.path })));
  for (const twice of targetedTwice(listed)) {
    const lists = listed.filter((l) => twice.treatments.includes(l.treatment));
    const last = lists.filter((l) => ((twice.kind === 'key' ? l.keys : l.segments) ?? []).includes(twice.value)).pop()!;
    for (const p of oneTreatmentPerKeyProblems([twice], `the IndividualTargets of ${where}`)) report(last.path, p.rule, p.message);
  }

  const add = mergeTargetLists(incremental.map((t) => t.add));
  const remove = mergeTargetLists(incremental.map((t) => t.remove));
  for (const [treatment, list] of Object.entries(remove ?? {})) {
    const both = (list.keys ?? []).filter((k) => (add?.[treatment]?.keys ?? []).includes(k));
    if (both.length > 0) {
      report(incremental[incremental.length - 1].path, 'individual targets', `key(s) ${both.join(', ')} are both added to and removed from treatment "${treatment}" of ${where}; keep one`);
    }
  }

  const removalPolicy = plan?.removalPolicy ?? owner?.removalPolicy ?? settings.removalPolicy;
  const writeMode = settings.approvalEnvironments.includes(environment) ? 'changeRequest' : 'direct';
  const killed = kill ? { killed: kill.killed } : {};
  const details = changeDetailsFor(settings, environment, writeMode === 'changeRequest');
  if (plan) {
    const definition = mergeIntoDefinition(toDefinitionSpec(plan.plan), {
      setTargets: setTargets?.set,
      addTargets: add,
      removeTargets: remove,
      defaultRule: allocation?.buckets,
    });
    return { spec: { environment, removalPolicy, writeMode, ...details, definition, ...killed }, plan };
  }
  return {
    spec: {
      environment,
      removalPolicy,
      writeMode,
      ...details,
      ...(owner && owner.treatments.length > 0 ? { initialDefinition: initialDefinitionSpec(owner.treatments) } : {}),
      ...(setTargets?.set ? { setTargets: setTargets.set } : {}),
      ...(add ? { addTargets: add } : {}),
      ...(remove ? { removeTargets: remove } : {}),
      ...(allocation ? { defaultRule: allocation.buckets } : {}),
      ...killed,
    },
  };
}

/** Union of several per-treatment target lists; undefined when there are none. */
function mergeTargetLists(lists: Array<Record<string, TargetListSpec> | undefined>): Record<string, TargetListSpec> | undefined {
  const out: Record<string, { keys: string[]; segments: string[] }> = {};
  for (const list of lists) {
    for (const [treatment, t] of Object.entries(list ?? {})) {
      const entry = out[treatment] ?? { keys: [], segments: [] };
      entry.keys.push(...(t.keys ?? []));
      entry.segments.push(...(t.segments ?? []));
      out[treatment] = entry;
    }
  }
  const names = Object.keys(out).sort();
  if (names.length === 0) return undefined;
  const result: Record<string, TargetListSpec> = {};
  for (const name of names) {
    const keys = sortedUnique(out[name].keys);
    const segments = sortedUnique(out[name].segments);
    result[name] = { ...(keys.length ? { keys } : {}), ...(segments.length ? { segments } : {}) };
  }
  return result;
}

function inventoryIdentity(e: InventoryEntry): string {
  switch (e.t) {
    case 'flag': return `flag\u0000${e.flag}`;
    case 'definition': return `definition\u0000${e.flag}\u0000${e.env}`;
    case 'segment': return `segment\u0000${e.segment}`;
    case 'segmentDefinition': return `segmentDefinition\u0000${e.segment}\u0000${e.env}`;
    case 'flagSet': return `flagSet\u0000${e.flagSet}`;
    case 'ruleBasedSegment': return `ruleBasedSegment\u0000${e.segment}`;
    case 'ruleBasedSegmentDefinition': return `ruleBasedSegmentDefinition\u0000${e.segment}\u0000${e.env}`;
    case 'largeSegment': return `largeSegment\u0000${e.segment}`;
    case 'largeSegmentDefinition': return `largeSegmentDefinition\u0000${e.segment}\u0000${e.env}`;
  }
}

function sortInventory(entries: InventoryEntry[]): InventoryEntry[] {
  const unique = new Map(entries.map((e) => [inventoryIdentity(e), e] as const));
  return [...unique.keys()].sort().map((k) => unique.get(k)!);
}

/** The first declaration of each name; later ones are reported as conflicts naming both paths. */
function declaredOnce<T extends { readonly path: string }>(
  parts: T[], nameOf: (part: T) => string, what: string, report: Report,
): Map<string, T> {
  const first = new Map<string, T>();
  for (const p of parts) {
    const earlier = first.get(nameOf(p));
    if (earlier) {
      report(p.path, 'conflicting constructs', `${what} "${nameOf(p)}" is also declared by ${earlier.path}; declare each ${what} once`);
    } else {
      first.set(nameOf(p), p);
    }
  }
  return first;
}
