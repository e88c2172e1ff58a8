import type { DesiredDefinition } from './desired-definition';
import { normalizeBuckets, normalizePrerequisites, normalizeRule, normalizeTreatment, stableJson } from './normalize';
import type { Definition } from '../../client/types';
import type { DefinitionSpec } from '../../spec/resource-spec';

/** Top-level definition fields the handler converges (the JSON Patch paths it writes). */
export type DefinitionField =
  | 'treatments' | 'defaultTreatment' | 'baselineTreatment' | 'trafficAllocation' | 'rules' | 'defaultRule' | 'impressionsDisabled'
  | 'prerequisites' | 'flagSets' | 'killed';

type Comparable = Exclude<DefinitionField, 'killed' | 'flagSets'>;

/** A definition as far as the comparison reads it: live (`null` where FME leaves a field out) or desired. */
type Comparing = Omit<Partial<DefinitionSpec>, 'impressionsDisabled' | 'prerequisites' | 'flagSets'>
  & { readonly impressionsDisabled?: boolean | null; readonly prerequisites?: DefinitionSpec['prerequisites'] | null };

const CANONICAL: Record<Comparable, (d: Comparing) => unknown> = {
  // Treatment order is kept: it decides the order of individual-target conditions.
  treatments: (d) => (d.treatments ?? []).map(normalizeTreatment),
  defaultTreatment: (d) => d.defaultTreatment,
  baselineTreatment: (d) => d.baselineTreatment ?? null,
  trafficAllocation: (d) => d.trafficAllocation ?? 100,
  // Rule order is kept: the first matching rule wins.
  rules: (d) => (d.rules ?? []).map(normalizeRule),
  defaultRule: (d) => normalizeBuckets(d.defaultRule),
  // FME's default (absent or null) records impressions.
  impressionsDisabled: (d) => d.impressionsDisabled === true,
  // Part of the targeting: none declared means none (absent, null and [] are the same), so a
  // prerequisite added in the FME UI is removed like a rule would be (docs/fme-api.md#prerequisites).
  prerequisites: (d) => normalizePrerequisites(d.prerequisites),
};

/** The ids of a live definition's flag sets, sorted (FME's order carries no meaning). */
export function liveFlagSetIds(live: Definition): string[] {
  return [...new Set((live.flagSets ?? []).map((s) => s.id))].sort();
}

/**
 * The top-level fields whose live value differs semantically from the desired one. Fields the
 * desired definition leaves open (`baselineTreatment` or `impressionsDisabled` unset, flag sets
 * not declared, `killed` undefined) never differ: the code does not fight a setting it never mentions.
 */
export function changedFields(live: Definition, desired: DesiredDefinition): DefinitionField[] {
  const changed: DefinitionField[] = [];
  for (const field of Object.keys(CANONICAL) as Comparable[]) {
    if (field === 'baselineTreatment' && desired.definition.baselineTreatment === undefined) continue;
    if (field === 'impressionsDisabled' && desired.definition.impressionsDisabled === undefined) continue;
    if (stableJson(CANONICAL[field](live)) !== stableJson(CANONICAL[field](desired.definition))) changed.push(field);
  }
  if (desired.flagSetIds !== undefined && stableJson(liveFlagSetIds(live)) !== stableJson(desired.flagSetIds)) changed.push('flagSets');
  if (desired.killed !== undefined && (live.killed === true) !== desired.killed) changed.push('killed');
  return changed;
}
