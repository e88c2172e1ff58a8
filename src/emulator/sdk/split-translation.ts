import { flagSetNamesOf } from '../admin/flag-sets';
import { BucketBody, DefinitionRecord, TombstoneRecord } from '../data-model';
import { Store } from '../store';
import { SdkMatcher, matcherLabel, toSdkMatcher } from './matchers';
import { derivedSeed } from './seeds';

/** SDK condition JSON. */
export interface SdkCondition {
  conditionType: 'WHITELIST' | 'ROLLOUT';
  matcherGroup: { combiner: 'AND'; matchers: SdkMatcher[] };
  partitions: { treatment: string; size: number }[];
  label: string;
}

/** SDK split JSON (docs/fme-api.md#sdk-splitchanges). */
export interface SdkSplit {
  name: string;
  trafficTypeName: string;
  trafficAllocation: number;
  trafficAllocationSeed: number;
  seed: number;
  status: 'ACTIVE' | 'ARCHIVED';
  killed: boolean;
  defaultTreatment: string;
  changeNumber: number;
  algo: 2;
  configurations: Record<string, string>;
  sets: string[];
  impressionsDisabled: boolean;
  /** Flags that must serve one of `ts` first (JS SDK commons `ISplit.prerequisites`). */
  prerequisites: { n: string; ts: string[] }[];
  conditions: SdkCondition[];
}

/**
 * Translates an Admin definition into the split the SDK receives, as FME's backend does
 * (docs/fme-api.md#definition-to-sdk-split): individual targets first (per treatment, in treatment order: its
 * keys as a WHITELIST condition, then each targeted segment as a WHITELIST-type condition with
 * an IN_SEGMENT matcher), then the rules in order as ROLLOUT conditions, then the default rule
 * as a final ALL_KEYS ROLLOUT condition. Partitions list every treatment (unused ones at 0)
 * so they always sum to 100, and `conditions` is never empty.
 */
export function toSdkSplit(store: Store, d: DefinitionRecord): SdkSplit {
  const f = store.flagById(d.flagId);
  const trafficType = store.trafficType(f.trafficTypeId).name;
  const body = d.body;
  const names = body.treatments.map(t => t.name);
  const partitions = (buckets: BucketBody[]) => names.map(treatment => ({
    treatment, size: buckets.find(b => b.treatment === treatment)?.size ?? 0,
  }));
  const single = (treatment: string) => [{ treatment, size: 100 }];

  const conditions: SdkCondition[] = [];
  for (const t of body.treatments) {
    if (t.keys && t.keys.length > 0) {
      const matcher = toSdkMatcher({ type: 'IN_LIST_STRING', strings: t.keys }, trafficType);
      matcher.keySelector = null; // key whitelists match the key itself
      conditions.push({ conditionType: 'WHITELIST', matcherGroup: { combiner: 'AND', matchers: [matcher] }, partitions: single(t.name), label: 'whitelisted' });
    }
    for (const segment of t.segments ?? []) {
      conditions.push({
        conditionType: 'WHITELIST',
        matcherGroup: { combiner: 'AND', matchers: [toSdkMatcher({ type: 'IN_SEGMENT', string: segment }, trafficType)] },
        partitions: single(t.name),
        label: `whitelisted segment ${segment}`,
      });
    }
  }
  for (const rule of body.rules) {
    conditions.push({
      conditionType: 'ROLLOUT',
      matcherGroup: { combiner: 'AND', matchers: rule.condition.matchers.map(m => toSdkMatcher(m, trafficType)) },
      partitions: partitions(rule.buckets),
      label: rule.condition.matchers.map(matcherLabel).join(' and '),
    });
  }
  const allKeys = toSdkMatcher({ type: 'IN_LIST_STRING', strings: [] }, trafficType);
  allKeys.matcherType = 'ALL_KEYS';
  allKeys.whitelistMatcherData = null;
  allKeys.keySelector = { trafficType, attribute: null };
  conditions.push({ conditionType: 'ROLLOUT', matcherGroup: { combiner: 'AND', matchers: [allKeys] }, partitions: partitions(body.defaultRule), label: 'default rule' });

  const configurations: Record<string, string> = {};
  for (const t of body.treatments) if (t.configurations !== undefined) configurations[t.name] = t.configurations;

  return {
    name: f.name,
    trafficTypeName: trafficType,
    trafficAllocation: body.trafficAllocation,
    trafficAllocationSeed: derivedSeed(store.data.secret, 'trafficAllocationSeed', f.id, d.environmentId),
    seed: derivedSeed(store.data.secret, 'seed', f.id, d.environmentId),
    // An archived flag reaches SDKs as ARCHIVED, which they drop and answer `control` for
    // (docs/fme-api.md#archive-and-unarchive); its definition stays stored for unarchiving.
    status: f.archived ? 'ARCHIVED' : 'ACTIVE',
    killed: body.killed,
    defaultTreatment: body.defaultTreatment,
    changeNumber: d.changeNumber,
    algo: 2,
    configurations,
    // FME sends set names; the definition holds ids (docs/fme-api.md#flag-sets).
    sets: flagSetNamesOf(store, body),
    impressionsDisabled: body.impressionsDisabled,
    // The SDK checks them after the kill switch and before everything else (docs/fme-api.md#prerequisites).
    prerequisites: (body.prerequisites ?? []).map(p => ({ n: p.flagName, ts: [...p.treatments] })),
    conditions,
  };
}

/** A removed definition as SDKs must see it once: ARCHIVED, with the removal's change number. */
export function archivedSplit(t: TombstoneRecord): SdkSplit {
  const allKeys = toSdkMatcher({ type: 'IN_LIST_STRING', strings: [] }, t.trafficTypeName);
  allKeys.matcherType = 'ALL_KEYS';
  allKeys.whitelistMatcherData = null;
  return {
    name: t.flagName,
    trafficTypeName: t.trafficTypeName,
    trafficAllocation: 100,
    trafficAllocationSeed: 0,
    seed: 0,
    status: 'ARCHIVED',
    killed: false,
    defaultTreatment: 'control',
    changeNumber: t.changeNumber,
    algo: 2,
    configurations: {},
    sets: [],
    impressionsDisabled: false,
    prerequisites: [],
    conditions: [{ conditionType: 'ROLLOUT', matcherGroup: { combiner: 'AND', matchers: [allKeys] }, partitions: [{ treatment: 'control', size: 100 }], label: 'archived' }],
  };
}
