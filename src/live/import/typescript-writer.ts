/**
 * Live flags and segments as idiomatic TypeScript for this library: `FeatureFlag`, `RolloutPlan`
 * (treatments with `DynamicConfig`, individual targets, `TargetingRule`s of `Matcher.*`,
 * `DefaultRule`, limit exposure, prerequisites), `KillSwitch`, `Segment` and `RuleBasedSegment`. What the library cannot express yet
 * is written as a comment and reported as a warning, never dropped silently: the plan of that
 * environment is then left out of the code entirely, so a deploy does not touch it.
 */
import { allocationsCode, lit, matcherCode, usedBuckets } from './matcher-code';
import type { RuleBasedSegment, RuleBasedSegmentDefinition } from '../../client/rule-based-segments';
import type { Definition, Flag, Segment } from '../../client/types';
import { userDescription } from '../../handler/segment/owner-marker';
import { ownershipOf } from '../../model/ownership';
import type { TreatmentSpec } from '../../spec/resource-spec';

export interface ImportedFlag {
  readonly flag: Flag;
  /** Environment name → live definition (only environments where the flag has one). */
  readonly definitions: ReadonlyMap<string, Definition>;
  /** Environment name → names of the flag sets the definition belongs to (resolved from ids); absent: none. */
  readonly flagSets?: ReadonlyMap<string, string[]>;
}

export interface ImportedSegment {
  readonly segment: Segment;
  /** Environment name → keys, for environments where the segment is active. */
  readonly keys: ReadonlyMap<string, string[]>;
}

export interface ImportedRuleBasedSegment {
  readonly segment: RuleBasedSegment;
  /** Environment name → live definition (only environments where the segment is configured). */
  readonly definitions: ReadonlyMap<string, RuleBasedSegmentDefinition>;
}

export interface WriterOptions {
  /** Module the generated file imports the constructs from. @default 'cdktf-harness-fme' */
  readonly library?: string;
  /** Name of the exported function. @default 'importedFromFme' */
  readonly functionName?: string;
  /** Where the objects came from, for the header comment. */
  readonly source: string;
}

export interface GeneratedCode {
  readonly text: string;
  /** What could not be expressed, one line each (also written as comments in `text`). */
  readonly warnings: string[];
}

const KNOWN_STATUSES: Record<string, string> = {
  'pre-production': 'PRE_PRODUCTION', 'ramping': 'RAMPING', 'experimenting': 'EXPERIMENTING', 'killed': 'KILLED', 'permanent': 'PERMANENT',
};

/** `new_checkout` → `NewCheckout`. */
function pascal(name: string): string {
  const base = name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((p) => p[0].toUpperCase() + p.slice(1)).join('') || 'Object';
  return /^[0-9]/.test(base) ? `F${base}` : base;
}

/** Construct ids (and variable names) of top-level objects, unique within one file. */
class Names {
  private readonly used = new Set<string>();

  public id(name: string): string {
    const safe = pascal(name);
    let candidate = safe;
    for (let i = 2; this.used.has(candidate); i++) candidate = `${safe}${i}`;
    this.used.add(candidate);
    return candidate;
  }
}

function indent(lines: string[], by = '  '): string[] {
  return lines.map((l) => (l === '' ? l : `${by}${l}`));
}

/** The treatment list of a `FeatureFlag`/`RolloutPlan`, or a reason it cannot be written. */
function treatmentsCode(treatments: readonly TreatmentSpec[], used: Set<string>): { code?: string; problem?: string } {
  const items: string[] = [];
  for (const t of treatments) {
    const parts = [`name: ${lit(t.name)}`];
    if (t.description) parts.push(`description: ${lit(t.description)}`);
    if (t.configurations) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(t.configurations);
      } catch {
        return { problem: `the config of treatment "${t.name}" is not JSON` };
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { problem: `the config of treatment "${t.name}" is not a JSON object` };
      used.add('DynamicConfig');
      parts.push(`config: DynamicConfig.fromJson(${JSON.stringify(parsed)})`);
    }
    items.push(`{ ${parts.join(', ')} }`);
  }
  return { code: `[${items.join(', ')}]` };
}

