/**
 * What differs between a live definition and the desired one, field by field and line by line.
 * Which fields differ is decided by the handler's own comparison (`changedFields`), so `diff` and a
 * deploy can never disagree; this only explains each of those fields in the constructs' words.
 */
import type { Field } from './difference';
import type { Definition } from '../client/types';
import type { DefinitionField } from '../handler/flag/definition-diff';
import type { DesiredDefinition } from '../handler/flag/desired-definition';
import { normalizeRule, normalizeTreatment, stableJson } from '../handler/flag/normalize';
import { bucketsText, ruleText } from '../model/rule-text';
import type { DefinitionSpec, PrerequisiteSpec, RuleSpec, TreatmentSpec } from '../spec/resource-spec';

/** A treatment in the handler's canonical form. */
interface CanonicalTreatment {
  readonly name: string;
  readonly description: string;
  readonly configurations: string;
  readonly keys: string[];
  readonly segments: string[];
}

export interface FieldChange {
  readonly field: Field;
  readonly details: string[];
}

const MAX_SHOWN = 20;

/** `a, b, c` — at most 20 values, then `… and N more`. */
function shortList(values: readonly string[]): string {
  const shown = values.slice(0, MAX_SHOWN).join(', ');
  return values.length > MAX_SHOWN ? `${shown} … and ${values.length - MAX_SHOWN} more` : shown;
}

