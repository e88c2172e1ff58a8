import { MatcherBody } from '../data-model';
import { badRequest } from '../errors';
import {
  isObject, optionalBoolean, requireNumber, requireObject, requireString, requireStringList,
} from './checks';
import { DefinitionContext } from './context';

/** Which value field an Admin API matcher type carries (docs/fme-api.md#matchers). */
type ValueField = 'segment' | 'ruleBasedSegment' | 'largeSegment' | 'strings' | 'string' | 'regex' | 'bool' | 'number' | 'date' | 'between' | 'semver'
  | 'semverList' | 'betweenSemver' | 'depends';

interface MatcherRule {
  readonly field: ValueField;
  /** `required`: an attribute must be named; `none`: the matcher works on the key only. */
  readonly attribute: 'required' | 'optional' | 'none';
}

/** The Admin API matcher types (25 documented, and IN_RULE_BASED_SEGMENT). Anything else is a 400. */
export const MATCHER_RULES: Readonly<Record<string, MatcherRule>> = {
  IN_SEGMENT: { field: 'segment', attribute: 'none' },
  // UNCONFIRMED Admin spelling, modelled on IN_SEGMENT (README.md, fidelity table).
  IN_RULE_BASED_SEGMENT: { field: 'ruleBasedSegment', attribute: 'none' },
  // Admin API shape unconfirmed: modelled on IN_SEGMENT (`string` = name; README.md, "Large segments").
  IN_LARGE_SEGMENT: { field: 'largeSegment', attribute: 'none' },
  IN_SPLIT: { field: 'depends', attribute: 'none' },
  IN_LIST_STRING: { field: 'strings', attribute: 'optional' },
  STARTS_WITH_STRING: { field: 'strings', attribute: 'optional' },
  ENDS_WITH_STRING: { field: 'strings', attribute: 'optional' },
  CONTAINS_STRING: { field: 'strings', attribute: 'optional' },
  MATCHES_STRING: { field: 'regex', attribute: 'optional' },
  EQUAL_SET: { field: 'strings', attribute: 'required' },
  ANY_OF_SET: { field: 'strings', attribute: 'required' },
  ALL_OF_SET: { field: 'strings', attribute: 'required' },
  PART_OF_SET: { field: 'strings', attribute: 'required' },
  BOOLEAN: { field: 'bool', attribute: 'required' },
  EQUAL_NUMBER: { field: 'number', attribute: 'required' },
  GREATER_THAN_OR_EQUAL_NUMBER: { field: 'number', attribute: 'required' },
  LESS_THAN_OR_EQUAL_NUMBER: { field: 'number', attribute: 'required' },
  BETWEEN_NUMBER: { field: 'between', attribute: 'required' },
  ON_DATE: { field: 'date', attribute: 'required' },
  ON_OR_AFTER_DATE: { field: 'date', attribute: 'required' },
  ON_OR_BEFORE_DATE: { field: 'date', attribute: 'required' },
  BETWEEN_DATE: { field: 'between', attribute: 'required' },
  EQUAL_TO_SEMVER: { field: 'semver', attribute: 'required' },
  GREATER_THAN_OR_EQUAL_TO_SEMVER: { field: 'semver', attribute: 'required' },
  LESS_THAN_OR_EQUAL_TO_SEMVER: { field: 'semver', attribute: 'required' },
  BETWEEN_SEMVER: { field: 'betweenSemver', attribute: 'required' },
  IN_LIST_SEMVER: { field: 'semverList', attribute: 'required' },
};