function sameTreatments(a: readonly TreatmentSpec[], b: readonly TreatmentSpec[]): boolean {
  const shape = (list: readonly TreatmentSpec[]) => JSON.stringify(list.map((t) => [t.name, t.description ?? '', t.configurations ?? '']));
  return shape(a) === shape(b);
}

/** The `RolloutPlan` (and `KillSwitch`) lines of one environment, or the reason it cannot be written. */
function planCode(
  flagVar: string, environment: string, d: Definition, flagTreatments: readonly TreatmentSpec[], used: Set<string>, flagSets: readonly string[] = [],
): { lines?: string[]; problem?: string } {
  const props: string[] = [`flag: ${flagVar},`, `environment: ${lit(environment)},`];
  const treatments = d.treatments ?? [];
  if (!sameTreatments(treatments, flagTreatments)) {
    const t = treatmentsCode(treatments, used);
    if (t.problem) return { problem: t.problem };
    props.push(`treatments: ${t.code},`);
  }
  props.push(`defaultTreatment: ${lit(d.defaultTreatment)},`);
  if (d.baselineTreatment) props.push(`baselineTreatment: ${lit(d.baselineTreatment)},`);
  if ((d.trafficAllocation ?? 100) !== 100) props.push(`limitExposure: ${d.trafficAllocation},`);
  const prerequisites = (d.prerequisites ?? []).map((p) => `Prerequisite.flagNamed(${lit(p.flagName)}, ${lit(p.treatments)}),`);
  if (prerequisites.length > 0) {
    used.add('Prerequisite');
    props.push('prerequisites: [', ...indent(prerequisites), '],');
  }
  const targets = treatments.filter((t) => t.keys?.length || t.segments?.length).map((t) => [
    `treatment: ${lit(t.name)}`,
    ...(t.keys?.length ? [`keys: ${lit(t.keys)}`] : []),
    ...(t.segments?.length ? [`segments: ${lit(t.segments)}`] : []),
  ].join(', '));
  if (targets.length > 0) props.push('individualTargets: [', ...targets.map((t) => `  { ${t} },`), '],');
  const rules: string[] = [];
  for (const [i, rule] of (d.rules ?? []).entries()) {
    const matchers = (rule.condition?.matchers ?? []).map((m) => ({ m, code: matcherCode(m) }));
    const missing = matchers.find((x) => x.code === undefined);
    if (missing) return { problem: `rule ${i + 1} uses a matcher the library cannot express yet: ${JSON.stringify(missing.m)}` };
    if (matchers.length === 0) return { problem: `rule ${i + 1} has no matcher` };
    used.add('TargetingRule').add('Matcher');
    const buckets = usedBuckets(rule.buckets);
    const list = `[${matchers.map((x) => x.code).join(', ')}]`;
    if (buckets.length === 1 && buckets[0].size === 100) {rules.push(`TargetingRule.serve(${lit(buckets[0].treatment)}, ${list}),`);} else {
      used.add('Allocation');
      rules.push(`TargetingRule.distribute(${allocationsCode(buckets)}, ${list}),`);
    }
  }
  if (rules.length > 0) props.push('rules: [', ...indent(rules), '],');
  const defaults = usedBuckets(d.defaultRule);
  used.add('DefaultRule');
  if (defaults.length === 1 && defaults[0].size === 100) {props.push(`defaultRule: DefaultRule.serve(${lit(defaults[0].treatment)}),`);} else {
    used.add('Allocation');
    props.push(`defaultRule: DefaultRule.distribute(${allocationsCode(defaults)}),`);
  }
  if (flagSets.length > 0) {
    // Sets are named, not declared: importing never takes a set over (FME cannot record a new owner on one).
    used.add('FlagSet');
    props.push(`flagSets: [${flagSets.map((n) => `FlagSet.fromName(${lit(n)})`).join(', ')}],`);
  }
  used.add('RolloutPlan');
  const id = pascal(environment);
  const lines = [`new RolloutPlan(${flagVar}, ${lit(id)}, {`, ...indent(props), '});'];
  if (d.killed === true) {
    used.add('KillSwitch');
    lines.push(`new KillSwitch(${flagVar}, ${lit(`Kill${id}`)}, { flag: ${flagVar}, environment: ${lit(environment)}, killed: true });`);
  }
  return { lines };
}

