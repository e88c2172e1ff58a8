/**
 * Command dispatch of the handler (the entry file `main.ts` only calls {@link main}).
 *
 * Start-up is kept minimal (docs/decisions.md, D5): this loads only the spec reader and the logger; the command
 * modules (and with them the FME client and axios) are required only once a command actually
 * needs the network.
 */
import { HandlerError } from './errors';
import { Log } from './log';
import { clearStaleMarkers } from './markers';
import { checkSpec, readSpec, readSpecFile } from './spec-reader';
import type { BootstrapSpec, InventorySpec, ObjectResourceSpec, ResourceSpec } from '../spec/resource-spec';

const USAGE = 'usage: node index.js <converge|delete|reconcile|bootstrap>  (spec in FME_SPEC; FME_PREVIOUS and FME_NEXT_FILE / FME_NEXT for reconcile; FME_BOOTSTRAP_FILE for bootstrap)';

function objectSpec(spec: ResourceSpec, variable: string): ObjectResourceSpec {
  if (spec.kind === 'inventory') {
    throw new HandlerError(`${variable} holds an inventory; converge and delete take a flag, segment, rule-based segment, large segment or flag set spec.`);
  }
  return spec;
}

function inventorySpec(spec: ResourceSpec, variable: string): InventorySpec {
  if (spec.kind !== 'inventory') throw new HandlerError(`${variable} holds a ${spec.kind} spec; reconcile takes inventories.`);
  return spec;
}

/** The bootstrap file: every wave's objects are checked like any other spec. */
function readBootstrapFile(env: NodeJS.ProcessEnv): BootstrapSpec {
  const file = env.FME_BOOTSTRAP_FILE;
  if (!file) throw new HandlerError('FME_BOOTSTRAP_FILE is not set: the handler expects the path of the bootstrap file written by cdktf synth.');
  let parsed: { kind?: unknown; waves?: unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    parsed = JSON.parse((require('fs') as typeof import('fs')).readFileSync(file, 'utf8'));
  } catch (e) {
    throw new HandlerError(`cannot read ${file} (FME_BOOTSTRAP_FILE): ${(e as Error).message}. It is written by cdktf synth next to cdk.tf.json; re-run cdktf synth.`);
  }
  if (parsed?.kind !== 'bootstrap' || !Array.isArray(parsed.waves)) throw new HandlerError(`${file} is not a bootstrap file (kind "bootstrap" with waves).`);
  const waves = (parsed.waves as unknown[]).map((wave, i) => {
    if (!Array.isArray(wave)) throw new HandlerError(`${file}: waves[${i}] is not a list.`);
    return wave.map((object, j) => objectSpec(checkSpec(object, `${file} waves[${i}][${j}]`), file));
  });
  return { ...(parsed as BootstrapSpec), waves };
}

/** Runs one command; resolves the process exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv, log: Log = new Log()): Promise<number> {
  try {
    switch (argv[0]) {
      case 'converge': {
        const spec = objectSpec(readSpec('FME_SPEC', env), 'FME_SPEC');
        clearStaleMarkers(env.FME_APPLY_ID);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        await (require('./commands/converge') as typeof import('./commands/converge')).runConverge(spec, log, env);
        return 0;
      }
      case 'delete': {
        const spec = objectSpec(readSpec('FME_SPEC', env), 'FME_SPEC');
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        await (require('./commands/delete') as typeof import('./commands/delete')).runDelete(spec, log, env);
        return 0;
      }
      case 'reconcile': {
        const previous = inventorySpec(readSpec('FME_PREVIOUS', env), 'FME_PREVIOUS');
        // The full current inventory: a file written at synth (sharded inventories), or inline.
        const next = env.FME_NEXT_FILE
          ? inventorySpec(readSpecFile('FME_NEXT_FILE', env), 'FME_NEXT_FILE')
          : inventorySpec(readSpec('FME_NEXT', env), 'FME_NEXT');
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        await (require('./commands/reconcile') as typeof import('./commands/reconcile')).runReconcile(previous, next, log, env);
        return 0;
      }
      case 'bootstrap': {
        const spec = readBootstrapFile(env);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        await (require('./commands/bootstrap') as typeof import('./commands/bootstrap')).runBootstrap(spec, log, env);
        return 0;
      }
      default:
        log.error(`unknown command "${argv[0] ?? ''}". ${USAGE}`);
        return 1;
    }
  } catch (e) {
    const err = e as Error;
    // Handler and API errors carry complete messages; anything else is a bug worth its stack.
    const known = ['HandlerError', 'FmeApiError', 'FmeClientConfigError'].includes(err?.name);
    log.error(known || !err?.stack ? String(err?.message ?? err) : err.stack);
    return 1;
  }
}
