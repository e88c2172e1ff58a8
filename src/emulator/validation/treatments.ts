import { TreatmentBody } from '../data-model';
import { badRequest } from '../errors';
import { optionalString, requireArray, requireObject, requireString, requireStringList } from './checks';

/** FME allows 2..20 treatments per flag. */
export const MIN_TREATMENTS = 2;
export const MAX_TREATMENTS = 20;
/** Treatment names: letters, digits, `-`, `_`, `.`, starting with a letter or digit. */
const TREATMENT_NAME = /^[a-zA-Z0-9][-_.a-zA-Z0-9]{0,99}$/;

/**
 * Validates `treatments`: count, unique well-formed names, `configurations` as a JSON string,
 * individual target lists, and no key targeted by two treatments (the SDK would silently
 * serve the first one).
 */
export function validateTreatments(value: unknown): TreatmentBody[] {
  if (value === undefined || value === null) throw badRequest('treatments is required');
  const list = requireArray(value, 'treatments');
  if (list.length < MIN_TREATMENTS || list.length > MAX_TREATMENTS) {
    throw badRequest(`A feature flag needs between ${MIN_TREATMENTS} and ${MAX_TREATMENTS} treatments, got ${list.length}`);
  }
  const seen = new Set<string>();
  const keyOwner = new Map<string, string>();
  return list.map((raw, i) => {
    const where = `treatments[${i}]`;
    const t = requireObject(raw, where);
    const name = requireString(t.name, `${where}.name`);
    if (!TREATMENT_NAME.test(name)) {
      throw badRequest(`${where}.name '${name}' is not a valid treatment name (letters, digits, '-', '_', '.'; start with a letter or digit; at most 100 characters)`);
    }
    if (seen.has(name)) throw badRequest(`Treatment names must be unique: '${name}' appears more than once`);
    seen.add(name);
    const treatment: TreatmentBody = { name };
    const description = optionalString(t.description, `${where}.description`);
    if (description !== undefined) treatment.description = description;
    const configurations = optionalString(t.configurations, `${where}.configurations`);
    if (configurations !== undefined && configurations !== '') {
      try {
        JSON.parse(configurations);
      } catch {
        throw badRequest(`${where}.configurations must be a JSON-encoded string; '${configurations.slice(0, 60)}' is not valid JSON`);
      }
      treatment.configurations = configurations;
    }
    if (t.keys !== undefined && t.keys !== null) {
      const keys = requireStringList(t.keys, `${where}.keys`, { allowEmpty: true });
      for (const key of keys) {
        const other = keyOwner.get(key);
        if (other !== undefined && other !== name) {
          throw badRequest(`Key '${key}' is individually targeted by both treatments '${other}' and '${name}'`);
        }
        keyOwner.set(key, name);
      }
      treatment.keys = [...new Set(keys)];
    }
    if (t.segments !== undefined && t.segments !== null) {
      treatment.segments = [...new Set(requireStringList(t.segments, `${where}.segments`, { allowEmpty: true }))];
    }
    if (Array.isArray(t.largeSegments)) treatment.largeSegments = t.largeSegments;
    if (Array.isArray(t.ruleBasedSegments)) treatment.ruleBasedSegments = t.ruleBasedSegments;
    return treatment;
  });
}

/** `defaultTreatment` / `baselineTreatment` must name a declared treatment. */
export function requireDeclaredTreatment(value: unknown, field: string, names: ReadonlySet<string>): string {
  const name = requireString(value, field);
  if (!names.has(name)) throw badRequest(`${field} '${name}' is not one of the flag's treatments [${[...names].join(', ')}]`);
  return name;
}
