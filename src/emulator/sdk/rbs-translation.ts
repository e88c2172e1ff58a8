import { RuleBasedSegmentDefinitionBody, RuleBasedSegmentEnvironmentRecord, RuleBasedTombstoneRecord } from '../data-model';
import { Store } from '../store';
import { SdkMatcher, toSdkMatcher } from './matchers';

/**
 * A rule-based segment as `/splitChanges?s=1.3` serves it in `rbs.d` (splitio-commons `IRBSegment`
 * in `dtos/types.ts`; fixtures of Split's iOS and Android SDK tests carry the same fields and
 * `trafficTypeName`): conditions without partitions (a matching condition puts the key in the
 * segment), and the exclusions with SDK type names (`standard`, `rule-based`).
 */
export interface SdkRuleBasedSegment {
  name: string;
  changeNumber: number;
  status: 'ACTIVE' | 'ARCHIVED';
  trafficTypeName: string;
  excluded: { keys: string[]; segments: { type: 'standard' | 'rule-based'; name: string }[] };
  conditions: { conditionType: 'ROLLOUT'; matcherGroup: { combiner: 'AND'; matchers: SdkMatcher[] } }[];
}

export function toSdkRuleBasedSegment(store: Store, e: RuleBasedSegmentEnvironmentRecord): SdkRuleBasedSegment {
  const segment = (store.data.ruleBasedSegments ?? []).find(s => s.id === e.segmentId)!;
  return sdkRuleBasedSegment(segment.name, store.trafficType(segment.trafficTypeId).name, e.body, e.changeNumber);
}

/** The translation itself (also used by the testing kit, which keeps no second copy). */
export function sdkRuleBasedSegment(
  name: string, trafficType: string, body: RuleBasedSegmentDefinitionBody, changeNumber: number,
): SdkRuleBasedSegment {
  return {
    name,
    changeNumber,
    status: 'ACTIVE',
    trafficTypeName: trafficType,
    excluded: {
      keys: [...body.excludedKeys],
      segments: body.excludedSegments.map(s => ({ type: s.type === 'standard_segment' ? 'standard' as const : 'rule-based' as const, name: s.name })),
    },
    conditions: body.rules.map(r => ({
      conditionType: 'ROLLOUT' as const,
      matcherGroup: { combiner: 'AND' as const, matchers: r.condition.matchers.map(m => toSdkMatcher(m, trafficType)) },
    })),
  };
}

/** A rule-based segment removed from the environment, as SDKs that hold it must see it once. */
export function archivedRuleBasedSegment(t: RuleBasedTombstoneRecord): SdkRuleBasedSegment {
  return { name: t.name, changeNumber: t.changeNumber, status: 'ARCHIVED', trafficTypeName: t.trafficTypeName, excluded: { keys: [], segments: [] }, conditions: [] };
}
