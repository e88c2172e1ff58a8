/**
 * Objects this stack owns in FME that its code no longer declares (docs/ownership.md): flags and
 * segments whose owner tag names the stack, and definitions this stack manages on other stacks'
 * flags (`cdktf-fme-plan:<stack>:<environment id>`). A deploy deletes them unless their removal
 * policy was RETAIN (the policy of a removed object is in Terraform state, not in the code).
 */
import { Difference } from './difference';
import type { LiveWorkspace } from './live-reader';
import type { StackSpecs } from './stack-specs';
import type { RuleBasedSegment } from '../client/rule-based-segments';
import type { LargeSegment } from '../client/types';
import { flagSetOwnership } from '../handler/flag-set/ownership';
import { largeSegmentOwnership } from '../handler/large-segment/tags';
import { flagOwnership, segmentOwnership, tagNames } from '../handler/ownership';
import { ruleBasedOwnership } from '../handler/rule-based-segment/converge';

const NOTE = 'owned by this stack and no longer in the code: the deploy deletes it unless its removal policy was RETAIN';

/** The workspace's rule-based and large segments, where they were read. */
export interface OtherSegments {
  readonly ruleBased?: ReadonlyMap<string, RuleBasedSegment>;
  readonly large?: ReadonlyMap<string, LargeSegment>;
}

export function removals(
  specs: StackSpecs, live: LiveWorkspace, environmentNames: ReadonlyMap<string, string>, others: OtherSegments = {},
): Difference[] {
  const out: Difference[] = [];
  const ownedFlags = new Set(specs.flags.filter((f) => f.metadata).map((f) => f.flagName));
  const plans = new Set(specs.flags.flatMap((f) => f.environments.filter((p) => p.definition).map((p) => `${f.flagName}\u0000${p.environment}`)));
  for (const flag of live.flags.values()) {
    const record = flagOwnership(flag);
    if (record.owner === specs.stack && !ownedFlags.has(flag.name)) {
      out.push({ kind: 'flag', name: flag.name, field: 'flag', action: 'delete', details: [`- flag ${flag.name} (${NOTE})`] });
      continue;
    }
    for (const [envId, manager] of record.plans) {
      if (manager !== specs.stack) continue;
      const environment = environmentNames.get(envId) ?? envId;
      if (plans.has(`${flag.name}\u0000${environment}`) || plans.has(`${flag.name}\u0000${envId}`)) continue;
      out.push({ kind: 'flag', name: flag.name, environment, field: 'definition', action: 'delete', details: [`- definition (${NOTE})`] });
    }
  }
  const ownedSegments = new Set(specs.segments.filter((s) => s.metadata).map((s) => s.segmentName));
  for (const segment of live.segments.values()) {
    if (segmentOwnership(segment).owner === specs.stack && !ownedSegments.has(segment.name)) {
      out.push({ kind: 'segment', name: segment.name, field: 'segment', action: 'delete', details: [`- segment ${segment.name} (${NOTE})`] });
    }
  }
  const ownedSets = new Set((specs.flagSets ?? []).map((s) => s.flagSetName));
  for (const set of live.flagSets?.values() ?? []) {
    if (flagSetOwnership(set).owner === specs.stack && !ownedSets.has(set.name)) {
      out.push({ kind: 'flag set', name: set.name, field: 'flagSet', action: 'delete', details: [`- flag set ${set.name} (${NOTE})`] });
    }
  }
  // Rule-based segments carry their owner only in the description marker written at creation (docs/ownership.md).
  const ownedRuleBased = new Set((specs.ruleBasedSegments ?? []).map((s) => s.segmentName));
  for (const segment of others.ruleBased?.values() ?? []) {
    if (ruleBasedOwnership(segment.description).owner === specs.stack && !ownedRuleBased.has(segment.name)) {
      out.push({ kind: 'rule-based segment', name: segment.name, field: 'ruleBasedSegment', action: 'delete', details: [`- rule-based segment ${segment.name} (${NOTE})`] });
    }
  }
  const ownedLarge = new Set((specs.largeSegments ?? []).map((s) => s.segmentName));
  for (const segment of others.large?.values() ?? []) {
    if (largeSegmentOwnership(tagNames(segment.tags), segment.description).owner === specs.stack && !ownedLarge.has(segment.name)) {
      out.push({ kind: 'large segment', name: segment.name, field: 'largeSegment', action: 'delete', details: [`- large segment ${segment.name} (${NOTE})`] });
    }
  }
  return out;
}
