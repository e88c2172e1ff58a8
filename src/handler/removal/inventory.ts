/**
 * How `reconcile` finds what left the code: the previous inventory compared with the current one
 * (docs/ARCHITECTURE.md, section on synthesized resources), in deletion order, grouped per flag and segment.
 */
import type { Elsewhere } from './elsewhere';
import type { Leaving, ObjectRemoval } from './leaving';
import { InventoryEntry, InventorySpec, objectNameOf, RemovalPolicySpec } from '../../spec/resource-spec';

/** Identity of an inventory entry: its type and names (the policy is not part of it). */
function identityOf(e: InventoryEntry): string {
  switch (e.t) {
    case 'flag': return JSON.stringify(['flag', e.flag]);
    case 'definition': return JSON.stringify(['definition', e.flag, e.env]);
    case 'segment': return JSON.stringify(['segment', e.segment]);
    case 'segmentDefinition': return JSON.stringify(['segmentDefinition', e.segment, e.env]);
    case 'flagSet': return JSON.stringify(['flagSet', e.flagSet]);
    case 'ruleBasedSegment': return JSON.stringify(['ruleBasedSegment', e.segment]);
    case 'ruleBasedSegmentDefinition': return JSON.stringify(['ruleBasedSegmentDefinition', e.segment, e.env]);
    case 'largeSegment': return JSON.stringify(['largeSegment', e.segment]);
    case 'largeSegmentDefinition': return JSON.stringify(['largeSegmentDefinition', e.segment, e.env]);
  }
}

/** Deletion order: what depends on something goes first. */
const ORDER: InventoryEntry['t'][] = [
  'definition', 'flag', 'ruleBasedSegmentDefinition', 'ruleBasedSegment', 'segmentDefinition', 'segment', 'largeSegmentDefinition', 'largeSegment',
  'flagSet',
];

function inRemovalOrder(entries: InventoryEntry[]): InventoryEntry[] {
  return [...entries].sort((a, b) => ORDER.indexOf(a.t) - ORDER.indexOf(b.t));
}

/** Entries of `previous` that left the code (absent from `next`), whatever their policy, in deletion order. */
function leavingObjects(previous: InventorySpec, next: InventorySpec): InventoryEntry[] {
  const kept = new Set(next.objects.map(identityOf));
  return inRemovalOrder(previous.objects.filter((e) => !kept.has(identityOf(e))));
}

/** Entries of `previous` that left the code and are to be deleted or archived (policy other than `retain`), in deletion order. */
export function removedObjects(previous: InventorySpec, next: InventorySpec): InventoryEntry[] {
  return leavingObjects(previous, next).filter((e) => e.policy !== 'retain');
}

/**
 * The entries of `previous` that call for FME calls, in deletion order. They left the code — all of
 * them when the stack moved to another workspace (`moved`) — and are to be deleted, or retained
 * but declared by another stack of the app now (handed over), or retained definitions of a flag or
 * segment being deleted (they keep it from being deleted). A retained object nobody declares costs
 * no call.
 */
export function entriesToRemove(previous: InventorySpec, next: InventorySpec, moved: boolean, elsewhere: Elsewhere): InventoryEntry[] {
  const entries = moved ? inRemovalOrder(previous.objects) : leavingObjects(previous, next);
  const deletedParents = new Set(entries.filter((e) => e.policy === 'destroy').flatMap((e) => {
    if (e.t === 'flag') return [`flag:${e.flag}`];
    if (e.t === 'ruleBasedSegment') return [`ruleBasedSegment:${e.segment}`];
    if (e.t === 'largeSegment') return [`largeSegment:${e.segment}`];
    return e.t === 'segment' ? [`segment:${e.segment}`] : [];
  }));
  return entries.filter((e) => {
    // `archive`: the flag is archived (its definitions stay with it), or a definition whose flag stays is deleted.
    if (e.policy !== 'retain') return true;
    switch (e.t) {
      case 'flag': return elsewhere.stackOf('flag', e.flag) !== undefined;
      case 'definition': return elsewhere.stackOf('definition', e.flag, e.env) !== undefined || deletedParents.has(`flag:${e.flag}`);
      case 'segment': return elsewhere.stackOf('segment', e.segment) !== undefined;
      case 'segmentDefinition': return elsewhere.stackOf('segment', e.segment) !== undefined || deletedParents.has(`segment:${e.segment}`);
      case 'flagSet': return elsewhere.stackOf('flagSet', e.flagSet) !== undefined;
      case 'ruleBasedSegment': return elsewhere.stackOf('ruleBasedSegment', e.segment) !== undefined;
      case 'ruleBasedSegmentDefinition':
        return elsewhere.stackOf('ruleBasedSegment', e.segment) !== undefined || deletedParents.has(`ruleBasedSegment:${e.segment}`);
      case 'largeSegment': return elsewhere.stackOf('largeSegment', e.segment) !== undefined;
      case 'largeSegmentDefinition': return elsewhere.stackOf('largeSegment', e.segment) !== undefined || deletedParents.has(`largeSegment:${e.segment}`);
    }
  });
}

/** The entry types of one kind of object: the object itself and its environment parts. */
const PART_OF = { flag: 'definition', segment: 'segmentDefinition', ruleBasedSegment: 'ruleBasedSegmentDefinition', largeSegment: 'largeSegmentDefinition' } as const;

/** The entries of one kind of object (flags or segments) grouped by object, in the order they came. */
export function removalsOf(entries: readonly InventoryEntry[], kind: keyof typeof PART_OF): ObjectRemoval[] {
  const byName = new Map<string, { name: string; parts: Leaving[]; itself?: { policy: RemovalPolicySpec } }>();
  const of = (name: string) => byName.get(name) ?? byName.set(name, { name, parts: [] }).get(name)!;
  for (const e of entries) {
    const name = objectNameOf(e);
    if (e.t === kind) of(name).itself = { policy: e.policy };
    else if ('env' in e && e.t === PART_OF[kind]) of(name).parts.push({ env: e.env, policy: e.policy });
  }
  return [...byName.values()];
}