function flagCode(f: ImportedFlag, names: Names, used: Set<string>, warnings: string[]): string[] {
  const { flag } = f;
  const id = names.id(flag.name);
  const variable = id[0].toLowerCase() + id.slice(1);
  const first = [...f.definitions.values()][0];
  const flagTreatments = first?.treatments ?? [];
  const props: string[] = [`flagName: ${lit(flag.name)},`];
  if (flag.trafficType?.name && flag.trafficType.name !== 'user') props.push(`trafficType: ${lit(flag.trafficType.name)},`);
  if (flag.description) props.push(`description: ${lit(flag.description)},`);
  const userTags = ownershipOf((flag.tags ?? []).map((t) => t.name)).userTags;
  if (userTags.length > 0) props.push(`tags: ${lit([...userTags])},`);
  const status = flag.rolloutStatus?.name;
  if (status) {
    used.add('RolloutStatus');
    const known = KNOWN_STATUSES[status.toLowerCase()];
    props.push(`rolloutStatus: ${known ? `RolloutStatus.${known}` : `RolloutStatus.named(${lit(status)})`},`);
  }
  const lines: string[] = [];
  const treatments = treatmentsCode(flagTreatments, used);
  if (flagTreatments.length > 0 && treatments.code) props.push(`treatments: ${treatments.code},`);
  used.add('FeatureFlag');
  lines.push(`const ${variable} = new FeatureFlag(scope, ${lit(id)}, {`, ...indent(props), '});');
  if (flag.owners?.length) {
    lines.push(`// FME lists owners ${flag.owners.map((o) => `${o.type}:${o.id}`).join(', ')} (ids); owners are left as they are in FME.`);
  }
  for (const [environment, d] of f.definitions) {
    const plan = planCode(variable, environment, d, flagTreatments, used, f.flagSets?.get(environment));
    if (plan.lines) {
      lines.push(...plan.lines);
    } else {
      const warning = `flag ${flag.name} / ${environment}: not imported: ${plan.problem}; its plan is left out of the code (a deploy does not touch it)`;
      warnings.push(warning);
      lines.push(`// TODO(cdktf-fme import): ${warning}.`, `// Live definition: ${JSON.stringify(d).replace(/\n/g, ' ')}`);
    }
  }
  return lines;
}

function segmentCode(s: ImportedSegment, names: Names, used: Set<string>): string[] {
  used.add('Segment');
  const props = [`segmentName: ${lit(s.segment.name)},`];
  if (s.segment.trafficType?.name && s.segment.trafficType.name !== 'user') props.push(`trafficType: ${lit(s.segment.trafficType.name)},`);
  // The owner marker the handler may have added to the description is not the user's text.
  const description = userDescription(s.segment.description);
  if (description) props.push(`description: ${lit(description)},`);
  if (s.keys.size > 0) {
    props.push('environmentKeys: [', ...[...s.keys].map(([environment, keys]) => `  { environment: ${lit(environment)}, keys: ${lit([...keys].sort())} },`), '],');
  }
  return [`new Segment(scope, ${lit(names.id(`Segment ${s.segment.name}`))}, {`, ...indent(props), '});'];
}

const EXCLUDED: Record<string, string> = { standard_segment: 'standardNamed', rule_based_segment: 'ruleBasedNamed' };

