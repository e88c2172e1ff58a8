/**
 * Names the code uses, checked against a looked-up workspace (docs/lookups.md). Pure: the caller
 * reads the context file and says which construct uses which name. Unknown environments and
 * traffic types are errors (FME refuses them at deploy); unknown attributes are warnings, because
 * FME accepts matchers on attributes its schema does not list.
 */
import type { LookedUpWorkspace } from './context-file';
import { problem, Problem } from '../problem';

/** One name the code uses, with the construct path that uses it. */
export type LookupUse =
  | { readonly path: string; readonly kind: 'environment'; readonly environment: string; readonly what: string }
  | { readonly path: string; readonly kind: 'trafficType'; readonly trafficType: string; readonly what: string }
  | { readonly path: string; readonly kind: 'attribute'; readonly trafficType: string; readonly attribute: string; readonly what: string };

export interface LookupFinding {
  readonly path: string;
  readonly severity: 'error' | 'warning';
  readonly problem: Problem;
}

const RERUN = 'if you just created it in FME, run `cdktf-fme lookup` to refresh the context file';

/** Edit distance (insert, delete, substitute), case-insensitive callers lower-case first. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The known name `name` most likely meant: equal ignoring case, within a third of its length in
 * edits (at least one, at most three), or a known name it abbreviates (`Prod` for `Production`,
 * three letters at least); undefined when nothing is that close.
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const same = known.find((k) => k.toLowerCase() === lower);
  if (same !== undefined) return same;
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: { name: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d <= limit && (best === undefined || d < best.d)) best = { name: k, d };
  }
  if (best) return best.name;
  return lower.length >= 3 ? known.find((k) => k.toLowerCase().startsWith(lower)) : undefined;
}

function unknownMessage(kind: string, name: string, known: readonly string[], where: string, what: string): string {
  const hint = nearestName(name, known);
  const list = known.length > 0 ? known.map((k) => `"${k}"`).join(', ') : 'none';
  return `${what} names ${kind} "${name}", which workspace ${where} does not have (known: ${list}`
    + `${hint !== undefined ? `; did you mean "${hint}"?` : ''}); ${RERUN}`;
}

/** Every finding for `uses` against `workspace` (looked up as `where`, e.g. the workspace name). */
export function lookupFindings(workspace: LookedUpWorkspace, uses: readonly LookupUse[]): LookupFinding[] {
  const where = `"${workspace.workspace.name}" (looked up ${workspace.lookedUpAt})`;
  const environments = workspace.environments.map((e) => e.name);
  const trafficTypes = new Map(workspace.trafficTypes.map((t) => [t.name, t]));
  const findings: LookupFinding[] = [];
  const seen = new Set<string>();
  const add = (f: LookupFinding) => {
    const key = JSON.stringify([f.path, f.problem.message]);
    if (!seen.has(key)) findings.push(f);
    seen.add(key);
  };
  for (const use of uses) {
    if (use.kind === 'environment') {
      // Specs may name an environment by id as well (docs/fme-api.md#environments).
      if (workspace.environments.some((e) => e.name === use.environment || e.id === use.environment)) continue;
      add({ path: use.path, severity: 'error', problem: problem('known environment', unknownMessage('environment', use.environment, environments, where, use.what), [use.environment]) });
    } else if (use.kind === 'trafficType') {
      if (trafficTypes.has(use.trafficType)) continue;
      add({
        path: use.path,
        severity: 'error',
        problem: problem('known traffic type', unknownMessage('traffic type', use.trafficType, [...trafficTypes.keys()], where, use.what), [use.trafficType]),
      });
    } else {
      // An unknown traffic type is reported by its own use. A schema that could not be read, or that
      // lists nothing (many workspaces never define one), checks nothing: a warning on every matcher would be noise.
      const attributes = trafficTypes.get(use.trafficType)?.attributes?.map((a) => a.id);
      if (attributes === undefined || attributes.length === 0 || attributes.includes(use.attribute)) continue;
      const hint = nearestName(use.attribute, attributes);
      add({
        path: use.path,
        severity: 'warning',
        problem: problem('known attribute', `${use.what} uses attribute "${use.attribute}", which the schema of traffic type "${use.trafficType}" in workspace `
          + `${where} does not list (known: ${attributes.map((a) => `"${a}"`).join(', ')}`
          + `${hint !== undefined ? `; did you mean "${hint}"?` : ''}); FME accepts it, and SDKs evaluate it when getTreatment passes it; `
          + 'add it to the schema, or run `cdktf-fme lookup` if you just did', [use.attribute]),
      });
    }
  }
  return findings;
}
