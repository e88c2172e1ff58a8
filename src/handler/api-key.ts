import { HandlerError } from './errors';
import type { FmeTargetSpec } from '../spec/resource-spec';

/**
 * Fails, before any API call, when an API-key variable the specs name is empty. The bootstrap runs
 * it first: without it every object failed twice with the same message, once reported by the
 * bootstrap and once by its own resource. Failing the bootstrap stops Terraform before the objects'
 * own steps, which depend on it, so a new stack's deploy reports it once.
 */
export function requireApiKeys(targets: readonly FmeTargetSpec[], env: NodeJS.ProcessEnv): void {
  const missing = [...new Set(targets.map((t) => t.apiKeyEnvVar))].filter((name) => !env[name]).sort();
  if (missing.length === 0) return;
  throw new HandlerError(`The FME Admin API key is not set: environment variable ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} empty. `
    + 'Export it where Terraform runs (cdktf deploy/destroy) and apply again; nothing was sent to FME.');
}