/** One environment of a `RuleBasedSegment` (`{ environment, rules, excludedKeys, excludedSegments }`), or why it cannot be written. */
function ruleBasedEnvironmentCode(environment: string, d: RuleBasedSegmentDefinition, used: Set<string>): { lines?: string[]; problem?: string } {
  const rules: string[] = [];
  for (const [i, rule] of (d.rules ?? []).entries()) {
    const matchers = (rule.condition?.matchers ?? []).map((m) => ({ m, code: matcherCode(m) }));
    const missing = matchers.find((x) => x.code === undefined);
    if (missing) return { problem: `rule ${i + 1} uses a matcher the library cannot express yet: ${JSON.stringify(missing.m)}` };
    if (matchers.length === 0) return { problem: `rule ${i + 1} has no matcher` };
    rules.push(`RuleBasedSegmentRule.matching([${matchers.map((x) => x.code).join(', ')}]),`);
  }
  // The construct refuses a segment without rules (no key would be in it: docs/rules.md).
  if (rules.length === 0) return { problem: 'it has no rules (configured, but no key is in it)' };
  const excluded: string[] = [];
  for (const e of d.excludedSegments ?? []) {
    const factory = EXCLUDED[e.type];
    if (!factory) return { problem: `it excludes segment ${e.name} of type ${e.type}, which the library cannot express yet` };
    excluded.push(`ExcludedSegment.${factory}(${lit(e.name)}),`);
  }
  used.add('RuleBasedSegmentRule').add('Matcher');
  const props = [`environment: ${lit(environment)},`, 'rules: [', ...indent(rules), '],'];
  if ((d.excludedKeys ?? []).length > 0) props.push(`excludedKeys: ${lit([...d.excludedKeys!].sort())},`);
  if (excluded.length > 0) {
    used.add('ExcludedSegment');
    props.push('excludedSegments: [', ...indent(excluded), '],');
  }
  return { lines: ['{', ...indent(props), '},'] };
}

/**
 * A `RuleBasedSegment` with its rules per environment. An environment whose definition the library
 * cannot express is left out (a comment and a warning), so a deploy does not touch it.
 */
function ruleBasedCode(s: ImportedRuleBasedSegment, names: Names, used: Set<string>, warnings: string[]): string[] {
  used.add('RuleBasedSegment');
  const name = s.segment.name;
  const props = [`segmentName: ${lit(name)},`];
  if (s.segment.trafficType?.name && s.segment.trafficType.name !== 'user') props.push(`trafficType: ${lit(s.segment.trafficType.name)},`);
  const description = userDescription(s.segment.description);
  if (description) props.push(`description: ${lit(description)},`);
  const environments: string[] = [];
  const skipped: string[] = [];
  for (const [environment, d] of s.definitions) {
    const code = ruleBasedEnvironmentCode(environment, d, used);
    if (code.lines) {
      environments.push(...code.lines);
    } else {
      const warning = `rule-based segment ${name} / ${environment}: not imported: ${code.problem}; this environment is left out of the code (a deploy does not touch it)`;
      warnings.push(warning);
      skipped.push(`// TODO(cdktf-fme import): ${warning}.`, `// Live definition: ${JSON.stringify(d).replace(/\n/g, ' ')}`);
    }
  }
  if (environments.length > 0) props.push('environments: [', ...indent(environments), '],');
  return [...skipped, `new RuleBasedSegment(scope, ${lit(names.id(`RuleBasedSegment ${name}`))}, {`, ...indent(props), '});'];
}

/** The whole file: one exported function that declares every imported object in a scope (the stack). */
export function writeTypeScript(
  flags: readonly ImportedFlag[], segments: readonly ImportedSegment[], options: WriterOptions,
  ruleBasedSegments: readonly ImportedRuleBasedSegment[] = [],
): GeneratedCode {
  const names = new Names();
  const used = new Set<string>();
  const warnings: string[] = [];
  const body: string[] = [];
  for (const s of segments) body.push(...segmentCode(s, names, used), '');
  for (const s of ruleBasedSegments) body.push(...ruleBasedCode(s, names, used, warnings), '');
  for (const f of flags) body.push(...flagCode(f, names, used, warnings), '');
  while (body[body.length - 1] === '') body.pop();
  const fn = options.functionName ?? 'importedFromFme';
  const counts = ruleBasedSegments.length > 0
    ? `, ${segments.length} segment(s) and ${ruleBasedSegments.length} rule-based segment(s)` : ` and ${segments.length} segment(s)`;
  const text = [
    `// Generated by \`cdktf-fme import\` from ${options.source}.`,
    '// Review it, then commit it: from now on this code is what FME serves (see docs/live.md).',
    "import { Construct } from 'constructs';",
    `import { ${[...used].sort().join(', ')} } from ${lit(options.library ?? 'cdktf-harness-fme')};`,
    '',
    `/** Declares ${flags.length} flag(s)${counts} `
      + 'imported from FME; call it with the stack that holds the FmeConfig. */',
    `export function ${fn}(scope: Construct): void {`,
    ...indent(body),
    '}',
    '',
  ].join('\n');
  return { text, warnings };
}
