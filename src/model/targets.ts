/**
 * Individual targets: how declared target lists change a definition's treatments. One overlay,
 * used at synth time (merging `IndividualTargets` into a `RolloutPlan`) and at apply time (the
 * handler applying them to the live definition), so what synth checks is what the handler sends.
 *
 * FME lets a key (or a segment) be individually targeted to one treatment only: a definition that
 * lists it under two treatments is rejected (docs/fme-api.md#definitions). So putting a key into
 * one treatment takes it out of every other.
 */
import type { TargetListSpec, TreatmentSpec } from '../spec/resource-spec';

/** Target lists by treatment name. */
export type TargetLists = Readonly<Record<string, TargetListSpec>>;

/** What other constructs declare about a definition's individual targets. */
export interface TargetOverlays {
  /** Replace both lists of these treatments (set mode); a list not given becomes empty. */
  readonly setTargets?: TargetLists;
  /** Ensure present (incremental mode). */
  readonly addTargets?: TargetLists;
  /** Ensure absent (incremental mode). */
  readonly removeTargets?: TargetLists;
}

/**
 * Applies the overlays to `treatments`, in a fixed order: set, then add, then remove. A key or
 * segment set or added to one treatment leaves every other treatment. Lists keep their order
 * (new entries are appended) and a treatment keeps the lists it had, even when they become empty;
 * sorting and dropping empty lists is the caller's choice (a plan's definition is normalized, a
 * live definition is patched as read).
 */
export function overlayTargets(treatments: readonly TreatmentSpec[], overlays: TargetOverlays): TreatmentSpec[] {
  let result = treatments.map((t) => ({ ...t }));
  result = applyLists(result, overlays.setTargets, (_current, wanted) => wanted, true);
  result = applyLists(result, overlays.addTargets, (current, wanted) => [...current, ...wanted.filter((k) => !current.includes(k))], false);
  result = applyLists(result, overlays.removeTargets, (current, wanted) => current.filter((k) => !wanted.includes(k)), false, false);
  return result;
}

type Combine = (current: string[], wanted: string[]) => string[];

function applyLists(
  treatments: TreatmentSpec[], lists: TargetLists | undefined, combine: Combine, replaceBoth: boolean, moveFromOthers = true,
): TreatmentSpec[] {
  if (!lists) return treatments;
  return treatments.map((t) => {
    let keys = t.keys ?? [];
    let segments = t.segments ?? [];
    for (const [name, list] of Object.entries(lists)) {
      if (name === t.name) {
        if (list.keys || replaceBoth) keys = combine(keys, list.keys ?? []);
        if (list.segments || replaceBoth) segments = combine(segments, list.segments ?? []);
      } else if (moveFromOthers) {
        keys = keys.filter((k) => !(list.keys ?? []).includes(k));
        segments = segments.filter((s) => !(list.segments ?? []).includes(s));
      }
    }
    return {
      ...t,
      ...(keys.length > 0 || t.keys !== undefined ? { keys } : {}),
      ...(segments.length > 0 || t.segments !== undefined ? { segments } : {}),
    };
  });
}

/** A key or segment that target lists give to more than one treatment. */
export interface TargetedTwice {
  readonly kind: 'key' | 'segment';
  readonly value: string;
  /** The treatments that list it, in the order given. */
  readonly treatments: string[];
}

/**
 * Keys and segments that one declaration lists under more than one treatment (FME allows one).
 * The lists are read in the order given.
 */
export function targetedTwice(lists: ReadonlyArray<{ readonly treatment: string } & TargetListSpec>): TargetedTwice[] {
  const found: TargetedTwice[] = [];
  for (const kind of ['key', 'segment'] as const) {
    const byValue = new Map<string, string[]>();
    for (const list of lists) {
      for (const value of (kind === 'key' ? list.keys : list.segments) ?? []) {
        const treatments = byValue.get(value) ?? [];
        if (!treatments.includes(list.treatment)) treatments.push(list.treatment);
        byValue.set(value, treatments);
      }
    }
    for (const [value, treatments] of byValue) {
      if (treatments.length > 1) found.push({ kind, value, treatments });
    }
  }
  return found;
}

/** `targetedTwice` over per-treatment lists (`{ on: { keys }, off: { keys } }`). */
export function targetedTwiceIn(lists: TargetLists | undefined): TargetedTwice[] {
  return targetedTwice(Object.entries(lists ?? {}).map(([treatment, list]) => ({ treatment, ...list })));
}
