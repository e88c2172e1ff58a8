/**
 * Who owns an FME object: the library's record of it, kept on the object itself as tags, and
 * the decisions that record drives (docs/ownership.md).
 *
 * FME keeps no record of which tool or team created an object, and several stacks (Terraform
 * states) may manage one workspace. So every flag and segment the library creates or adopts
 * carries `cdktf-fme-owner:<stack id>`; a definition managed by a stack that does not own its
 * flag is recorded on the flag as `cdktf-fme-plan:<stack id>:<environment id>`. Only the owner
 * deletes an object; another stack takes it over only by explicit transfer.
 *
 * Pure: no I/O. The handler reads tags, asks these functions, and writes what they return.
 */
import { problem, Problem } from './problem';

/** Marks every object the library manages (also written by versions before ownership). */
export const MANAGED_TAG = 'cdktf-fme-managed';

const OWNER_PREFIX = 'cdktf-fme-owner:';
const PLAN_PREFIX = 'cdktf-fme-plan:';

/**
 * A stack id becomes part of a tag, and FME tags allow letters, digits, `-`, `_` and `:`
 * (docs/names.md); `:` separates the parts of our tags, so it is not allowed here.
 */
const STACK_ID_PATTERN = /^[a-zA-Z0-9][-_a-zA-Z0-9]*$/;
export const STACK_ID_MAX_LENGTH = 64;

/** Problems with a stack id given (or derived from the stack name) for `FmeConfig`. */
export function stackIdProblems(stackId: string, derived: boolean): Problem[] {
  if (typeof stackId === 'string' && STACK_ID_PATTERN.test(stackId) && stackId.length <= STACK_ID_MAX_LENGTH) return [];
  const what = derived ? `the stack name ${JSON.stringify(stackId)}` : `stackId ${JSON.stringify(stackId)}`;
  return [problem('stack id', `${what} cannot identify the owner of FME objects: it becomes part of an FME tag, so use 1-${STACK_ID_MAX_LENGTH} letters, digits, "-" or "_" (set FmeConfig's stackId)`)];
}

export function ownerTag(stack: string): string {
  return `${OWNER_PREFIX}${stack}`;
}

export function planTag(stack: string, environmentId: string): string {
  return `${PLAN_PREFIX}${stack}:${environmentId}`;
}

/** Whether a tag is one the library writes (users' own tags are everything else). */
export function isLibraryTag(tag: string): boolean {
  return tag === MANAGED_TAG || tag.startsWith(OWNER_PREFIX) || tag.startsWith(PLAN_PREFIX);
}

/** What an object's tags say about who manages it. */
export interface Ownership {
  /** Stack that owns the object; undefined when no stack has recorded ownership. */
  readonly owner?: string;
  /** The object carries `cdktf-fme-managed` (created or adopted by this library, any version). */
  readonly managed: boolean;
  /** Flags only: environment id → stack that manages the definition there without owning the flag. */
  readonly plans: ReadonlyMap<string, string>;
  /** The users' own tags, in their order. */
  readonly userTags: readonly string[];
}

/** Reads the ownership record from an object's tag names. */
export function ownershipOf(tags: readonly string[]): Ownership {
  const owners = tags.filter((t) => t.startsWith(OWNER_PREFIX)).map((t) => t.slice(OWNER_PREFIX.length)).sort();
  const plans = new Map<string, string>();
  for (const tag of tags.filter((t) => t.startsWith(PLAN_PREFIX)).sort()) {
    const rest = tag.slice(PLAN_PREFIX.length);
    const colon = rest.indexOf(':');
    if (colon > 0) plans.set(rest.slice(colon + 1), rest.slice(0, colon));
  }
  return {
    // Several owner tags can only come from hand edits; the first (sorted) wins, deterministically.
    owner: owners[0],
    managed: tags.includes(MANAGED_TAG),
    plans,
    userTags: tags.filter((t) => !isLibraryTag(t)),
  };
}

/** The tag list that records `ownership` with the given user tags (sorted, unique). */
export function tagsFor(ownership: Ownership): string[] {
  const library = [
    ...(ownership.managed ? [MANAGED_TAG] : []),
    ...(ownership.owner ? [ownerTag(ownership.owner)] : []),
    ...[...ownership.plans].map(([envId, stack]) => planTag(stack, envId)),
  ];
  return [...new Set([...ownership.userTags, ...library])].sort();
}

/** How a stack may treat an object it declares, given the live record. */
export type ClaimDecision =
  /** The stack owns it already. */
  | { readonly kind: 'owned' }
  /** Nobody owns it: record this stack as the owner (`how` says why it may). */
  | { readonly kind: 'claim'; readonly how: 'created' | 'adopted' | 'managed by an earlier version' }
  /** Another stack owns it and this stack may take it over (explicit transfer). */
  | { readonly kind: 'take over'; readonly from: string }
  /** Another stack owns it: stop. */
  | { readonly kind: 'owned elsewhere'; readonly owner: string }
  /** Nobody owns it, it was not made by this library, and the stack's policy refuses it. */
  | { readonly kind: 'refused' };

