import { createHash } from 'crypto';

/**
 * FME gives every flag definition a random `seed` and `trafficAllocationSeed` (int32). The
 * emulator derives them from the data file's random secret, so they are random-looking,
 * distinct per flag and environment, and stable across restarts (bucketing never reshuffles).
 */
export function derivedSeed(secret: string, kind: 'seed' | 'trafficAllocationSeed', flagId: string, environmentId: string): number {
  return createHash('sha256').update(`${secret}:${kind}:${flagId}:${environmentId}`).digest().readInt32BE(0);
}
