import type { SegmentEnvironmentSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';

/**
 * Activates the segment in the environment if needed and adds/removes keys to reach the spec
 * (`keys` replaces the list; `addKeys` and `removeKeys` change only the keys they name). Returns
 * the progress text.
 */
export async function convergeSegmentKeys(
  ctx: HandlerContext, segment: string, part: SegmentEnvironmentSpec, segmentJustCreated: boolean,
): Promise<string> {
  const envId = await ctx.environmentId(part.environment);
  const { client } = ctx;
  const liveKeys = segmentJustCreated ? undefined : await client.getSegmentKeys(envId, segment, part.environment);
  const actions: string[] = [];
  if (liveKeys === undefined) {
    await client.activateSegment(envId, segment, part.environment);
    actions.push('activated');
  }
  const live = new Set(liveKeys ?? []);
  const toAdd = new Set<string>();
  const toRemove = new Set<string>();
  if (part.keys) {
    const wanted = new Set(part.keys);
    for (const k of wanted) if (!live.has(k)) toAdd.add(k);
    for (const k of live) if (!wanted.has(k)) toRemove.add(k);
  }
  for (const k of part.addKeys ?? []) if (!live.has(k)) toAdd.add(k);
  for (const k of part.removeKeys ?? []) if (live.has(k)) { toRemove.add(k); toAdd.delete(k); }
  if (toAdd.size > 0) {
    await client.uploadSegmentKeys(envId, segment, [...toAdd], false, part.environment);
    actions.push(`${toAdd.size} key(s) added`);
  }
  if (toRemove.size > 0) {
    await client.removeSegmentKeys(envId, segment, [...toRemove], part.environment);
    actions.push(`${toRemove.size} key(s) removed`);
  }
  return actions.length > 0 ? actions.join(', ') : 'unchanged';
}
