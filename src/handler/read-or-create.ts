import { FmeApiError } from '../client/errors';

/**
 * Reads an object and creates it when it is missing. A create refused with 409 means another
 * attempt (a crashed earlier run, a retried POST) created it meanwhile: it is read again and
 * converged like any existing object (docs/decisions.md, D6; the 409 is an unconfirmed reading:
 * docs/fme-api.md, section on errors).
 */
export async function readOrCreate<T>(
  read: () => Promise<T | undefined>, create: () => Promise<T>,
): Promise<{ readonly live: T; readonly created: boolean }> {
  const found = await read();
  if (found) return { live: found, created: false };
  try {
    return { live: await create(), created: true };
  } catch (e) {
    if (!(e instanceof FmeApiError && e.status === 409)) throw e;
    const live = await read();
    if (!live) throw e;
    return { live, created: false };
  }
}
