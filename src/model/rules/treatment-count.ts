import { MAX_TREATMENTS, MIN_TREATMENTS } from '../names';
import { problem, Problem } from '../problem';
import { Treatment } from '../treatment';

/** A flag has 2 to 20 treatments per environment. */
export function treatmentCountProblems(treatments: Treatment[]): Problem[] {
  const n = treatments.length;
  if (n < MIN_TREATMENTS) {
    return [problem('treatment count', `${n} treatment(s) declared; a flag needs at least ${MIN_TREATMENTS} (e.g. on and off)`)];
  }
  if (n > MAX_TREATMENTS) {
    return [problem('treatment count', `${n} treatments declared; FME allows at most ${MAX_TREATMENTS} per flag and environment`)];
  }
  return [];
}
