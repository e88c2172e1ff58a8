import { DefinitionBody, RuleBody } from '../data-model';
import { badRequest } from '../errors';
import { validateBuckets } from './buckets';
import { isObject, optionalBoolean, requireArray, requireIntegerInRange, requireObject } from './checks';
import { DefinitionContext } from './context';
import { validateMatcher } from './matchers';
import { validatePrerequisites } from './prerequisites';
import { requireDeclaredTreatment, validateTreatments } from './treatments';

/** Fields a definition request may carry; everything else is a response-only field and is ignored. */
export const WRITABLE_DEFINITION_FIELDS = [
  'treatments', 'defaultTreatment', 'baselineTreatment', 'trafficAllocation', 'rules', 'defaultRule',
  'killed', 'impressionsDisabled', 'flagSets', 'prerequisites',
] as const;

/**
 * Validates a whole definition (a POST/PUT body, or the result of a JSON Patch) and returns
 * the normalized body that is stored. `killed` is taken from `keepKilled` unless `allowKilled`
 * (JSON Patch may set `/killed`; POST bodies may carry it only as an ignored response field).
 */
export function validateDefinition(input: unknown, ctx: DefinitionContext, options: { killed: boolean; allowKilled: boolean }): DefinitionBody {
  const body = requireObject(input, 'definition');
  const treatments = validateTreatments(body.treatments);
  const names = new Set(treatments.map(t => t.name));

  for (const t of treatments) {
    for (const segment of t.segments ?? []) {
      if (!ctx.segmentExists(segment)) {
        throw badRequest(`Treatment '${t.name}' targets segment '${segment}', which does not exist in this workspace; create it first`);
      }
    }
  }
  if (body.defaultTreatment === undefined || body.defaultTreatment === null) throw badRequest('defaultTreatment is required');
  const defaultTreatment = requireDeclaredTreatment(body.defaultTreatment, 'defaultTreatment', names);
  const baselineTreatment = body.baselineTreatment === undefined || body.baselineTreatment === null
    ? undefined : requireDeclaredTreatment(body.baselineTreatment, 'baselineTreatment', names);
  const trafficAllocation = body.trafficAllocation === undefined || body.trafficAllocation === null
    ? 100 : requireIntegerInRange(body.trafficAllocation, 'trafficAllocation', 0, 100);
  const defaultRule = validateBuckets(body.defaultRule, 'defaultRule', names);
  const rules = body.rules === undefined || body.rules === null ? [] : requireArray(body.rules, 'rules').map((r, i) => validateRule(r, i, names, ctx));

  const killedValue = optionalBoolean(body.killed, 'killed');
  const out: DefinitionBody = {
    treatments,
    defaultTreatment,
    trafficAllocation,
    rules,
    defaultRule,
    killed: options.allowKilled && killedValue !== undefined ? killedValue : options.killed,
    impressionsDisabled: optionalBoolean(body.impressionsDisabled, 'impressionsDisabled') ?? false,
    prerequisites: validatePrerequisites(body.prerequisites, ctx),
  };
  if (baselineTreatment !== undefined) out.baselineTreatment = baselineTreatment;
  if (body.flagSets !== undefined && body.flagSets !== null) out.flagSets = validateFlagSetRefs(requireArray(body.flagSets, 'flagSets'), ctx);
  return out;
}

/**
 * Flag-set references are `{id, type}` objects naming flag sets of the workspace (docs/fme-api.md#flag-sets).
 * A name, or an id FME does not know, is refused: FME keeps the association by id, and whether it
 * resolves names here is unconfirmed. Duplicates collapse; `type` is kept as sent (its value is unconfirmed).
 */
function validateFlagSetRefs(refs: unknown[], ctx: DefinitionContext): Array<{ id: string; type?: string }> {
  const out: Array<{ id: string; type?: string }> = [];
  refs.forEach((ref, i) => {
    if (!isObject(ref) || typeof ref.id !== 'string' || ref.id === '') {
      throw badRequest(`flagSets[${i}] must be an object {id, type} naming a flag set by id, got ${JSON.stringify(ref)}`);
    }
    if (!ctx.flagSetExists(ref.id)) throw badRequest(`flagSets[${i}]: flag set ${ref.id} does not exist in this workspace; create it first (POST /internal/api/v3/flag-sets)`);
    if (out.some(r => r.id === ref.id)) return;
    out.push({ id: ref.id, ...(typeof ref.type === 'string' ? { type: ref.type } : {}) });
  });
  return out;
}

function validateRule(value: unknown, index: number, treatments: ReadonlySet<string>, ctx: DefinitionContext): RuleBody {
  const where = `rules[${index}]`;
  const rule = requireObject(value, where);
  const condition = requireObject(rule.condition, `${where}.condition`);
  const combiner = condition.combiner === undefined || condition.combiner === null ? 'AND' : condition.combiner;
  if (combiner !== 'AND') throw badRequest(`${where}.condition.combiner must be AND (FME supports only AND), got ${JSON.stringify(combiner)}`);
  const matchers = requireArray(condition.matchers, `${where}.condition.matchers`);
  if (matchers.length === 0) throw badRequest(`${where}.condition.matchers must have at least one matcher`);
  return {
    condition: { combiner: 'AND', matchers: matchers.map((m, j) => validateMatcher(m, `${where}.condition.matchers[${j}]`, ctx)) },
    buckets: validateBuckets(rule.buckets, `${where}.buckets`, treatments),
  };
}

/** The request-shaped view of a stored definition: what a JSON Patch operates on. */
export function patchableView(body: DefinitionBody): Record<string, unknown> {
  return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
}

/** True when a definition depends on flag `name`: through an IN_SPLIT rule, or as a prerequisite. */
export function dependsOn(body: DefinitionBody, name: string): boolean {
  return body.rules.some(r => r.condition.matchers.some(m => m.type === 'IN_SPLIT' && isObject(m.depends) && m.depends.splitName === name))
    || (body.prerequisites ?? []).some(p => p.flagName === name);
}

/** Large segments a definition's IN_LARGE_SEGMENT matchers name. */
export function referencedLargeSegments(body: DefinitionBody): string[] {
  const names = new Set<string>();
  for (const r of body.rules) for (const m of r.condition.matchers) if (m.type === 'IN_LARGE_SEGMENT' && m.string) names.add(m.string);
  return [...names];
}

/** Segments a definition references (individual targets and IN_SEGMENT matchers). */
export function referencedSegments(body: DefinitionBody): string[] {
  const names = new Set<string>();
  for (const t of body.treatments) for (const s of t.segments ?? []) names.add(s);
  for (const r of body.rules) for (const m of r.condition.matchers) if (m.type === 'IN_SEGMENT' && m.string) names.add(m.string);
  return [...names];
}
