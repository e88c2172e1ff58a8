/**
 * Environments and traffic types the code names that FME does not have (docs/lookups.md, "At plan
 * time"). `diff` and `drift` report them as errors and leave the objects out of every other
 * comparison: a deploy would fail on them before changing anything else there.
 */
import type { NamedRef } from '../client/types';
import { nearestName } from '../model/lookups/checks';
import type { FlagResourceSpec, SegmentResourceSpec } from '../spec/resource-spec';

/** What the comparison may go on with, and the errors for what it may not. */
export interface KnownNames {
  readonly flags: FlagResourceSpec[];
  readonly segments: SegmentResourceSpec[];
  readonly errors: string[];
}

function unknown(what: string, kind: string, name: string, known: readonly NamedRef[], workspace: string): string {
  const names = known.map((k) => k.name);
  const hint = nearestName(name, names);
  return `${what}: ${kind} "${name}" does not exist in workspace ${workspace} (known: ${names.map((n) => `"${n}"`).join(', ') || 'none'}`
    + `${hint !== undefined ? `; did you mean "${hint}"?` : ''}); the deploy would fail there. Fix the name in the code, or create the ${kind} in FME `
    + 'and run `cdktf-fme lookup`';
}

const isKnown = (known: readonly NamedRef[], nameOrId: string) => known.some((k) => k.name === nameOrId || k.id === nameOrId);

/** Drops the environment parts whose environment FME does not have, with one error each. */
export function withKnownEnvironments(
  flags: readonly FlagResourceSpec[], segments: readonly SegmentResourceSpec[], environments: readonly NamedRef[], workspace: string,
): KnownNames {
  const errors: string[] = [];
  const keep = <T extends { readonly environment: string }>(parts: readonly T[], what: string): T[] => parts.filter((p) => {
    if (isKnown(environments, p.environment)) return true;
    errors.push(unknown(what, 'environment', p.environment, environments, workspace));
    return false;
  });
  return {
    flags: flags.map((f) => ({ ...f, environments: keep(f.environments, `flag ${f.flagName}`) })),
    segments: segments.map((s) => ({ ...s, environments: keep(s.environments, `segment ${s.segmentName}`) })),
    errors,
  };
}

/** Whether a traffic type list is needed: only objects the deploy creates name one FME has not checked yet. */
export function needsTrafficTypes(
  flags: readonly FlagResourceSpec[], segments: readonly SegmentResourceSpec[], liveFlags: ReadonlySet<string>, liveSegments: ReadonlySet<string>,
): boolean {
  return flags.some((f) => f.metadata && !liveFlags.has(f.flagName)) || segments.some((s) => s.metadata && !liveSegments.has(s.segmentName));
}

/** Drops the flags and segments to create whose traffic type FME does not have, with one error each. */
export function withKnownTrafficTypes(
  names: KnownNames, trafficTypes: readonly NamedRef[], liveFlags: ReadonlySet<string>, liveSegments: ReadonlySet<string>, workspace: string,
): KnownNames {
  const errors = [...names.errors];
  const flags = names.flags.filter((f) => {
    if (!f.metadata || liveFlags.has(f.flagName) || isKnown(trafficTypes, f.metadata.trafficType)) return true;
    errors.push(unknown(`flag ${f.flagName}`, 'traffic type', f.metadata.trafficType, trafficTypes, workspace));
    return false;
  });
  const segments = names.segments.filter((s) => {
    if (!s.metadata || liveSegments.has(s.segmentName) || isKnown(trafficTypes, s.metadata.trafficType)) return true;
    errors.push(unknown(`segment ${s.segmentName}`, 'traffic type', s.metadata.trafficType, trafficTypes, workspace));
    return false;
  });
  return { flags, segments, errors };
}