/**
 * Whether stack `stack` may manage an object whose live record is `live` (undefined: the object
 * does not exist yet). `transferFrom` lists the stacks it may take objects over from;
 * `adoptUnmanaged` is the `existingObjects: ADOPT` policy.
 */
export function claimDecision(
  live: Ownership | undefined, stack: string, transferFrom: readonly string[], adoptUnmanaged: boolean,
): ClaimDecision {
  if (!live) return { kind: 'claim', how: 'created' };
  if (live.owner === stack) return { kind: 'owned' };
  if (live.owner !== undefined) {
    return transferFrom.includes(live.owner) ? { kind: 'take over', from: live.owner } : { kind: 'owned elsewhere', owner: live.owner };
  }
  if (live.managed) return { kind: 'claim', how: 'managed by an earlier version' };
  return adoptUnmanaged ? { kind: 'claim', how: 'adopted' } : { kind: 'refused' };
}

/** Who manages a flag's definition in one environment, by the record on the flag. */
export function definitionManager(flag: Ownership, environmentId: string): string | undefined {
  return flag.plans.get(environmentId) ?? flag.owner;
}

/**
 * Whether stack `stack` may write the definition of a flag in one environment.
 * `definitionExists`: FME has a definition there now.
 */
export function planDecision(
  flag: Ownership, environmentId: string, stack: string, transferFrom: readonly string[], definitionExists: boolean,
): ClaimDecision {
  const manager = definitionManager(flag, environmentId);
  if (manager === stack) return { kind: 'owned' };
  if (manager === undefined) {
    // A flag no stack owns (made by hand, or by an earlier version): its definitions are free.
    return { kind: 'claim', how: definitionExists ? 'adopted' : 'created' };
  }
  if (!definitionExists && !flag.plans.has(environmentId)) {
    // The flag's owner has no definition here: this stack may start one.
    return { kind: 'claim', how: 'created' };
  }
  return transferFrom.includes(manager) ? { kind: 'take over', from: manager } : { kind: 'owned elsewhere', owner: manager };
}

/**
 * The record after stack `stack` claims (or takes over) the definition in `environmentId`: the
 * flag's owner needs no separate record, any other stack does.
 */
export function withPlan(flag: Ownership, environmentId: string, stack: string): Ownership {
  const plans = new Map(flag.plans);
  if (flag.owner === stack) plans.delete(environmentId);
  else plans.set(environmentId, stack);
  return { ...flag, plans };
}

/**
 * The record with `stack` as the object's owner. The owner needs no separate record of the
 * definitions it manages, so that stack's plan records go.
 */
export function withOwner(record: Ownership, stack: string): Ownership {
  return { ...record, owner: stack, plans: new Map([...record.plans].filter(([, s]) => s !== stack)) };
}

/** The record after the definition in `environmentId` is gone. */
export function withoutPlan(flag: Ownership, environmentId: string): Ownership {
  const plans = new Map(flag.plans);
  plans.delete(environmentId);
  return { ...flag, plans };
}

/** What a stack does with an object that left its code (or on `cdktf destroy`). */
export type RemovalDecision =
  /** This stack owns it: delete it. */
  | { readonly kind: 'delete' }
  /** Another stack of the same app declares it now: record that stack as the owner instead. */
  | { readonly kind: 'hand over'; readonly to: string }
  /** Someone else owns it (or nothing says this stack does): leave it. */
  | { readonly kind: 'leave'; readonly reason: string };

/**
 * Whether stack `stack` deletes an object that left its code. `manager` is the stack the live
 * record names (undefined: none); `managed` whether the library made it; `declaredBy` another
 * stack of the same app whose code declares it now, if any. `stack` is undefined for a destroy
 * step replayed from a spec written before ownership existed.
 */
export function removalDecision(
  manager: string | undefined, managed: boolean, stack: string | undefined, declaredBy: string | undefined,
): RemovalDecision {
  if (manager !== undefined && manager !== stack) return { kind: 'leave', reason: `owned by stack "${manager}"` };
  if (declaredBy !== undefined && declaredBy !== stack) return { kind: 'hand over', to: declaredBy };
  if (manager === stack && stack !== undefined) return { kind: 'delete' };
  // No stack has recorded ownership: only what this library made (before ownership was recorded) goes.
  if (managed) return { kind: 'delete' };
  return { kind: 'leave', reason: 'FME has no record that this stack manages it (no cdktf-fme-managed tag)' };
}

/** Environment ids whose definitions other stacks manage on a flag (they stop the flag's deletion). */
export function plansOfOthers(flag: Ownership, stack: string | undefined): string[] {
  return [...flag.plans].filter(([, manager]) => manager !== stack).map(([envId]) => envId);
}
