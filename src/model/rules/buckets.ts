import type { RuleId } from './rule-ids';
import { BucketSpec } from '../../spec/resource-spec';
import { problem, Problem } from '../problem';

/** What every percentage distribution must add up to. */
export const PERCENTAGE_TOTAL = 100;

/** Whether `value` is a whole percentage from 0 to 100 (a bucket size, an allocation amount, an exposure limit). */
export function isWholePercentage(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= PERCENTAGE_TOTAL;
}

/**
 * The percentage rule, as data: which entries are not whole percentages from 0 to 100, what they
 * sum to, and whether that breaks the rule. Each caller renders its own messages: the model's rules
 * through `bucketProblems`, the pipeline through its `percentage-range` and `percentage-sum` rules.
 */
export interface PercentageCheck {
  /** Indexes of the entries that are not whole numbers from 0 to 100, in order. */
  readonly outOfRange: number[];
  /** The sum of the entries (entries that are not numbers count as 0). */
  readonly sum: number;
  /** No entries at all: a distribution needs at least one. */
  readonly empty: boolean;
  /** There are entries and they do not sum to exactly 100. */
  readonly wrongSum: boolean;
}

/**
 * Checks one percentage distribution: every entry a whole number from 0 to 100, at least one entry,
 * and a sum of exactly 100 (FME rejects other sums, and the SDK fails evaluation on a distribution
 * that does not add up: docs/fme-api.md, SDK evaluation).
 */
export function checkPercentages(sizes: number[]): PercentageCheck {
  const outOfRange: number[] = [];
  sizes.forEach((size, i) => {
    if (!isWholePercentage(size)) outOfRange.push(i);
  });
  const sum = sizes.reduce((s, size) => s + (typeof size === 'number' ? size : 0), 0);
  const empty = sizes.length === 0;
  return { outOfRange, sum, empty, wrongSum: !empty && sum !== PERCENTAGE_TOTAL };
}

/**
 * A percentage distribution must name declared treatments, once each, with whole percentages
 * that sum to exactly 100 (`checkPercentages`).
 */
export function bucketProblems(rule: RuleId, where: string, buckets: BucketSpec[], declared: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  // `where` locates the buckets inside the rule (e.g. "rule 2"); empty when the rule name says it all.
  const at = where ? `${where}: ` : '';
  const percentages = checkPercentages(buckets.map((b) => b.size));
  if (percentages.empty) {
    return [problem(rule, `${at}the distribution is empty; give at least one treatment with 100 percent`)];
  }
  const outOfRange = new Set(percentages.outOfRange);
  const seen = new Set<string>();
  buckets.forEach((b, i) => {
    if (!declared.has(b.treatment)) {
      problems.push(problem(rule, `${at}treatment "${b.treatment}" is not declared; declare it or use one of ${[...declared].join(', ')}`));
    }
    if (seen.has(b.treatment)) {
      problems.push(problem(rule, `${at}treatment "${b.treatment}" appears twice; list each treatment once`));
    }
    seen.add(b.treatment);
    if (outOfRange.has(i)) {
      problems.push(problem(rule, `${at}percentage ${b.size} for "${b.treatment}" must be a whole number from 0 to 100`));
    }
  });
  if (percentages.wrongSum) {
    problems.push(problem(rule, `${at}percentages sum to ${percentages.sum}, not 100; adjust them to total exactly 100`));
  }
  return problems;
}
