/**
 * What a flag or segment resource keeps in Terraform state (`triggers_replace` / `triggers`).
 *
 * Terraform rewrites the whole state after every resource it creates, so the bytes each resource
 * keeps in state are a first-order cost at scale (docs/terraform-facts.md fact 11; measured here:
 * 1,000 flags with their full specs in state took 64 s of Terraform alone, against ~36 s for small records). The
 * full spec therefore goes to the create step as a literal of the configuration (never stored in
 * state), and the state keeps only:
 *
 * - `identity`: the spec stripped to what the destroy step needs (names, policies, target, which
 *   definitions the stack owns) — destroy provisioners may read only `self`
 *   (docs/terraform-facts.md fact 6);
 * - `sha256`: the digest of the full spec, so that any change replaces the resource and runs the
 *   create step (docs/terraform-facts.md fact 2);
 * - one readable line per environment (and one for the flag), so `terraform plan` still tells a
 *   reviewer what changed: `~ "plan Production" = "default on 50% / off 50% …" -> "default on 75% …"`.
 */
import { createHash } from 'crypto';
import { canonicalJson, escapeTerraformTemplate } from './encode';
import {
  BucketSpec, EnvironmentPartSpec, FlagResourceSpec, FlagSetResourceSpec, LargeSegmentResourceSpec, ObjectResourceSpec, RuleBasedSegmentResourceSpec,
  SegmentEnvironmentSpec, SegmentResourceSpec,
  TargetListSpec,
} from './resource-spec';

/** The `triggers_replace` map of an FME object's resource (values already template-escaped). */
export function stateRecord(spec: ObjectResourceSpec): Record<string, string> {
  const record: Record<string, string> = {
    identity: escapeTerraformTemplate(canonicalJson(destroyIdentity(spec))),
    sha256: specDigest(spec),
  };
  const summary = spec.kind === 'flag' ? flagSummary(spec) : spec.kind === 'segment' ? segmentSummary(spec)
    : spec.kind === 'flagSet' ? flagSetSummary(spec) : spec.kind === 'largeSegment' ? largeSegmentSummary(spec) : ruleBasedSummary(spec);
  for (const [key, line] of Object.entries(summary)) {
    record[key] = escapeTerraformTemplate(line);
  }
  return record;
}

/** SHA-256 of the spec's canonical JSON: replaces the resource when it changes, and names bootstrap markers. */
export function specDigest(spec: ObjectResourceSpec): string {
  return createHash('sha256').update(canonicalJson(spec)).digest('hex');
}

/** The spec without the desired state: what `delete` reads when the object is destroyed. */
export function destroyIdentity(spec: ObjectResourceSpec): ObjectResourceSpec {
  // Transfers matter when converging only; the owning stack (`stack`) stays: deletion checks it.
  const { transferFrom: _transfers, ...kept } = spec;
  if (kept.kind === 'flagSet') {
    const { description: _description, ...identity } = kept;
    return identity;
  }
  if (kept.kind === 'ruleBasedSegment') {
    return {
      ...kept,
      metadata: { trafficType: kept.metadata.trafficType },
      environments: kept.environments.map((e) => ({
        environment: e.environment, removalPolicy: e.removalPolicy, ...(e.writeMode ? { writeMode: e.writeMode } : {}),
      })),
    };
  }
  if (kept.kind === 'largeSegment') {
    // Deletion needs names and policies only; the keys file (and its digest) stays out of state.
    return {
      ...kept,
      metadata: { trafficType: kept.metadata.trafficType },
      environments: kept.environments.map((e) => ({ environment: e.environment, removalPolicy: e.removalPolicy, keysFile: '', sha256: '', keyCount: 0 })),
    };
  }
  if (kept.kind === 'segment') {
    return {
      ...kept,
      ...(kept.metadata ? { metadata: { trafficType: kept.metadata.trafficType } } : {}),
      environments: kept.environments.map((e): SegmentEnvironmentSpec => ({
        environment: e.environment,
        removalPolicy: e.removalPolicy,
        // A segment managed elsewhere gives back only the keys this stack put in, so keep them.
        ...(kept.metadata ? {} : { keys: e.keys, addKeys: e.addKeys }),
      })),
    };
  }
  return {
    ...kept,
    ...(kept.metadata ? { metadata: { trafficType: kept.metadata.trafficType } } : {}),
    environments: kept.environments.map((e): EnvironmentPartSpec => ({
      environment: e.environment,
      removalPolicy: e.removalPolicy,
      writeMode: e.writeMode,
      ...(e.definition || e.ownsDefinition ? { ownsDefinition: true } : {}),
    })),
  };
}

