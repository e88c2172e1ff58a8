/**
 * Rejected change requests (docs/fme-api.md, "Change requests"): in an approval-gated environment a
 * deploy or `drift --fix` only submits a request, and a rejected one leaves no trace on the
 * definition. So where the code and FME differ in such an environment, the latest rejected request
 * for that flag or segment is looked up and named next to the difference.
 */
import type { Difference } from './difference';
import { HandlerContext } from '../handler/context';

interface ChangeRequestView {
  readonly id: string;
  readonly lastUpdateTime?: number;
  readonly split?: { readonly name?: string } | null;
  readonly segment?: { readonly name?: string } | null;
}

interface MarkerPage {
  readonly data?: ChangeRequestView[];
  readonly nextMarker?: string | null;
}

/** Bound on pages read per environment, so a misbehaving server cannot loop us forever. */
const MAX_PAGES = 100;

/** `flag x` / `segment y` → id of the latest rejected change request, in one environment (by id). */
async function rejectedIn(ctx: HandlerContext, environmentId: string): Promise<Map<string, string>> {
  const latest = new Map<string, ChangeRequestView>();
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await ctx.client.transport.send<MarkerPage>({
      method: 'GET',
      path: '/changeRequests',
      query: { status: 'REJECTED', environmentId, limit: 50, ...(after ? { after } : {}) },
      context: { operation: 'list rejected change requests', environment: environmentId },
    });
    for (const cr of answer?.data ?? []) {
      const key = cr.split?.name ? `flag ${cr.split.name}` : cr.segment?.name ? `segment ${cr.segment.name}` : undefined;
      if (key && (latest.get(key)?.lastUpdateTime ?? -1) <= (cr.lastUpdateTime ?? 0)) latest.set(key, cr);
    }
    after = answer?.nextMarker ?? undefined;
    if (!after) break;
  }
  return new Map([...latest].map(([key, cr]) => [key, cr.id]));
}

/**
 * The differences, each in an approval-gated environment annotated with the latest rejected change
 * request for its object there. `gated` holds the environments (as the specs name them) whose writes
 * go through change requests; `environmentIds` maps them to ids. One list per such environment
 * with differences.
 */
export async function withRejectedChangeRequests(
  ctx: HandlerContext, differences: Difference[], gated: ReadonlySet<string>, environmentIds: ReadonlyMap<string, string>,
): Promise<Difference[]> {
  const environments = [...new Set(differences.filter((d) => d.environment !== undefined && gated.has(d.environment)).map((d) => d.environment!))];
  const rejected = new Map<string, Map<string, string>>();
  for (const environment of environments) {
    const id = environmentIds.get(environment);
    if (id !== undefined) rejected.set(environment, await rejectedIn(ctx, id));
  }
  return differences.map((d) => {
    const cr = d.environment === undefined ? undefined : rejected.get(d.environment)?.get(`${d.kind} ${d.name}`);
    return cr === undefined ? d : { ...d, rejectedChangeRequest: cr };
  });
}
