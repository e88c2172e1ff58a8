import type { FmeTargetSpec, InventoryEntry, InventorySpec } from '../../spec/resource-spec';
import { HandlerContext } from '../context';
import { Log } from '../log';
import { Elsewhere, FlagRemoval, removeFlags, removeSegments, SegmentRemoval } from '../removal';

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

function inRemovalOrder(entries: InventoryEntry[]): InventoryEntry[] {
  return [...entries].sort((a, b) => ORDER.indexOf(a.t) - ORDER.indexOf(b.t));
}

/** Entries of `previous` that left the code (absent from `next`), whatever their policy, in deletion order. */
export function leavingObjects(previous: InventorySpec, next: InventorySpec): InventoryEntry[] {
  const kept = new Set(next.objects.map(identityOf));
  return inRemovalOrder(previous.objects.filter((e) => !kept.has(identityOf(e))));
}

/** Entries of `previous` that left the code and whose previous policy is `destroy`, in deletion order. */
export function removedObjects(previous: InventorySpec, next: InventorySpec): InventoryEntry[] {
  return leavingObjects(previous, next).filter((e) => e.policy === 'destroy');
}

/** Whether two targets name the same API and workspace the same way (no lookup needed then). */
function sameWorkspaceSpelling(a: FmeTargetSpec, b: FmeTargetSpec): boolean {
  return a.apiBaseUrl === b.apiBaseUrl && a.workspaceId === b.workspaceId && a.workspaceName === b.workspaceName;
}

/**
 * Whether the stack moved to another workspace since `previous`. Targets spelled differently may
 * still be one workspace (a name replaced by its id, another base URL of the same account), so
 * both are resolved to ids and compared.
 */
async function movedWorkspace(previous: InventorySpec, next: InventorySpec, log: Log, env: NodeJS.ProcessEnv): Promise<boolean> {
  if (sameWorkspaceSpelling(previous.target, next.target)) return false;
  const [before, after] = await Promise.all([previous.target, next.target].map(async (t) => (await HandlerContext.create(t, log, env)).workspaceId));
  return before !== after;
}

/**
 * `reconcile` (destroy step of an inventory shard): removes what left the code since the last
 * deploy — Terraform itself drops removed resource blocks silently (docs/terraform-facts.md) —
 * under the ownership rules (docs/ownership.md). When the stack moved to another workspace,
 * everything it had in the previous workspace left the code there.
 */
export async function runReconcile(previous: InventorySpec, next: InventorySpec, log: Log, env: NodeJS.ProcessEnv): Promise<void> {
  const moved = await movedWorkspace(previous, next, log, env);
  const elsewhere = new Elsewhere(moved ? [] : next.elsewhere);
  const leaving = needsAction(moved ? inRemovalOrder(previous.objects) : leavingObjects(previous, next), elsewhere);
  if (leaving.length === 0) {
    log.info('inventory: nothing removed from the code');
    return;
  }
  if (moved) log.info(`inventory: the stack now manages another workspace; removing its ${leaving.length} object(s) from the previous one`);
  // Objects the previous inventory lists belong to the stack it names (a renamed stack takes over
  // only what its code still declares); a version 1 inventory names none.
  const stack = previous.stack ?? next.stack;
  await HandlerContext.run(previous.target, log, env, async (ctx) => {
    await removeFlags(ctx, stack, flagRemovals(leaving), elsewhere);
    await removeSegments(ctx, stack, segmentRemovals(leaving), elsewhere);
  });
}

/**
 * The leaving entries that call for FME calls: those to delete, retained ones that another stack
 * of the app now declares (handed over), and retained definitions of a flag or segment being
 * deleted (they keep it from being deleted). A retained object nobody declares costs no call.
 */
function needsAction(entries: InventoryEntry[], elsewhere: Elsewhere): InventoryEntry[] {
  const deletedParents = new Set(entries.filter((e) => e.policy === 'destroy').flatMap((e) => {
    if (e.t === 'flag') return [`flag:${e.flag}`];
    return e.t === 'segment' ? [`segment:${e.segment}`] : [];
  }));
  return entries.filter((e) => {
    if (e.policy === 'destroy') return true;
    switch (e.t) {
      case 'flag': return elsewhere.stackOf('flag', e.flag) !== undefined;
      case 'definition': return elsewhere.stackOf('definition', e.flag, e.env) !== undefined || deletedParents.has(`flag:${e.flag}`);
      case 'segment': return elsewhere.stackOf('segment', e.segment) !== undefined;
      case 'segmentDefinition': return elsewhere.stackOf('segment', e.segment) !== undefined || deletedParents.has(`segment:${e.segment}`);
    }
  });
}

/** The leaving entries grouped by flag, in the order they came. */
function flagRemovals(entries: InventoryEntry[]): FlagRemoval[] {
  const byFlag = new Map<string, { flag: string; definitions: Array<{ env: string; policy: InventoryEntry['policy'] }>; flagItself?: { policy: InventoryEntry['policy'] } }>();
  const of = (flag: string) => byFlag.get(flag) ?? byFlag.set(flag, { flag, definitions: [] }).get(flag)!;
  for (const e of entries) {
    if (e.t === 'definition') of(e.flag).definitions.push({ env: e.env, policy: e.policy });
    else if (e.t === 'flag') of(e.flag).flagItself = { policy: e.policy };
  }
  return [...byFlag.values()];
}

/** The leaving entries grouped by segment, in the order they came. */
function segmentRemovals(entries: InventoryEntry[]): SegmentRemoval[] {
  const bySegment = new Map<string, { segment: string; environments: Array<{ env: string; policy: InventoryEntry['policy'] }>; segmentItself?: { policy: InventoryEntry['policy'] } }>();
  const of = (segment: string) => bySegment.get(segment) ?? bySegment.set(segment, { segment, environments: [] }).get(segment)!;
  for (const e of entries) {
    if (e.t === 'segmentDefinition') of(e.segment).environments.push({ env: e.env, policy: e.policy });
    else if (e.t === 'segment') of(e.segment).segmentItself = { policy: e.policy };
  }
  return [...bySegment.values()];
}
