import { MatcherBody } from '../data-model';

/** SDK matcher JSON (docs/fme-api.md#sdk-splitchanges). */
export interface SdkMatcher {
  keySelector: { trafficType: string; attribute: string | null } | null;
  matcherType: string;
  negate: boolean;
  userDefinedSegmentMatcherData: { segmentName: string } | null;
  /** Only on `IN_LARGE_SEGMENT` matchers (splitio-commons `dtos/types.ts`). */
  userDefinedLargeSegmentMatcherData?: { largeSegmentName: string } | null;
  whitelistMatcherData: { whitelist: string[] } | null;
  unaryNumericMatcherData: { dataType: 'NUMBER' | 'DATETIME'; value: number } | null;
  betweenMatcherData: { dataType: 'NUMBER' | 'DATETIME'; start: number; end: number } | null;
  betweenStringMatcherData: { start: string; end: string } | null;
  booleanMatcherData: boolean | null;
  dependencyMatcherData: { split: string; treatments: string[] } | null;
  stringMatcherData: string | null;
}

/** Admin type → SDK type (docs/fme-api.md#definition-to-sdk-split, table). */
const SDK_TYPE: Readonly<Record<string, string>> = {
  IN_SEGMENT: 'IN_SEGMENT',
  IN_RULE_BASED_SEGMENT: 'IN_RULE_BASED_SEGMENT',
  IN_LARGE_SEGMENT: 'IN_LARGE_SEGMENT',
  IN_LIST_STRING: 'WHITELIST',
  EQUAL_SET: 'EQUAL_TO_SET',
  ANY_OF_SET: 'CONTAINS_ANY_OF_SET',
  ALL_OF_SET: 'CONTAINS_ALL_OF_SET',
  PART_OF_SET: 'PART_OF_SET',
  STARTS_WITH_STRING: 'STARTS_WITH',
  ENDS_WITH_STRING: 'ENDS_WITH',
  CONTAINS_STRING: 'CONTAINS_STRING',
  MATCHES_STRING: 'MATCHES_STRING',
  EQUAL_NUMBER: 'EQUAL_TO',
  GREATER_THAN_OR_EQUAL_NUMBER: 'GREATER_THAN_OR_EQUAL_TO',
  LESS_THAN_OR_EQUAL_NUMBER: 'LESS_THAN_OR_EQUAL_TO',
  BETWEEN_NUMBER: 'BETWEEN',
  ON_DATE: 'EQUAL_TO',
  ON_OR_AFTER_DATE: 'GREATER_THAN_OR_EQUAL_TO',
  ON_OR_BEFORE_DATE: 'LESS_THAN_OR_EQUAL_TO',
  BETWEEN_DATE: 'BETWEEN',
  BOOLEAN: 'EQUAL_TO_BOOLEAN',
  IN_SPLIT: 'IN_SPLIT_TREATMENT',
  EQUAL_TO_SEMVER: 'EQUAL_TO_SEMVER',
  GREATER_THAN_OR_EQUAL_TO_SEMVER: 'GREATER_THAN_OR_EQUAL_TO_SEMVER',
  LESS_THAN_OR_EQUAL_TO_SEMVER: 'LESS_THAN_OR_EQUAL_TO_SEMVER',
  BETWEEN_SEMVER: 'BETWEEN_SEMVER',
  IN_LIST_SEMVER: 'IN_LIST_SEMVER',
};

const DATE_TYPES = new Set(['ON_DATE', 'ON_OR_AFTER_DATE', 'ON_OR_BEFORE_DATE', 'BETWEEN_DATE']);

function empty(matcherType: string, keySelector: SdkMatcher['keySelector'], negate: boolean): SdkMatcher {
  return {
    keySelector,
    matcherType,
    negate,
    userDefinedSegmentMatcherData: null,
    whitelistMatcherData: null,
    unaryNumericMatcherData: null,
    betweenMatcherData: null,
    betweenStringMatcherData: null,
    booleanMatcherData: null,
    dependencyMatcherData: null,
    stringMatcherData: null,
  };
}

/** Translates one (validated) Admin matcher into the SDK matcher the backend would emit. */
export function toSdkMatcher(m: MatcherBody, trafficType: string): SdkMatcher {
  const attribute = m.type === 'IN_SEGMENT' || m.type === 'IN_LARGE_SEGMENT' || m.type === 'IN_SPLIT' || m.type === 'IN_RULE_BASED_SEGMENT' ? null : m.attribute ?? null;
  const out = empty(SDK_TYPE[m.type], { trafficType, attribute }, m.negate ?? false);
  const dataType = DATE_TYPES.has(m.type) ? 'DATETIME' : 'NUMBER';
  switch (m.type) {
    case 'IN_SEGMENT':
    case 'IN_RULE_BASED_SEGMENT':
      // The SDK reads a rule-based segment's name from the same field (splitio-commons matchersTransform).
      out.userDefinedSegmentMatcherData = { segmentName: m.string! };
      break;
    case 'IN_LARGE_SEGMENT':
      out.userDefinedLargeSegmentMatcherData = { largeSegmentName: m.string! };
      break;
    case 'MATCHES_STRING':
    case 'EQUAL_TO_SEMVER':
    case 'GREATER_THAN_OR_EQUAL_TO_SEMVER':
    case 'LESS_THAN_OR_EQUAL_TO_SEMVER':
      out.stringMatcherData = m.string!;
      break;
    case 'EQUAL_NUMBER':
    case 'GREATER_THAN_OR_EQUAL_NUMBER':
    case 'LESS_THAN_OR_EQUAL_NUMBER':
      out.unaryNumericMatcherData = { dataType, value: m.number! };
      break;
    case 'ON_DATE':
    case 'ON_OR_AFTER_DATE':
    case 'ON_OR_BEFORE_DATE':
      out.unaryNumericMatcherData = { dataType, value: m.date! };
      break;
    case 'BETWEEN_NUMBER':
    case 'BETWEEN_DATE':
      out.betweenMatcherData = { dataType, start: m.between!.from, end: m.between!.to };
      break;
    case 'BETWEEN_SEMVER':
      out.betweenStringMatcherData = { start: m.betweenString!.from, end: m.betweenString!.to };
      break;
    case 'BOOLEAN':
      out.booleanMatcherData = m.bool!;
      break;
    case 'IN_SPLIT': {
      const treatments = [...(m.depends!.treatment ? [m.depends!.treatment] : []), ...(m.depends!.treatments ?? [])];
      out.dependencyMatcherData = { split: m.depends!.splitName, treatments: [...new Set(treatments)] };
      break;
    }
    default:
      // IN_LIST_STRING, sets, string prefix/suffix/contains, IN_LIST_SEMVER
      out.whitelistMatcherData = { whitelist: m.strings ?? [] };
  }
  return out;
}

/** A short human label for a rule condition, in the style FME uses (`country in list [US]`). */
export function matcherLabel(m: MatcherBody): string {
  const subject = m.attribute ?? 'key';
  const not = m.negate ? 'not ' : '';
  switch (m.type) {
    case 'IN_SEGMENT': return `${not}in segment ${m.string}`;
    case 'IN_RULE_BASED_SEGMENT': return `${not}in rule-based segment ${m.string}`;
    case 'IN_LARGE_SEGMENT': return `${not}in large segment ${m.string}`;
    case 'IN_SPLIT': return `${not}is in split ${m.depends?.splitName}`;
    case 'IN_LIST_STRING': return `${subject} ${not}in list [${(m.strings ?? []).join(', ')}]`;
    default: return `${subject} ${not}${m.type.toLowerCase().replace(/_/g, ' ')}`;
  }
}
