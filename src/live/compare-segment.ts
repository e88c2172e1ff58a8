/**
 * One segment of the code against live FME: ownership, and its keys in each environment (set mode
 * replaces the list; add/remove keys change only the keys they name, as the handler's
 * `convergeSegmentKeys` does).
 */
import { Difference } from './difference';
import { envKey, LiveWorkspace } from './live-reader';
import { ownershipDifference } from './ownership-difference';
import { segmentOwnership } from '../handler/ownership';
import { claimDecision } from '../model/ownership';
import type { SegmentEnvironmentSpec, SegmentResourceSpec } from '../spec/resource-spec';

const MAX_SHOWN = 20;

function keyLine(sign: '+' | '-', keys: readonly string[]): string {
  const shown = keys.slice(0, MAX_SHOWN).join(', ');
  return `${sign} key${keys.length > 1 ? 's' : ''} ${shown}${keys.length > MAX_SHOWN ? ` … and ${keys.length - MAX_SHOWN} more` : ''}`;
}

/** Keys the deploy adds and removes, given the live keys (`undefined`: not active in the environment). */
export function segmentKeyDelta(live: readonly string[] | undefined, part: SegmentEnvironmentSpec): { add: string[]; remove: string[] } {
  const present = new Set(live ?? []);
  const wanted = new Set([...(part.keys ?? present), ...(part.addKeys ?? [])]);
  for (const k of part.removeKeys ?? []) wanted.delete(k);
  return { add: [...wanted].filter((k) => !present.has(k)).sort(), remove: [...present].filter((k) => !wanted.has(k)).sort() };
}

export function compareSegment(spec: SegmentResourceSpec, live: LiveWorkspace): Difference[] {
  const name = spec.segmentName;
  const base = { kind: 'segment' as const, name };
  const segment = live.segments.get(name);
  const out: Difference[] = [];
  if (!segment) {
    if (!spec.metadata) {
      return [{ ...base, field: 'segment', action: 'blocked', details: ['! the segment does not exist in FME, and this stack does not own it: the deploy fails'] }];
    }
    out.push({ ...base, field: 'segment', action: 'create', details: [`+ segment ${name} (traffic type ${spec.metadata.trafficType})`] });
  } else if (spec.metadata) {
    const decision = claimDecision(segmentOwnership(segment), spec.stack ?? '', spec.transferFrom ?? [], spec.existing === 'adopt');
    // Adopting a segment that has no owner record is not shown: where FME takes no tags on segments,
    // no deploy can record it on an existing segment (docs/ownership.md, limits), and reporting it
    // would be a difference no deploy clears. Take-overs and other owners are shown.
    const silentAdoption = decision.kind === 'claim' && decision.how === 'adopted';
    const owner = silentAdoption ? undefined : ownershipDifference({ ...base, stack: spec.stack ?? '', decision, construct: 'Segment' });
    if (owner) out.push(owner);
  }
  for (const part of spec.environments) {
    const keys = segment ? live.segmentKeys.get(envKey(name, part.environment)) : undefined;
    const { add, remove } = segmentKeyDelta(keys, part);
    const details = [
      ...(keys === undefined ? [`+ active in ${part.environment}`] : []),
      ...(add.length > 0 ? [keyLine('+', add)] : []),
      ...(remove.length > 0 ? [keyLine('-', remove)] : []),
    ];
    if (details.length > 0) out.push({ ...base, environment: part.environment, field: 'keys', action: keys === undefined ? 'create' : 'update', details });
  }
  return out;
}
