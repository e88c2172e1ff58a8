import { RuleBasedSegmentDefinitionBody } from '../data-model';
import { badRequest } from '../errors';
import { requireArray, requireObject, requireString, requireStringList } from './checks';
import { DefinitionContext } from './context';
import { validateMatcher } from './matchers';

/**
 * The exclusion types of a rule-based segment definition. `standard_segment` is in Split's Python
 * client README; `rule_based_segment` is unconfirmed (README.md, fidelity table).
 */
const EXCLUDED_TYPES = ['standard_segment', 'rule_based_segment'] as const;

/**
 * Validates a rule-based segment definition (the PUT body or a change request's
 * `ruleBasedSegment`): rules of AND-ed matchers (no buckets), excluded keys, excluded segments
 * that exist. A definition that excludes itself is refused.
 */
export function validateRuleBasedDefinition(input: Record<string, unknown>, name: string, ctx: DefinitionContext): RuleBasedSegmentDefinitionBody {
  const rules = input.rules === undefined || input.rules === null ? [] : requireArray(input.rules, 'rules').map((r, i) => {
    const where = `rules[${i}]`;
    const rule = requireObject(r, where);
    const condition = requireObject(rule.condition, `${where}.condition`);
    const combiner = condition.combiner === undefined || condition.combiner === null ? 'AND' : condition.combiner;
    if (combiner !== 'AND') throw badRequest(`${where}.condition.combiner must be AND, got ${JSON.stringify(combiner)}`);
    const matchers = requireArray(condition.matchers, `${where}.condition.matchers`);
    if (matchers.length === 0) throw badRequest(`${where}.condition.matchers must have at least one matcher`);
    return { condition: { combiner: 'AND', matchers: matchers.map((m, j) => validateMatcher(m, `${where}.condition.matchers[${j}]`, ctx)) } };
  });
  for (const r of rules) {
    if (r.condition.matchers.some(m => m.type === 'IN_RULE_BASED_SEGMENT' && m.string === name)) {
      throw badRequest(`Rule-based segment ${name} cannot refer to itself`);
    }
  }
  const excludedKeys = input.excludedKeys === undefined || input.excludedKeys === null
    ? [] : requireStringList(input.excludedKeys, 'excludedKeys', { allowEmpty: true });
  const excludedSegments = input.excludedSegments === undefined || input.excludedSegments === null
    ? [] : requireArray(input.excludedSegments, 'excludedSegments').map((e, i) => {
      const where = `excludedSegments[${i}]`;
      const o = requireObject(e, where);
      const segment = requireString(o.name, `${where}.name`);
      const type = requireString(o.type, `${where}.type`);
      if (!(EXCLUDED_TYPES as readonly string[]).includes(type)) throw badRequest(`${where}.type '${type}' is not one of ${EXCLUDED_TYPES.join(', ')}`);
      const exists = type === 'standard_segment' ? ctx.segmentExists(segment) : ctx.ruleBasedSegmentExists(segment);
      if (!exists) throw badRequest(`${where}: ${type === 'standard_segment' ? 'segment' : 'rule-based segment'} '${segment}' does not exist in this workspace`);
      if (type === 'rule_based_segment' && segment === name) throw badRequest(`Rule-based segment ${name} cannot exclude itself`);
      return { name: segment, type: type as typeof EXCLUDED_TYPES[number] };
    });
  return { rules, excludedKeys, excludedSegments };
}

/** Rule-based segments a definition refers to (matchers and exclusions). */
export function referencedRuleBased(body: RuleBasedSegmentDefinitionBody): string[] {
  return [
    ...body.rules.flatMap(r => r.condition.matchers.filter(m => m.type === 'IN_RULE_BASED_SEGMENT').map(m => m.string!)),
    ...body.excludedSegments.filter(s => s.type === 'rule_based_segment').map(s => s.name),
  ];
}

/** Standard segments a definition refers to (matchers and exclusions). */
export function referencedStandard(body: RuleBasedSegmentDefinitionBody): string[] {
  return [
    ...body.rules.flatMap(r => r.condition.matchers.filter(m => m.type === 'IN_SEGMENT').map(m => m.string!)),
    ...body.excludedSegments.filter(s => s.type === 'standard_segment').map(s => s.name),
  ];
}