function flagSummary(spec: FlagResourceSpec): Record<string, string> {
  const out: Record<string, string> = {};
  if (spec.metadata) {
    const m = spec.metadata;
    out.flag = [
      `traffic type ${m.trafficType}`,
      m.rolloutStatus ? `status ${m.rolloutStatus}` : undefined,
      m.tags?.length ? `tags ${m.tags.join(', ')}` : undefined,
      m.owners?.length ? `owners ${m.owners.join(', ')}` : undefined,
      m.description ? `description ${JSON.stringify(truncate(m.description, 60))}` : undefined,
    ].filter(Boolean).join(' · ');
  }
  for (const part of spec.environments) out[`plan ${part.environment}`] = partSummary(part);
  return out;
}

function partSummary(part: EnvironmentPartSpec): string {
  const items: string[] = [];
  const d = part.definition;
  if (d) {
    items.push(`treatments ${d.treatments.map((t) => t.name).join('/')}`);
    if (d.trafficAllocation !== 100) items.push(`exposure ${d.trafficAllocation}%`);
    items.push(d.rules.length === 1 ? '1 rule' : `${d.rules.length} rules`);
    items.push(`default ${buckets(d.defaultRule)}`);
    const targeted = d.treatments.filter((t) => t.keys?.length || t.segments?.length);
    if (targeted.length > 0) items.push(`targets ${targeted.map((t) => `${t.name}: ${targetCount(t)}`).join(', ')}`);
    items.push(`default treatment ${d.defaultTreatment}`);
  } else {
    items.push('plan managed elsewhere');
    if (part.setTargets) items.push(`set targets ${targets(part.setTargets)}`);
    if (part.addTargets) items.push(`add targets ${targets(part.addTargets)}`);
    if (part.removeTargets) items.push(`remove targets ${targets(part.removeTargets)}`);
    if (part.defaultRule) items.push(`default ${buckets(part.defaultRule)}`);
  }
  if (d?.flagSets) items.push(d.flagSets.length > 0 ? `flag sets ${d.flagSets.join(', ')}` : 'in no flag set');
  if (part.killed !== undefined) items.push(part.killed ? 'KILLED' : 'not killed');
  if (part.writeMode === 'changeRequest') items.push('via change request');
  if (part.removalPolicy === 'retain') items.push('retained on removal');
  return items.join(' · ');
}

function segmentSummary(spec: SegmentResourceSpec): Record<string, string> {
  const out: Record<string, string> = {};
  if (spec.metadata) out.segment = `traffic type ${spec.metadata.trafficType}`;
  for (const e of spec.environments) {
    out[`keys ${e.environment}`] = [
      e.keys ? `${e.keys.length} keys` : undefined,
      e.addKeys ? `add ${e.addKeys.length}` : undefined,
      e.removeKeys ? `remove ${e.removeKeys.length}` : undefined,
    ].filter(Boolean).join(' · ') || 'no keys';
  }
  return out;
}

function flagSetSummary(spec: FlagSetResourceSpec): Record<string, string> {
  return { flagSet: spec.description ? `description ${JSON.stringify(truncate(spec.description, 60))}` : 'no description' };
}

function ruleBasedSummary(spec: RuleBasedSegmentResourceSpec): Record<string, string> {
  const out: Record<string, string> = { ruleBasedSegment: `traffic type ${spec.metadata.trafficType}` };
  for (const e of spec.environments) {
    const d = e.definition;
    out[`rules ${e.environment}`] = [
      d ? (d.rules.length === 1 ? '1 rule' : `${d.rules.length} rules`) : undefined,
      d?.excludedKeys.length ? `${d.excludedKeys.length} excluded keys` : undefined,
      d?.excludedSegments.length ? `excluded segments ${d.excludedSegments.map((x) => x.name).join(', ')}` : undefined,
      e.writeMode === 'changeRequest' ? 'via change request' : undefined,
      e.removalPolicy === 'retain' ? 'retained on removal' : undefined,
    ].filter(Boolean).join(' · ');
  }
  return out;
}

function largeSegmentSummary(spec: LargeSegmentResourceSpec): Record<string, string> {
  const out: Record<string, string> = { 'large segment': `traffic type ${spec.metadata.trafficType}` };
  for (const e of spec.environments) {
    out[`keys ${e.environment}`] = [`${e.keyCount} keys`, `sha256 ${e.sha256.slice(0, 12)}`, e.writeMode === 'changeRequest' ? 'via change request' : undefined]
      .filter(Boolean).join(' · ');
  }
  return out;
}

function buckets(list: BucketSpec[]): string {
  return list.filter((b) => b.size > 0).map((b) => `${b.treatment} ${b.size}%`).join(' / ');
}

function targets(lists: Record<string, TargetListSpec>): string {
  return Object.entries(lists).map(([treatment, t]) => `${treatment}: ${targetCount(t)}`).join(', ');
}

function targetCount(t: TargetListSpec): string {
  const keys = t.keys?.length ?? 0;
  const segments = t.segments?.length ?? 0;
  return [keys ? `${keys} key${keys > 1 ? 's' : ''}` : '', segments ? `${segments} segment${segments > 1 ? 's' : ''}` : ''].filter(Boolean).join(' + ');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