function truncate(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Explains each changed field; `fields` comes from `changedFields(live, desired)`. `flagSetNames`
 * (id → name) shows the live definition's flag sets by name.
 */
export function definitionChanges(
  live: Definition, desired: DesiredDefinition, fields: readonly DefinitionField[], flagSetNames: ReadonlyMap<string, string> = new Map(),
): FieldChange[] {
  const code = desired.definition;
  const out: FieldChange[] = [];
  for (const field of fields) {
    switch (field) {
      case 'treatments':
        out.push(...treatmentChanges(live.treatments ?? [], code.treatments));
        break;
      case 'rules':
        out.push({ field: 'rules', details: ruleChanges(live.rules ?? [], code.rules) });
        break;
      case 'defaultRule':
        out.push({ field: 'defaultRule', details: [`~ default rule: ${bucketsText(live.defaultRule)} → ${bucketsText(code.defaultRule)}`] });
        break;
      case 'trafficAllocation':
        out.push({ field: 'limitExposure', details: [`~ limit exposure: ${live.trafficAllocation ?? 100}% → ${code.trafficAllocation}%`] });
        break;
      case 'defaultTreatment':
        out.push({ field: 'defaultTreatment', details: [`~ default treatment: ${live.defaultTreatment} → ${code.defaultTreatment}`] });
        break;
      case 'baselineTreatment':
        out.push({ field: 'baselineTreatment', details: [`~ baseline treatment: ${live.baselineTreatment ?? 'none'} → ${code.baselineTreatment ?? 'none'}`] });
        break;
      case 'prerequisites':
        out.push({ field: 'prerequisites', details: prerequisiteChanges(live.prerequisites ?? [], code.prerequisites ?? []) });
        break;
      case 'flagSets': {
        const before = new Set((live.flagSets ?? []).map((r) => flagSetNames.get(r.id) ?? `id ${r.id}`));
        const after = new Set(code.flagSets ?? []);
        out.push({
          field: 'flagSets',
          details: [
            ...[...after].filter((n) => !before.has(n)).sort().map((n) => `+ flag set ${n}`),
            ...[...before].filter((n) => !after.has(n)).sort().map((n) => `- flag set ${n}`),
          ],
        });
        break;
      }
      case 'killed':
        out.push({ field: 'killed', details: [`~ killed: ${live.killed === true ? 'killed' : 'not killed'} → ${desired.killed ? 'killed' : 'not killed'}`] });
        break;
    }
  }
  return out;
}

/** Treatments, their configs and their individual targets, as three fields. */
function treatmentChanges(liveList: readonly TreatmentSpec[], codeList: readonly TreatmentSpec[]): FieldChange[] {
  const live = liveList.map((t) => normalizeTreatment(t) as CanonicalTreatment);
  const code = codeList.map((t) => normalizeTreatment(t) as CanonicalTreatment);
  const liveByName = new Map(live.map((t) => [t.name, t]));
  const codeByName = new Map(code.map((t) => [t.name, t]));
  const treatments: string[] = [];
  const configs: string[] = [];
  const targets: string[] = [];
  for (const t of live) if (!codeByName.has(t.name)) treatments.push(`- treatment ${t.name}`);
  for (const t of code) if (!liveByName.has(t.name)) treatments.push(`+ treatment ${t.name}`);
  const common = code.filter((t) => liveByName.has(t.name)).map((t) => t.name);
  const liveOrder = live.filter((t) => codeByName.has(t.name)).map((t) => t.name);
  if (treatments.length === 0 && common.join() !== liveOrder.join()) treatments.push(`~ treatment order: ${liveOrder.join(', ')} → ${common.join(', ')}`);
  for (const name of common) {
    const l = liveByName.get(name)!;
    const c = codeByName.get(name)!;
    if (l.description !== c.description) treatments.push(`~ treatment ${name}: description ${JSON.stringify(l.description)} → ${JSON.stringify(c.description)}`);
    if (l.configurations !== c.configurations) configs.push(`~ config of ${name}: ${truncate(l.configurations || 'none')} → ${truncate(c.configurations || 'none')}`);
  }
  // Targets of treatments that exist on one side only count as targets too: a reviewer must see every key.
  for (const name of [...new Set([...live.map((t) => t.name), ...code.map((t) => t.name)])]) {
    const l = liveByName.get(name);
    const c = codeByName.get(name);
    for (const what of ['keys', 'segments'] as const) {
      const before = new Set(l?.[what] ?? []);
      const after = new Set(c?.[what] ?? []);
      const noun = what === 'keys' ? 'key' : 'segment';
      const added = [...after].filter((k) => !before.has(k));
      const removed = [...before].filter((k) => !after.has(k));
      if (added.length > 0) targets.push(`+ target ${name}: ${noun}${added.length > 1 ? 's' : ''} ${shortList(added)}`);
      if (removed.length > 0) targets.push(`- target ${name}: ${noun}${removed.length > 1 ? 's' : ''} ${shortList(removed)}`);
    }
  }
  const out: FieldChange[] = [];
  if (treatments.length > 0) out.push({ field: 'treatments', details: treatments });
  if (configs.length > 0) out.push({ field: 'configs', details: configs });
  if (targets.length > 0) out.push({ field: 'targets', details: targets });
  return out;
}

/**
 * Rules added, removed and changed. Rules are matched by their canonical form; with the same
 * number of rules and no exact match at a position, that position is shown as changed.
 */
export function ruleChanges(liveRules: readonly RuleSpec[], codeRules: readonly RuleSpec[]): string[] {
  const key = (r: RuleSpec) => stableJson(normalizeRule(r));
  const liveKeys = liveRules.map(key);
  const codeKeys = codeRules.map(key);
  if (liveRules.length === codeRules.length) {
    const changed = codeRules.map((r, i) => (liveKeys[i] === codeKeys[i] ? undefined : `~ rule ${i + 1}: ${ruleText(liveRules[i])}  ⇒  ${ruleText(r)}`));
    return changed.filter((line): line is string => line !== undefined);
  }
  const out: string[] = [];
  liveRules.forEach((r, i) => { if (!codeKeys.includes(liveKeys[i])) out.push(`- rule ${i + 1}: ${ruleText(r)}`); });
  codeRules.forEach((r, i) => { if (!liveKeys.includes(codeKeys[i])) out.push(`+ rule ${i + 1}: ${ruleText(r)}`); });
  if (out.length === 0) out.push(`~ rule order: ${liveRules.length} rules reordered`);
  return out;
}

/** `flag in [on, beta]`, the words a prerequisite is shown in. */
function prerequisiteText(p: PrerequisiteSpec): string {
  return `${p.flagName} in [${[...new Set(p.treatments)].sort().join(', ')}]`;
}

/** Prerequisites added, removed and changed (matched by flag name; order carries no meaning). */
export function prerequisiteChanges(liveList: readonly PrerequisiteSpec[], codeList: readonly PrerequisiteSpec[]): string[] {
  const liveBy = new Map(liveList.map((p) => [p.flagName, p]));
  const codeBy = new Map(codeList.map((p) => [p.flagName, p]));
  const out: string[] = [];
  for (const name of [...new Set([...liveBy.keys(), ...codeBy.keys()])].sort()) {
    const l = liveBy.get(name);
    const c = codeBy.get(name);
    if (l && !c) out.push(`- prerequisite ${prerequisiteText(l)}`);
    else if (c && !l) out.push(`+ prerequisite ${prerequisiteText(c)}`);
    else if (l && c && prerequisiteText(l) !== prerequisiteText(c)) out.push(`~ prerequisite ${prerequisiteText(l)} → ${prerequisiteText(c)}`);
  }
  return out;
}

/** A definition the deploy will create, in a few lines: treatments, targets, rules, default rule, exposure, kill. */
export function definitionSummary(definition: DefinitionSpec, killed: boolean | undefined): string[] {
  const lines = [`+ treatments: ${definition.treatments.map((t) => t.name).join(', ')} (default ${definition.defaultTreatment})`];
  for (const t of definition.treatments) {
    if (t.configurations) lines.push(`+ config of ${t.name}: ${truncate(t.configurations)}`);
    if (t.keys?.length) lines.push(`+ target ${t.name}: key${t.keys.length > 1 ? 's' : ''} ${shortList(t.keys)}`);
    if (t.segments?.length) lines.push(`+ target ${t.name}: segment${t.segments.length > 1 ? 's' : ''} ${shortList(t.segments)}`);
  }
  definition.rules.forEach((r, i) => lines.push(`+ rule ${i + 1}: ${ruleText(r)}`));
  for (const p of definition.prerequisites ?? []) lines.push(`+ prerequisite ${prerequisiteText(p)}`);
  lines.push(`+ default rule: ${bucketsText(definition.defaultRule)}`);
  if (definition.trafficAllocation !== 100) lines.push(`+ limit exposure: ${definition.trafficAllocation}%`);
  if (killed) lines.push('+ killed');
  return lines;
}

