/**
 * One flag of the code against live FME: ownership, metadata, and each environment's definition.
 * The desired definition is composed by the handler (`composeDesired`) and compared by the
 * handler (`changedFields`), so what `diff` reports is what a deploy writes.
 */
import { definitionChanges, definitionSummary } from './definition-details';
import { Difference } from './difference';
import { envKey, LiveWorkspace } from './live-reader';
import { ownershipDifference } from './ownership-difference';
import type { Flag } from '../client/types';
import { HandlerError } from '../handler/errors';
import { changedFields } from '../handler/flag/definition-diff';
import { composeDesired, DesiredDefinition, withFlagSetIds } from '../handler/flag/desired-definition';
import { conflictingTrafficType, descriptionDiffers, rolloutStatusDiffers } from '../handler/flag/metadata';
import { flagOwnership } from '../handler/ownership';
import { claimDecision, planDecision } from '../model/ownership';
import type { EnvironmentPartSpec, FlagMetadataSpec, FlagResourceSpec } from '../spec/resource-spec';

/** Environment name or id (as specs name them) → id, for reading plan records on flags. */
export type EnvironmentIds = ReadonlyMap<string, string>;

export function compareFlag(spec: FlagResourceSpec, live: LiveWorkspace, environmentIds: EnvironmentIds): Difference[] {
  const name = spec.flagName;
  const flag = live.flags.get(name);
  const base = { kind: 'flag' as const, name };
  if (!flag) {
    if (!spec.metadata) {
      return [{
        ...base,
        field: 'flag',
        action: 'blocked',
        details: ['! the flag does not exist in FME, and this stack only declares rollout plans on it: the deploy fails; create the flag first or declare it with FeatureFlag'],
      }];
    }
    const created: Difference = { ...base, field: 'flag', action: 'create', details: [`+ flag ${name} (traffic type ${spec.metadata.trafficType})`] };
    return [created, ...spec.environments.map((part) => createdPart(name, part))];
  }
  const out: Difference[] = [];
  const ownership = flagOwnership(flag);
  const stack = spec.stack ?? '';
  const transferFrom = spec.transferFrom ?? [];
  if (spec.metadata) {
    const decision = claimDecision(ownership, stack, transferFrom, spec.existing === 'adopt');
    const owner = ownershipDifference({ ...base, stack, decision, construct: 'FeatureFlag' });
    if (owner) out.push(owner);
    out.push(...metadataDifferences(name, spec.metadata, flag));
  } else {
    for (const part of spec.environments.filter((p) => p.definition)) {
      const envId = environmentIds.get(part.environment);
      if (envId === undefined) continue;
      const exists = live.definitions.get(envKey(name, part.environment)) !== undefined;
      const decision = planDecision(ownership, envId, stack, transferFrom, exists);
      const owner = ownershipDifference({ ...base, environment: part.environment, stack, decision, construct: 'RolloutPlan' });
      if (owner) out.push(owner);
    }
  }
  for (const part of spec.environments) out.push(...partDifferences(name, part, live));
  return out;
}

/** A definition the deploy creates (from the plan, or from FME's initial definition plus the parts), or why it cannot. */
function createdPart(flag: string, part: EnvironmentPartSpec): Difference {
  const base = { kind: 'flag' as const, name: flag, environment: part.environment, field: 'definition' as const };
  try {
    const desired = composeDesired(flag, part, undefined);
    return { ...base, action: 'create', details: definitionSummary(desired.definition, desired.killed) };
  } catch (e) {
    if (e instanceof HandlerError) return { ...base, action: 'blocked', details: [`! ${e.message}`] };
    throw e;
  }
}

function partDifferences(flag: string, part: EnvironmentPartSpec, live: LiveWorkspace): Difference[] {
  const definition = live.definitions.get(envKey(flag, part.environment));
  if (!definition) return [createdPart(flag, part)];
  const base = { kind: 'flag' as const, name: flag, environment: part.environment };
  const openChangeRequest = definition.openChangeRequestId ?? undefined;
  let desired: DesiredDefinition;
  try {
    desired = withFlagSetIds(composeDesired(flag, part, definition), flagSetIdsByName(live, part.definition?.flagSets ?? []));
  } catch (e) {
    if (e instanceof HandlerError) return [{ ...base, field: 'definition', action: 'blocked', details: [`! ${e.message}`] }];
    throw e;
  }
  return definitionChanges(definition, desired, changedFields(definition, desired), flagSetNamesById(live)).map((change) => ({
    ...base, field: change.field, action: 'update', details: change.details, ...(openChangeRequest ? { openChangeRequest } : {}),
  }));
}

/**
 * Metadata the handler would write, by the handler's own comparisons (fields the spec leaves unset
 * are left as they are in FME; owners are never written: docs/fme-api.md#owners).
 */
function metadataDifferences(name: string, metadata: FlagMetadataSpec, flag: Flag): Difference[] {
  const base = { kind: 'flag' as const, name, action: 'update' as const };
  const out: Difference[] = [];
  const liveType = conflictingTrafficType(flag, metadata);
  if (liveType) {
    out.push({
      ...base,
      field: 'trafficType',
      action: 'blocked',
      details: [`! traffic type: ${liveType} → ${metadata.trafficType}: FME cannot change a flag's traffic type; the deploy fails`],
    });
  }
  if (descriptionDiffers(flag, metadata)) {
    out.push({ ...base, field: 'description', details: [`~ description: ${JSON.stringify(flag.description ?? '')} → ${JSON.stringify(metadata.description)}`] });
  }
  if (metadata.tags !== undefined) {
    const liveTags = new Set(flagOwnership(flag).userTags);
    const codeTags = new Set(metadata.tags);
    const lines = [
      ...[...codeTags].filter((t) => !liveTags.has(t)).map((t) => `+ tag ${t}`),
      ...[...liveTags].filter((t) => !codeTags.has(t)).map((t) => `- tag ${t}`),
    ];
    if (lines.length > 0) out.push({ ...base, field: 'tags', details: lines });
  }
  if (rolloutStatusDiffers(flag, metadata)) {
    out.push({ ...base, field: 'rolloutStatus', details: [`~ rollout status: ${flag.rolloutStatus?.name ?? 'none'} → ${metadata.rolloutStatus}`] });
  }
  return out;
}

/**
 * Flag-set name → id for comparing one definition, as the handler resolves them. A set that does not
 * exist yet (the deploy creates it first, or fails) gets a placeholder id no live definition holds,
 * so a definition that should join it differs.
 */
function flagSetIdsByName(live: LiveWorkspace, names: readonly string[]): ReadonlyMap<string, string> {
  const ids = new Map([...(live.flagSets?.values() ?? [])].map((s) => [s.name, s.id] as const));
  for (const name of names) if (!ids.has(name)) ids.set(name, `(new flag set ${name})`);
  return ids;
}

/** Flag-set id → name, to show a live definition's sets by name. */
function flagSetNamesById(live: LiveWorkspace): ReadonlyMap<string, string> {
  return new Map([...(live.flagSets?.values() ?? [])].map((s) => [s.id, s.name] as const));
}
