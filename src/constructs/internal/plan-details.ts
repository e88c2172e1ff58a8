import { ruleText } from '../../model/rule-text';
import { escapeTerraformTemplate } from '../../spec/encode';
import type { ObjectResourceSpec, TreatmentSpec } from '../../spec/resource-spec';

/**
 * Longest line kept in state per detail. Every byte of a resource's state is rewritten after each
 * resource Terraform creates (docs/terraform-facts.md, fact 11), so the details a reviewer reads in
 * `terraform plan` are bounded: the full plan is in the create step's spec, and `cdktf-fme diff`
 * prints every rule (docs/live.md).
 */
export const MAX_DETAIL_CHARS = 400;

/**
 * What `terraform plan` shows a reviewer per environment besides the one-line summary
 * (src/spec/state-record.ts): the targeting rules in the words of the TypeScript API
 * (`1. if country in [US, CA] → on`), the individual targets (`on ← qa_alice, beta_dan`) and the
 * dynamic configurations (`on {"color":"blue"}`). Only environments with a full plan have them;
 * values are template-escaped, ready for `triggers_replace`.
 */
export function planDetails(spec: ObjectResourceSpec): Record<string, string> {
  if (spec.kind !== 'flag') return {};
  const out: Record<string, string> = {};
  for (const part of spec.environments) {
    const d = part.definition;
    if (!d) continue;
    const add = (key: string, items: string[], separator: string) => {
      if (items.length > 0) out[`${key} ${part.environment}`] = escapeTerraformTemplate(bounded(items, separator));
    };
    add('rules', d.rules.map((r, i) => `${i + 1}. ${ruleText(r)}`), ' | ');
    add('targets', d.treatments.filter(isTargeted).map(targetsText), '; ');
    add('configs', d.treatments.filter((t) => t.configurations).map((t) => `${t.name} ${t.configurations}`), '; ');
  }
  return out;
}

function isTargeted(t: TreatmentSpec): boolean {
  return (t.keys?.length ?? 0) > 0 || (t.segments?.length ?? 0) > 0;
}

function targetsText(t: TreatmentSpec): string {
  return `${t.name} ← ${[...(t.keys ?? []), ...(t.segments ?? []).map((s) => `segment ${s}`)].join(', ')}`;
}

/** The items joined, cut at the last whole item that fits, with how many were left out. */
function bounded(items: string[], separator: string): string {
  const all = items.join(separator);
  if (all.length <= MAX_DETAIL_CHARS) return all;
  let kept = '';
  let count = 0;
  for (const item of items) {
    const next = count === 0 ? item : `${kept}${separator}${item}`;
    if (next.length > MAX_DETAIL_CHARS - 40) break;
    kept = next;
    count++;
  }
  if (count === 0) kept = `${items[0].slice(0, MAX_DETAIL_CHARS - 41)}…`;
  const left = items.length - Math.max(count, 1);
  return left > 0 ? `${kept}${separator}… (${left} more; cdktf-fme diff shows all)` : kept;
}
