import { FmeApiError } from '../../client/errors';
import { HandlerError } from '../errors';

/**
 * Waits between tries of a key call on a segment this run has just activated: about 4.7 s in
 * all, as Harness's own Terraform provider waits (12 × 350 ms). FME may not show a segment in an
 * environment at once after activating it there (unconfirmed: docs/fme-api.md#segments), and
 * answers 404 meanwhile.
 */
export const NOT_YET_VISIBLE_DELAYS_MS: readonly number[] = [100, 200, 300, 500, 800, 1000, 1000, 800];

/**
 * Runs a key call (read, upload, remove, change request) on a segment. When `justActivated`, a
 * 404 is retried along `delays`; afterwards, or for a segment activated earlier, a 404 is an
 * error. `what` names the segment and environment, e.g. `segment "beta" in environment "Production"`.
 */
export async function whileNotYetVisible<T>(
  what: string, justActivated: boolean, work: () => Promise<T>, delays: readonly number[] = NOT_YET_VISIBLE_DELAYS_MS,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (!justActivated || !(e instanceof FmeApiError && e.status === 404)) throw e;
      if (attempt >= delays.length) {
        const waited = delays.reduce((a, b) => a + b, 0) / 1000;
        throw new HandlerError(
          `${e.message}. FME still does not show ${what} ${waited.toFixed(1)} s after this run activated it there, ` +
          'so its keys were not written. Deploy again (the activation stays); if this persists, check in FME that the segment exists and is in that environment.');
      }
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
    }
  }
}
