/**
 * Rule `ramp-percentages`: a progressive rollout's percentages are integers in 1..100, strictly
 * increasing (a ramp never goes down; to back out, the kill stage or a new pipeline does).
 *
 * @internal
 */
export function rampErrors(percentages: number[]): string[] {
  if (percentages.length === 0) return ['[ramp-percentages] give at least one percentage.'];
  const errors: string[] = [];
  percentages.forEach((p, i) => {
    if (!Number.isInteger(p) || p < 1 || p > 100) errors.push(`[ramp-percentages] percentages[${i}] is ${p}; use integers from 1 to 100.`);
    if (i > 0 && p <= percentages[i - 1]) {
      errors.push(`[ramp-percentages] percentages must increase: ${percentages[i - 1]} is followed by ${p}.`);
    }
  });
  return errors;
}
