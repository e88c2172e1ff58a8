import type { FlagSetRef } from '../../client/types';
import type { FlagResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { HandlerError } from '../errors';

/**
 * The ids of the flag sets a flag's definitions name (`DefinitionSpec.flagSets`), by name: FME
 * references sets by id (docs/fme-api.md#flag-sets). The workspace's sets are listed once per deploy
 * and shared through the handler's cache, like environment ids; a name the cached list lacks (a set
 * this deploy just created) lists them again. None are read when no definition names a set. A set
 * that does not exist fails the step before anything is written.
 */
export async function flagSetIdsOf(ctx: HandlerContext, spec: FlagResourceSpec): Promise<ReadonlyMap<string, string>> {
  const wanted = [...new Set(spec.environments.flatMap((p) => p.definition?.flagSets ?? []))].sort();
  if (wanted.length === 0) return new Map();
  let known = ctx.cache.get<Record<string, string>>(flagSetsKey(ctx));
  if (!known || wanted.some((n) => known![n] === undefined)) {
    known = Object.fromEntries((await ctx.client.listFlagSets(ctx.workspaceId)).map((s) => [s.name, s.id]));
    ctx.cache.set(flagSetsKey(ctx), known);
  }
  const ids = new Map(wanted.filter((n) => known![n] !== undefined).map((n) => [n, known![n]] as const));
  const missing = wanted.filter((n) => !ids.has(n));
  if (missing.length > 0) {
    throw new HandlerError(
      `Flag "${spec.flagName}" names flag set(s) ${missing.map((n) => `"${n}"`).join(', ')}, which do not exist in this FME workspace; nothing was changed. `
      + 'Declare them with FlagSet (the stack then creates them before the flag), or create them in FME first.');
  }
  return ids;
}

/** The shared-cache key of the workspace's flag sets (name → id); forgotten when a run fails or a set is deleted. */
export function flagSetsKey(ctx: { readonly workspaceId: string }): string {
  return `flagSets:${ctx.workspaceId}`;
}

/** A definition's flag sets as FME takes them: `{id}` per set, in the order of the names. */
export function flagSetRefs(names: readonly string[], ids: ReadonlyMap<string, string>): FlagSetRef[] {
  return names.map((name) => ({ id: ids.get(name)! }));
}
