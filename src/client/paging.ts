/** Upper bound on pages fetched by one listing, so a misbehaving server cannot loop us forever. */
const MAX_PAGES = 10_000;

/**
 * Collects every item of an offset/limit listing (docs/fme-api.md#pagination): asks for `limit`
 * items at a time until an empty or short page, or `totalCount` is reached. A page is short against
 * the limit the server says it applied (`limit` in the answer), not the one asked for: a server that
 * clamps the limit lower must not end the listing early (Split's Python client pages this way).
 */
export async function collectOffsetPages<T>(
  fetchPage: (offset: number, limit: number) => Promise<{ items: T[]; totalCount?: number; limit?: number }>,
  limit: number,
): Promise<T[]> {
  const all: T[] = [];
  for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
    const { items, totalCount, limit: applied } = await fetchPage(offset, limit);
    all.push(...items);
    offset += items.length;
    const pageSize = applied !== undefined && applied > 0 ? Math.min(applied, limit) : limit;
    const done = items.length === 0 || items.length < pageSize || (totalCount !== undefined && offset >= totalCount);
    if (done) break;
  }
  return all;
}

/** Splits a list into chunks of at most `size` (FME takes ≤ 10,000 segment keys per call). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
