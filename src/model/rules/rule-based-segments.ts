import { Matcher } from '../matcher';
import { problem, Problem } from '../problem';
import { RuleBasedSegmentRule } from '../rule-based-segment-rule';

const RULE = 'rule-based segments';

/**
 * The rules of a rule-based segment in one environment: at least one rule (without rules the SDK
 * puts no key in it), each with at least one valid matcher. Flag dependencies are refused: whether
 * FME takes them in a segment's rules is unconfirmed (docs/fme-api.md#rule-based-segments).
 */
export function ruleBasedSegmentRuleProblems(environment: string, rules: RuleBasedSegmentRule[]): Problem[] {
  const where = `environment "${environment}"`;
  if (!Array.isArray(rules) || rules.length === 0) {
    return [problem(RULE, `${where}: no rules; without rules no key is in the segment, so give at least one RuleBasedSegmentRule`)];
  }
  const problems: Problem[] = [];
  rules.forEach((rule, i) => {
    const matchers: Matcher[] = rule instanceof RuleBasedSegmentRule ? rule.matchers : [];
    if (matchers.length === 0) {
      problems.push(problem(RULE, `${where}, rule ${i + 1}: no matchers; give at least one (RuleBasedSegmentRule.matching([...]))`));
    }
    for (const m of matchers) {
      if (!(m instanceof Matcher)) {
        problems.push(problem(RULE, `${where}, rule ${i + 1}: every matcher must be made with a Matcher factory`));
        continue;
      }
      problems.push(...m._problems.map((p) => problem(p.rule, `${where}, rule ${i + 1}: ${p.message}`, p.values)));
      if (m._dependency) {
        problems.push(problem(RULE, `${where}, rule ${i + 1}: ${m.description}: flag dependencies are not accepted in rule-based segments; use attribute or segment matchers`));
      }
    }
  });
  return problems;
}

/** One rule-based segment in one environment, with the rule-based segments it refers to (matchers and exclusions). */
export interface RuleBasedSegmentNode {
  readonly segmentName: string;
  readonly environment: string;
  readonly references: readonly string[];
}

/**
 * A rule-based segment that reaches itself through `inRuleBasedSegment` matchers or exclusions
 * can never be evaluated (the SDK would recurse forever): every cycle is reported once per
 * environment, on the segment that closes it.
 */
export function ruleBasedSegmentCycles(nodes: readonly RuleBasedSegmentNode[]): Array<{ node: RuleBasedSegmentNode; problem: Problem }> {
  const out: Array<{ node: RuleBasedSegmentNode; problem: Problem }> = [];
  for (const env of [...new Set(nodes.map((n) => n.environment))].sort()) {
    const byName = new Map(nodes.filter((n) => n.environment === env).map((n) => [n.segmentName, n] as const));
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const reported = new Set<string>();
    const visit = (name: string): void => {
      state.set(name, 'visiting');
      stack.push(name);
      for (const next of [...new Set(byName.get(name)?.references ?? [])].sort()) {
        if (state.get(next) === 'visiting') {
          const cycle = stack.slice(stack.indexOf(next));
          const key = [...cycle].sort().join('\u0000');
          if (!reported.has(key)) {
            reported.add(key);
            out.push({
              node: byName.get(name)!,
              problem: problem(RULE, `reference cycle in environment ${env}: ${[...cycle, next].join(' -> ')}; a rule-based segment cannot contain itself, remove one of these references`),
            });
          }
        } else if (!state.has(next) && byName.has(next)) {
          visit(next);
        }
      }
      stack.pop();
      state.set(name, 'done');
    };
    for (const name of [...byName.keys()].sort()) if (!state.has(name)) visit(name);
  }
  return out;
}
