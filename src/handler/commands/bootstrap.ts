import * as fs from 'fs';
import * as path from 'path';
import { BootstrapSpec, CONVERGED_MARKER_DIR } from '../../spec/resource-spec';
import { specDigest } from '../../spec/state-record';
import { requireApiKeys } from '../api-key';
import { Log, specLabel } from '../log';
import { runConverge } from './converge';

/** Objects converged at once within a wave; the shared rate-limit pacing still applies to all. */
const CONCURRENCY = 8;

/**
 * `bootstrap` (create step of the stack's bootstrap resource, which exists once per stack): converges
 * every object of a new stack in this one process, wave after wave (segments, then flags after the
 * flags they depend on), and leaves a marker per converged spec so that the object's own create
 * step does not start another process. An object that fails here is only reported: its own
 * resource converges it next (or fails with the error, attributed to that resource).
 */
export async function runBootstrap(spec: BootstrapSpec, log: Log, env: NodeJS.ProcessEnv): Promise<void> {
  requireApiKeys(spec.waves.flat().map((object) => object.target), env);
  // Markers of earlier applies are never consumed by this one: clear them. Without an apply id
  // (not run by the synthesized resource) no marker is left, and every object converges itself.
  fs.rmSync(CONVERGED_MARKER_DIR, { recursive: true, force: true });
  const applyId = env.FME_APPLY_ID;
  if (applyId) fs.mkdirSync(CONVERGED_MARKER_DIR, { recursive: true });
  let converged = 0;
  let deferred = 0;
  for (const wave of spec.waves) {
    await forEachLimited(wave, CONCURRENCY, async (object) => {
      try {
        await runConverge(object, log, env);
        if (applyId) fs.writeFileSync(path.join(CONVERGED_MARKER_DIR, `${applyId}-${specDigest(object)}`), '');
        converged++;
      } catch (e) {
        deferred++;
        log.warn(`${specLabel(object)}: not converged by the bootstrap (${(e as Error).message}); its own resource converges it next`);
      }
    });
  }
  log.info(`bootstrap: ${converged} object(s) converged in one process, ${deferred} left to their own resources`);
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(runners);
}
