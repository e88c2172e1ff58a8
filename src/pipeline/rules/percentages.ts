import { checkPercentages, isWholePercentage } from '../../model/rules/buckets';

/**
 * Rules `percentage-range` and `percentage-sum`: the model's percentage rule (`checkPercentages`,
 * the one the rollout-plan constructs use), in the pipeline's words. Each amount is an integer 0..100
 * and together they sum to exactly 100 (FME rejects other sums; for targeting rules neither Harness
 * nor its schema checks the sum, but the SDK then serves `control`: docs/harness-pipelines.md, step
 * behaviour the rules rely on).
 *
 * @internal
 */
export function percentageErrors(amounts: number[], field: string): string[] {
  const check = checkPercentages(amounts);
  const errors = check.outOfRange.map(i => `[percentage-range] ${field}[${i}] is ${amounts[i]}; it must be an integer from 0 to 100.`);
  if (check.wrongSum) errors.push(`[percentage-sum] ${field} sums to ${check.sum}; it must sum to exactly 100.`);
  if (check.empty) errors.push(`[percentage-sum] ${field} is empty; give at least one entry summing to 100.`);
  return errors;
}

/**
 * Rule `percentage-range` for one percentage (e.g. the exposure limit): an integer 0..100.
 *
 * @internal
 */
export function percentageRangeErrors(value: number, field: string): string[] {
  return isWholePercentage(value) ? [] : [`[percentage-range] ${field} is ${value}; it must be an integer from 0 to 100.`];
}
