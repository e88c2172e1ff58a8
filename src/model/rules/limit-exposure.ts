import { problem, Problem } from '../problem';
import { isWholePercentage } from './buckets';

/** Limit exposure (traffic allocation) is a whole percentage from 0 to 100. */
export function limitExposureProblems(limitExposure: number): Problem[] {
  if (isWholePercentage(limitExposure)) return [];
  return [problem('limit exposure', `${limitExposure} is not a whole percentage from 0 to 100; use e.g. 10 for 10 percent`)];
}
