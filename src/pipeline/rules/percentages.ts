/**
 * Rules `percentage-range` and `percentage-sum`: each amount is an integer 0..100 and together they
 * sum to exactly 100 (FME rejects other sums; for targeting rules neither Harness nor its schema
 * checks the sum, but the SDK then serves `control`).
 *
 * @internal
 */
export function percentageErrors(amounts: number[], field: string): string[] {
  const errors: string[] = [];
  amounts.forEach((a, i) => {
    if (!Number.isInteger(a) || a < 0 || a > 100) {
      errors.push(`[percentage-range] ${field}[${i}] is ${a}; it must be an integer from 0 to 100.`);
    }
  });
  const sum = amounts.reduce((s, a) => s + a, 0);
  if (amounts.length > 0 && sum !== 100) {
    errors.push(`[percentage-sum] ${field} sums to ${sum}; it must sum to exactly 100.`);
  }
  if (amounts.length === 0) errors.push(`[percentage-sum] ${field} is empty; give at least one entry summing to 100.`);
  return errors;
}
