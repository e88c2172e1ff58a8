/**
 * The ownership record of a declared object as a difference (docs/ownership.md): nothing when this
 * stack owns it, an `owner` update when the deploy records or takes over ownership, and `blocked`
 * when another stack owns it — so `diff` shows objects owned by another stack as such.
 */
import type { Difference, ObjectKind } from './difference';
import type { ClaimDecision } from '../model/ownership';

export interface OwnershipInput {
  readonly kind: ObjectKind;
  readonly name: string;
  readonly environment?: string;
  /** This stack's id. */
  readonly stack: string;
  /** What the model decides for this stack and the live record. */
  readonly decision: ClaimDecision;
  /** The construct whose `transferFrom` moves the object (`FeatureFlag`, `RolloutPlan`, `Segment`). */
  readonly construct: string;
}

export function ownershipDifference(input: OwnershipInput): Difference | undefined {
  const { decision, stack } = input;
  const base = { kind: input.kind, name: input.name, ...(input.environment !== undefined ? { environment: input.environment } : {}), field: 'owner' as const };
  switch (decision.kind) {
    case 'owned':
      return undefined;
    case 'claim':
      if (decision.how === 'created') return undefined;
      return { ...base, action: 'update', details: [`~ owner: none → stack "${stack}" (${decision.how === 'adopted' ? 'adopted: existingObjects ADOPT' : 'recorded: made by an earlier version'})`] };
    case 'take over':
      return { ...base, action: 'update', details: [`~ owner: stack "${decision.from}" → stack "${stack}" (transferFrom)`] };
    case 'owned elsewhere':
      return {
        ...base,
        action: 'blocked',
        details: [`! owned by stack "${decision.owner}", not by this stack "${stack}": the deploy stops here; set transferFrom: '${decision.owner}' on the ${input.construct} to take it over, or remove it from this stack`],
      };
    case 'refused':
      return {
        ...base,
        action: 'blocked',
        details: ['! exists in FME and was not made by cdktf-harness-fme, and existingObjects is FAIL: the deploy stops here'],
      };
  }
}
