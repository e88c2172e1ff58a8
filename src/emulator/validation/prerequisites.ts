import { PrerequisiteBody } from '../data-model';
import { badRequest } from '../errors';
import { isObject, requireArray, requireString, requireStringList } from './checks';
import { DefinitionContext } from './context';

/**
 * `prerequisites: [{flagName, treatments}]` (docs/fme-api.md#prerequisites; the Admin field is
 * UNCONFIRMED, the SDK's `{n, ts}` is confirmed). Always refused: a malformed entry, an empty
 * treatment list, the flag itself, the same flag twice, a flag that does not exist. Strict only
 * (unconfirmed, README.md "Fidelity"): the flag must be defined in this environment and every
 * treatment must be one of its treatments; lenient accepts both, as an SDK would simply find the
 * prerequisite unmet.
 */
export function validatePrerequisites(value: unknown, ctx: DefinitionContext): PrerequisiteBody[] {
  if (value === undefined || value === null) return [];
  const seen = new Set<string>();
  return requireArray(value, 'prerequisites').map((item, i) => {
    const where = `prerequisites[${i}]`;
    if (!isObject(item)) throw badRequest(`${where} must be an object {flagName, treatments}`);
    const flagName = requireString(item.flagName, `${where}.flagName`);
    const treatments = requireStringList(item.treatments, `${where}.treatments`);
    if (treatments.length === 0) throw badRequest(`${where} must name the treatment(s) of '${flagName}' that meet it`);
    if (flagName === ctx.flagName) throw badRequest(`${where}: feature flag '${flagName}' cannot be its own prerequisite`);
    if (seen.has(flagName)) throw badRequest(`${where}: feature flag '${flagName}' is already a prerequisite`);
    seen.add(flagName);
    const available = ctx.flagTreatmentsInEnvironment(flagName);
    if (available === undefined) throw badRequest(`${where}: feature flag '${flagName}' does not exist`);
    if (ctx.strict) {
      if (available === null) throw badRequest(`${where}: feature flag '${flagName}' has no definition in this environment; define it first`);
      for (const t of treatments) {
        if (!available.includes(t)) throw badRequest(`${where}: '${t}' is not a treatment of feature flag '${flagName}' [${available.join(', ')}]`);
      }
    }
    return { flagName, treatments: [...treatments] };
  });
}
