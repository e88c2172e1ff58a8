import { BucketSpec } from '../../spec/resource-spec';
import { Problem } from '../problem';
import { bucketProblems } from './buckets';

/** The default rule serves a declared treatment or distributes percentages summing to 100. */
export function defaultRuleProblems(buckets: BucketSpec[], declared: ReadonlySet<string>): Problem[] {
  return bucketProblems('default rule', '', buckets, declared);
}
