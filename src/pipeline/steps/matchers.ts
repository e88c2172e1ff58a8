import { Matcher } from '../../model/matcher';
import { MatcherSpec } from '../../spec/resource-spec';

/**
 * One matcher (`Matcher.*`) in the YAML shape of Harness's targeting-rule conditions (harness/harness-schema
 * `v0/pipeline.json`, `FmeFlagSetTargetingRules` and `FmeSegmentSetTargetingRules`; docs/harness-pipelines.md,
 * the step types): `{type, negate, feature_flag, attribute, value}`, rendered from the model's Admin API
 * matcher JSON (docs/fme-api.md, matchers). `feature_flag` only for `IN_SPLIT`, whose `value` is the list
 * of treatments; `negate` only when the matcher is negated.
 *
 * @internal
 */
export function renderMatcher(m: Matcher): { [key: string]: any } {
  const s = m._spec;
  const out: { [key: string]: any } = { type: s.type };
  if (s.negate !== undefined) out.negate = s.negate;
  if (s.depends !== undefined) out.feature_flag = s.depends.splitName;
  if (s.attribute !== undefined) out.attribute = s.attribute;
  const value = matcherValue(s);
  if (value !== undefined) out.value = value;
  return out;
}

/** The one field of the Admin API matcher that holds its value, as Harness's `value`. */
function matcherValue(s: MatcherSpec): unknown {
  if (s.depends !== undefined) return s.depends.treatments !== undefined ? [...s.depends.treatments] : [s.depends.treatment];
  if (s.strings !== undefined) return [...s.strings];
  if (s.between !== undefined) return { from: s.between.from, to: s.between.to };
  if (s.betweenString !== undefined) return { from: s.betweenString.from, to: s.betweenString.to };
  return s.string ?? s.number ?? s.date ?? s.bool;
}
