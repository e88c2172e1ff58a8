import { FlagEnvironmentPart, SegmentPart } from './parts';
import { PathProblem, pathProblem } from './path-problem';
import { referencesOf } from './references';
import { FlagResourceSpec } from '../../spec/resource-spec';

/**
 * A segment declared in the app and used by a flag must share the flag's traffic type and be
 * configured in the environment that uses it (FME offers only those segments).
 */
export function segmentReferenceProblems(
  flags: FlagResourceSpec[],
  segments: ReadonlyMap<string, SegmentPart>,
  envParts: FlagEnvironmentPart[],
): PathProblem[] {
  const problems: PathProblem[] = [];
  // Plans and targets by flag and environment, indexed once (a scan per flag is quadratic in large apps).
  const partsByFlagEnv = new Map<string, FlagEnvironmentPart[]>();
  for (const p of envParts) {
    if (p.kind !== 'plan' && p.kind !== 'targets') continue;
    const key = `${p.flagName}\u0000${p.environment}`;
    partsByFlagEnv.set(key, [...(partsByFlagEnv.get(key) ?? []), p]);
  }
  for (const flag of flags) {
    const refs = referencesOf(flag);
    for (const [env, names] of refs.segments) {
      // Attribute the problem to the construct that brings the reference in: the plan, else the targets.
      const owners = partsByFlagEnv.get(`${flag.flagName}\u0000${env}`) ?? [];
      const path = owners[0]?.path ?? '';
      const trafficType = flag.metadata?.trafficType ?? owners.find((p) => p.trafficType !== undefined)?.trafficType;
      for (const name of [...names].sort()) {
        const segment = segments.get(name);
        if (!segment) continue;
        if (trafficType !== undefined && segment.trafficType !== trafficType) {
          problems.push(pathProblem(path, 'segments', `flag "${flag.flagName}" (traffic type ${trafficType}) uses segment "${name}" of traffic type ${segment.trafficType} (${segment.path}); use a segment of the flag's traffic type`));
        }
        if (!segment.keys.has(env)) {
          problems.push(pathProblem(path, 'segments', `flag "${flag.flagName}" uses segment "${name}" in environment "${env}", where ${segment.path} does not configure it; add keys for "${env}" to the segment (environmentKeys or setKeys)`));
        }
      }
    }
  }
  return problems;
}
