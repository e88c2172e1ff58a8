/** Upper bound on pages fetched by one listing, so a misbehaving server cannot loop us forever. */
const MAX_PAGES = 10_000;

/**
 * Collects every item of an offset/limit listing (docs/fme-api.md#pagination): asks for `limit`
 * items at a time until a short page, or `totalCount` is reached.
 */
export async function collectOffsetPages<T>(
  fetchPage: (offset: number, limit: number) => Promise<{ items: T[]; totalCount?: number }>,
  limit: number,
): Promise<T[]> {
  const all: T[] = [];
  for (let page = 0, offset = 0; page < MAX_PAGES; page++, offset += limit) {
    const { items, totalCount } = await fetchPage(offset, limit);
    all.push(...items);
    const done = items.length < limit || (totalCount !== undefined && offset + items.length >= totalCount);
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
