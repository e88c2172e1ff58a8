/** Largest page FME serves; bigger `limit`s are clamped, not refused (docs/fme-api.md#pagination). */
export const MAX_PAGE_SIZE = 50;
const DEFAULT_PAGE_SIZE = 20;

/** The offset/limit envelope `{objects, offset, limit, totalCount}`. */
export interface OffsetPage<T> {
  readonly objects: T[];
  readonly offset: number;
  readonly limit: number;
  readonly totalCount: number;
}

/** Reads `offset` and `limit` (clamped to 1..max) from the query string. */
export function pageParams(query: URLSearchParams, max = MAX_PAGE_SIZE): { offset: number; limit: number } {
  const offset = Math.max(0, Math.floor(Number(query.get('offset') ?? 0)) || 0);
  const rawLimit = Math.floor(Number(query.get('limit') ?? DEFAULT_PAGE_SIZE)) || DEFAULT_PAGE_SIZE;
  return { offset, limit: Math.min(Math.max(1, rawLimit), max) };
}

/** One page of `items`. */
export function offsetPage<T>(items: T[], query: URLSearchParams, max = MAX_PAGE_SIZE): OffsetPage<T> {
  const { offset, limit } = pageParams(query, max);
  return { objects: items.slice(offset, offset + limit), offset, limit, totalCount: items.length };
}
