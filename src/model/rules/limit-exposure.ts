import { problem, Problem } from '../problem';

/** Limit exposure (traffic allocation) is a whole percentage from 0 to 100. */
export function limitExposureProblems(limitExposure: number): Problem[] {
  if (Number.isInteger(limitExposure) && limitExposure >= 0 && limitExposure <= 100) return [];
  return [problem('limit exposure', `${limitExposure} is not a whole percentage from 0 to 100; use e.g. 10 for 10 percent`)];
}
