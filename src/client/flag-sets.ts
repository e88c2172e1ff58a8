import { FmeClientConfigError } from './errors';

/** Upper bound on pages fetched by one marker listing, so a misbehaving server cannot loop us forever. */
const MAX_PAGES = 10_000;

/**
 * The Admin API v3 base URL (flag sets, docs/fme-api.md#flag-sets) derived from the configured v2
 * one: `.../internal/api/v2` becomes `.../internal/api/v3`, on FME's own host and behind Harness's
 * gateway alike. A base URL that does not end in `/v2` has no known v3 sibling: refused before
 * anything is sent.
 */
export function v3BaseUrl(v2BaseUrl: string): string {
  const trimmed = v2BaseUrl.replace(/\/+$/, '');
  if (!/\/v2$/.test(trimmed)) {
    throw new FmeClientConfigError(
      `refused to call FME's flag-set API: the Admin API base URL ${JSON.stringify(v2BaseUrl)} does not end in /v2, so its v3 sibling `
      + '(where flag sets live) cannot be derived; nothing was sent. Use a base URL such as https://api.split.io/internal/api/v2.');
  }
  return `${trimmed.slice(0, -3)}/v3`;
}

/** One page of a v3 marker listing: `{objects, nextMarker, previousMarker}`. */
export interface MarkerPage<T> {
  readonly objects?: T[] | null;
  readonly nextMarker?: string | null;
  readonly previousMarker?: string | null;
}

/** Collects every item of a marker listing: follows `nextMarker` (as `after`) until it is empty. */
export async function collectMarkerPages<T>(fetchPage: (after: string | undefined) => Promise<MarkerPage<T> | undefined>): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await fetchPage(after);
    all.push(...(answer?.objects ?? []));
    const next = answer?.nextMarker;
    if (next === undefined || next === null || next === '' || next === after) break;
    after = next;
  }
  return all;
}
