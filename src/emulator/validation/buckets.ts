import { BucketBody } from '../data-model';
import { badRequest } from '../errors';
import { requireArray, requireIntegerInRange, requireObject, requireString } from './checks';

/**
 * Validates a bucket list (`defaultRule` or `rules[].buckets`): declared treatments, each at
 * most once, integer sizes 0..100 summing to exactly 100. The SDK throws on partitions that do
 * not sum to 100 and answers `control`, so FME refuses to store them.
 */
export function validateBuckets(value: unknown, where: string, treatments: ReadonlySet<string>): BucketBody[] {
  if (value === undefined || value === null) throw badRequest(`${where} is required`);
  const list = requireArray(value, where);
  if (list.length === 0) throw badRequest(`${where} must have at least one bucket`);
  const seen = new Set<string>();
  let sum = 0;
  const buckets = list.map((raw, i) => {
    const b = requireObject(raw, `${where}[${i}]`);
    const treatment = requireString(b.treatment, `${where}[${i}].treatment`);
    if (!treatments.has(treatment)) {
      throw badRequest(`${where}[${i}] names treatment '${treatment}', which is not one of the flag's treatments [${[...treatments].join(', ')}]`);
    }
    if (seen.has(treatment)) throw badRequest(`${where} lists treatment '${treatment}' more than once`);
    seen.add(treatment);
    const size = requireIntegerInRange(b.size, `${where}[${i}].size`, 0, 100);
    sum += size;
    return { treatment, size };
  });
  if (sum !== 100) throw badRequest(`The bucket sizes of ${where} must add up to 100, got ${sum}`);
  return buckets;
}
