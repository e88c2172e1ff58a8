/**
 * Time and randomness the client depends on, injectable so tests of retry timing run
 * instantly and deterministically (they still exercise the same bounded loops).
 */
export interface ClientRuntime {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1), used for backoff jitter. */
  random(): number;
}

/** The real clock, timers and `Math.random`. */
export const systemRuntime: ClientRuntime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  random: () => Math.random(),
};
