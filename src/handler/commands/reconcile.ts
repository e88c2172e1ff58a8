import type { InventoryEntry, InventorySpec } from '../../spec/resource-spec';
import { HandlerContext } from '../context';
import { deleteDefinition, deleteFlag, deleteSegment, deleteSegmentDefinition } from '../deletion';
import { Log } from '../log';

/** Identity of an inventory entry: its type and names (the policy is not part of it). */
export function identityOf(e: InventoryEntry): string {
  switch (e.t) {
    case 'flag': return JSON.stringify(['flag', e.flag]);
    case 'definition': return JSON.stringify(['definition', e.flag, e.env]);
    case 'segment': return JSON.stringify(['segment', e.segment]);
    case 'segmentDefinition': return JSON.stringify(['segmentDefinition', e.segment, e.env]);
  }
}

/** Deletion order: what depends on something goes first. */
const ORDER: InventoryEntry['t'][] = ['definition', 'flag', 'segmentDefinition', 'segment'];

/** Entries of `previous` that left the code (absent from `next`) and whose previous policy is `destroy`, in deletion order. */
export function removedObjects(previous: InventorySpec, next: InventorySpec): InventoryEntry[] {
  const kept = new Set(next.objects.map(identityOf));
  return previous.objects
    .filter((e) => e.policy === 'destroy' && !kept.has(identityOf(e)))
    .sort((a, b) => ORDER.indexOf(a.t) - ORDER.indexOf(b.t));
}

/**
 * `reconcile` (destroy provisioner of the inventory resource): deletes what was removed from the
 * code since the last deploy — Terraform itself drops removed resource blocks silently (fact 4, D3).
 */
export async function runReconcile(previous: InventorySpec, next: InventorySpec, log: Log, env: NodeJS.ProcessEnv): Promise<void> {
  const removed = removedObjects(previous, next);
  if (removed.length === 0) {
    log.info('inventory: nothing removed from the code');
    return;
  }
  await HandlerContext.run(previous.target, log, env, async (ctx) => {
    for (const e of removed) {
      switch (e.t) {
        case 'definition': await deleteDefinition(ctx, e.flag, e.env); break;
        case 'flag': await deleteFlag(ctx, e.flag); break;
        case 'segmentDefinition': await deleteSegmentDefinition(ctx, e.segment, e.env); break;
        case 'segment': await deleteSegment(ctx, e.segment); break;
      }
    }
  });
}
