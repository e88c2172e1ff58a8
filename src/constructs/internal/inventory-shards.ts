import { canonicalJson } from '../../spec/encode';
import { InventoryEntry, InventorySpec } from '../../spec/resource-spec';

/**
 * The full inventory of the stack, written next to `cdk.tf.json` at synth. Every inventory shard's
 * destroy step compares its previous entries with this file, so moving an entry to another shard
 * (when the shard count changes) can never look like a removal.
 */
export const INVENTORY_FILE = 'fme-inventory.json';

/** Largest shard, in bytes of canonical JSON: well under the 128 KiB environment-variable cap (docs/terraform-facts.md, fact 9). */
export const MAX_SHARD_BYTES = 64 * 1024;

/**
 * Upper bound on shards: 64 × 64 KiB holds about 50,000 entries, far more objects than one
 * Terraform state should carry (apply time grows quadratically with resources per state,
 * docs/terraform-facts.md). Every stack declares `removed` blocks for the shard ids it does not use
 * up to this bound, so keep it small.
 */
export const MAX_SHARDS = 64;

/** Terraform file (next to `cdk.tf.json`) with the `removed` blocks of unused shard ids. */
export const REMOVED_SHARDS_FILE = 'fme-removed-shards.tf.json';

/**
 * Splits the inventory into the fewest power-of-two number of shards whose specs each stay under
 * `maxBytes`. An entry's shard depends only on its flag or segment name and the shard count, so an
 * unchanged estate keeps unchanged shards, and adding one flag replaces one shard. Shard 0 is the
 * whole inventory while it fits (the common case: one `Inventory` resource).
 */
export function shardInventory(inventory: InventorySpec, maxBytes = MAX_SHARD_BYTES): InventorySpec[] {
  for (let count = 1; count <= MAX_SHARDS; count *= 2) {
    const shards: InventorySpec[] = Array.from({ length: count }, () => ({ ...inventory, objects: [] as InventoryEntry[] }));
    for (const entry of inventory.objects) {
      (shards[fnv1a(ownerName(entry)) % count].objects as InventoryEntry[]).push(entry);
    }
    if (shards.every((s) => Buffer.byteLength(canonicalJson(s), 'utf8') <= maxBytes)) return shards;
  }
  throw new Error(`the inventory of ${inventory.objects.length} objects does not fit ${MAX_SHARDS} shards of ${maxBytes / 1024} KiB; split the flags across several stacks`);
}

/** Construct id of shard `index`: shard 0 keeps the id `Inventory` so small stacks never change it. */
export function shardId(index: number): string {
  return index === 0 ? 'Inventory' : `Inventory-${index}`;
}

/** The flag, segment or flag set an entry belongs to: all entries of one flag land in one shard. */
function ownerName(entry: InventoryEntry): string {
  if (entry.t === 'flag' || entry.t === 'definition') return `flag:${entry.flag}`;
  return entry.t === 'flagSet' ? `flagSet:${entry.flagSet}` : `segment:${entry.segment}`;
}

/** 32-bit FNV-1a: tiny, stable across Node versions and machines (unlike `Math.random` or object order). */
/* eslint-disable no-bitwise -- a hash function is bit arithmetic by definition */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
/* eslint-enable no-bitwise */
