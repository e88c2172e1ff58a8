/**
 * `--ignore` patterns: fields a team deliberately manages outside the code (a kill switch operated
 * from pipelines, rollout status set in the UI). A pattern without `/` names a field everywhere
 * (`killed`); otherwise it is matched against the difference's path, `<name>/<field>` or
 * `<name>/<environment>/<field>`, where `*` matches any run of characters except `/`
 * (`*\/Production/killed`, `checkout_*\/*\/rules`).
 *
 * `drift --fix` must leave ignored fields alone too, so {@link withIgnoredFromLive} rewrites a spec
 * so that those fields already equal their live values before the handler converges it.
 */
import { Difference, differencePath, Field } from './difference';
import { envKey, LiveWorkspace } from './live-reader';
import type { Definition } from '../client/types';
import type {
  DefinitionSpec, EnvironmentPartSpec, FlagResourceSpec, SegmentResourceSpec, TreatmentSpec,
} from '../spec/resource-spec';

export class IgnorePatterns {
  private readonly matchers: Array<(d: Difference) => boolean>;

  constructor(public readonly patterns: readonly string[]) {
    this.matchers = patterns.map((p) => {
      if (!p.includes('/')) return (d: Difference) => d.field === p;
      const re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
      return (d: Difference) => re.test(differencePath(d));
    });
  }

  public ignores(d: Difference): boolean {
    return this.matchers.some((m) => m(d));
  }

  /** Splits differences into those that count and those the patterns ignore. */
  public split(differences: readonly Difference[]): { kept: Difference[]; ignored: Difference[] } {
    const kept: Difference[] = [];
    const ignored: Difference[] = [];
    for (const d of differences) (this.ignores(d) ? ignored : kept).push(d);
    return { kept, ignored };
  }
}

/** Fields an ignore adjusts in a definition, each taking the live value. */
const FROM_LIVE: Partial<Record<Field, (code: DefinitionSpec, live: Definition) => Partial<DefinitionSpec>>> = {
  rules: (_c, l) => ({ rules: l.rules ?? [] }),
  defaultRule: (_c, l) => ({ defaultRule: l.defaultRule ?? [] }),
  limitExposure: (_c, l) => ({ trafficAllocation: l.trafficAllocation ?? 100 }),
  defaultTreatment: (_c, l) => ({ defaultTreatment: l.defaultTreatment }),
  baselineTreatment: (_c, l) => (l.baselineTreatment ? { baselineTreatment: l.baselineTreatment } : {}),
  treatments: (_c, l) => ({ treatments: l.treatments ?? [] }),
  configs: (c, l) => ({ treatments: c.treatments.map((t) => withLive(t, l, ['configurations'])) }),
  targets: (c, l) => ({ treatments: c.treatments.map((t) => withLive(t, l, ['keys', 'segments'])) }),
  // Undeclared flag sets are left as FME has them (docs/fme-api.md#flag-sets).
  flagSets: () => ({ flagSets: undefined }),
};

function withLive(t: TreatmentSpec, live: Definition, fields: Array<'configurations' | 'keys' | 'segments'>): TreatmentSpec {
  const l = (live.treatments ?? []).find((x) => x.name === t.name);
  const out: Record<string, unknown> = { ...t };
  for (const f of fields) {
    if (l?.[f] === undefined || l[f] === null) delete out[f];
    else out[f] = l[f];
  }
  return out as unknown as TreatmentSpec;
}

function adjustPart(part: EnvironmentPartSpec, fields: ReadonlySet<Field>, live: Definition | undefined): EnvironmentPartSpec {
  if (!live || fields.size === 0) return part;
  let next: EnvironmentPartSpec = part;
  if (fields.has('killed')) next = part.definition ? { ...next, killed: live.killed === true } : { ...next, killed: undefined };
  if (next.definition) {
    let definition = next.definition;
    for (const f of fields) definition = { ...definition, ...FROM_LIVE[f]?.(definition, live) };
    next = { ...next, definition };
  } else {
    if (fields.has('defaultRule')) next = { ...next, defaultRule: undefined };
    if (fields.has('targets')) next = { ...next, setTargets: undefined, addTargets: undefined, removeTargets: undefined };
  }
  return next;
}

/** The spec with every ignored field of it set to its live value (or left unset), for `drift --fix`. */
export function withIgnoredFromLive<S extends FlagResourceSpec | SegmentResourceSpec>(
  spec: S, ignored: readonly Difference[], live: LiveWorkspace,
): S {
  const name = spec.kind === 'flag' ? spec.flagName : spec.segmentName;
  const mine = ignored.filter((d) => d.kind === spec.kind && d.name === name);
  if (mine.length === 0) return spec;
  const fieldsOf = (environment?: string) => new Set(mine.filter((d) => d.environment === environment).map((d) => d.field));
  if (spec.kind === 'segment') {
    const environments = spec.environments.filter((p) => !fieldsOf(p.environment).has('keys'));
    return { ...spec, environments };
  }
  const flag = spec as FlagResourceSpec;
  const top = fieldsOf(undefined);
  const metadata = flag.metadata && {
    ...flag.metadata,
    ...(top.has('description') ? { description: undefined } : {}),
    ...(top.has('tags') ? { tags: undefined } : {}),
    ...(top.has('owners') ? { owners: undefined } : {}),
    ...(top.has('rolloutStatus') ? { rolloutStatus: undefined } : {}),
  };
  const environments = flag.environments.map((p) =>
    adjustPart(p, fieldsOf(p.environment), live.definitions.get(envKey(flag.flagName, p.environment))));
  return { ...flag, metadata, environments } as S;
}
