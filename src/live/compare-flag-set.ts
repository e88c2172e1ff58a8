/**
 * One flag set of the code (`FlagSet`) against live FME: missing (the deploy creates it), or owned
 * by another stack (the deploy stops). FME's v3 API changes nothing on an existing set
 * (docs/fme-api.md#flag-sets), so a differing description is reported as a difference no deploy fixes.
 */
import { Difference } from './difference';
import type { LiveWorkspace } from './live-reader';
import { ownershipDifference } from './ownership-difference';
import { flagSetOwnership } from '../handler/flag-set/ownership';
import { userDescription } from '../handler/segment/owner-marker';
import { claimDecision } from '../model/ownership';
import type { FlagSetResourceSpec } from '../spec/resource-spec';

export function compareFlagSet(spec: FlagSetResourceSpec, live: LiveWorkspace): Difference[] {
  const base = { kind: 'flag set' as const, name: spec.flagSetName };
  const set = live.flagSets?.get(spec.flagSetName);
  if (!set) return [{ ...base, field: 'flagSet', action: 'create', details: [`+ flag set ${spec.flagSetName}`] }];
  const out: Difference[] = [];
  const stack = spec.stack ?? '';
  const decision = claimDecision(flagSetOwnership(set), stack, spec.transferFrom ?? [], spec.existing === 'adopt');
  const owner = ownershipDifference({ ...base, stack, decision, construct: 'FlagSet' });
  if (owner) out.push(owner);
  if (userDescription(set.description) !== (spec.description ?? '')) {
    out.push({
      ...base,
      field: 'description',
      action: 'blocked',
      details: [`! description: ${JSON.stringify(userDescription(set.description))} → ${JSON.stringify(spec.description ?? '')}: FME's flag-set API cannot change it; edit it in FME`],
    });
  }
  return out;
}