/** Semantic version 2.0 as the SDK parses it. */
const SEMVER = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** Validates one matcher and returns it normalized (only the fields its type uses). */
export function validateMatcher(value: unknown, where: string, ctx: DefinitionContext): MatcherBody {
  const m = requireObject(value, where);
  const type = requireString(m.type, `${where}.type`);
  const rule = MATCHER_RULES[type];
  if (!rule) throw badRequest(`${where}.type '${type}' is not a known matcher type (${Object.keys(MATCHER_RULES).join(', ')})`);
  // Echo the shape the client sent (no added defaults), so read-back comparisons stay stable.
  const out: MatcherBody = { type };
  const negate = optionalBoolean(m.negate, `${where}.negate`);
  if (negate !== undefined) out.negate = negate;
  const attribute = m.attribute === null || m.attribute === undefined || m.attribute === '' ? undefined : requireString(m.attribute, `${where}.attribute`);
  if (rule.attribute === 'required' && attribute === undefined) throw badRequest(`${where}: matcher ${type} needs an attribute`);
  if (rule.attribute !== 'none' && attribute !== undefined) out.attribute = attribute;

  switch (rule.field) {
    case 'largeSegment': {
      const name = requireString(m.string, `${where}.string (large segment name)`);
      if (!ctx.largeSegmentExists(name)) throw badRequest(`${where}: large segment '${name}' does not exist in this workspace; create it first`);
      out.string = name;
      break;
    }
    case 'segment': {
      const segment = requireString(m.string, `${where}.string (segment name)`);
      if (!ctx.segmentExists(segment)) throw badRequest(`${where}: segment '${segment}' does not exist in this workspace; create it first`);
      out.string = segment;
      break;
    }
    case 'ruleBasedSegment': {
      const segment = requireString(m.string, `${where}.string (rule-based segment name)`);
      if (!ctx.ruleBasedSegmentExists(segment)) throw badRequest(`${where}: rule-based segment '${segment}' does not exist in this workspace; create it first`);
      out.string = segment;
      break;
    }
    case 'strings':
      out.strings = requireStringList(m.strings, `${where}.strings`);
      break;
    case 'string':
      out.string = requireString(m.string, `${where}.string`);
      break;
    case 'regex': {
      const pattern = requireString(m.string, `${where}.string`);
      try {
        new RegExp(pattern);
      } catch {
        throw badRequest(`${where}.string '${pattern}' is not a valid regular expression`);
      }
      out.string = pattern;
      break;
    }
    case 'bool':
      if (typeof m.bool !== 'boolean') throw badRequest(`${where}.bool must be true or false`);
      out.bool = m.bool;
      break;
    case 'number':
      out.number = requireNumber(m.number, `${where}.number`);
      break;
    case 'date':
      out.date = requireNumber(m.date, `${where}.date`);
      break;
    case 'between': {
      const b = requireObject(m.between, `${where}.between`);
      const from = requireNumber(b.from, `${where}.between.from`);
      const to = requireNumber(b.to, `${where}.between.to`);
      if (from > to) throw badRequest(`${where}.between.from (${from}) must not be greater than between.to (${to})`);
      out.between = { from, to };
      break;
    }
    case 'semver':
      out.string = requireSemver(m.string, `${where}.string`);
      break;
    case 'semverList':
      out.strings = requireStringList(m.strings, `${where}.strings`).map((s, i) => requireSemver(s, `${where}.strings[${i}]`));
      break;
    case 'betweenSemver': {
      const b = requireObject(m.betweenString, `${where}.betweenString`);
      out.betweenString = { from: requireSemver(b.from, `${where}.betweenString.from`), to: requireSemver(b.to, `${where}.betweenString.to`) };
      break;
    }
    case 'depends':
      out.depends = validateDependency(m.depends, `${where}.depends`, ctx);
      break;
  }
  return out;
}

function requireSemver(value: unknown, where: string): string {
  const s = requireString(value, where);
  if (!SEMVER.test(s)) throw badRequest(`${where} '${s}' is not a semantic version (e.g. 1.2.3)`);
  return s;
}

/**
 * `IN_SPLIT`: the flag depended on must exist and be defined in the same environment, and
 * every treatment named must be one of its treatments. Both the documented
 * `{splitName, treatment}` and the newer `{splitName, treatments: []}` are accepted.
 */
function validateDependency(value: unknown, where: string, ctx: DefinitionContext): NonNullable<MatcherBody['depends']> {
  if (!isObject(value)) throw badRequest(`${where} must be an object {splitName, treatment | treatments}`);
  const splitName = requireString(value.splitName, `${where}.splitName`);
  const treatments: string[] = [];
  if (value.treatment !== undefined && value.treatment !== null) treatments.push(requireString(value.treatment, `${where}.treatment`));
  if (value.treatments !== undefined && value.treatments !== null) treatments.push(...requireStringList(value.treatments, `${where}.treatments`));
  if (treatments.length === 0) throw badRequest(`${where} must name the treatment(s) of '${splitName}' to depend on`);
  if (splitName === ctx.flagName) throw badRequest(`${where}: feature flag '${splitName}' cannot depend on itself`);
  const available = ctx.flagTreatmentsInEnvironment(splitName);
  if (available === undefined) throw badRequest(`${where}: feature flag '${splitName}' does not exist`);
  if (available === null) throw badRequest(`${where}: feature flag '${splitName}' has no definition in this environment; define it first`);
  for (const t of treatments) {
    if (!available.includes(t)) throw badRequest(`${where}: '${t}' is not a treatment of feature flag '${splitName}' [${available.join(', ')}]`);
  }
  const out: NonNullable<MatcherBody['depends']> = { splitName };
  if (value.treatment !== undefined && value.treatment !== null) out.treatment = value.treatment as string;
  if (value.treatments !== undefined && value.treatments !== null) out.treatments = value.treatments as string[];
  return out;
}
