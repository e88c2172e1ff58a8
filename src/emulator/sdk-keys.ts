import { EnvironmentRecord } from './data-model';
import { Store } from './store';

/**
 * Which SDK key sees which environment (a server-side SDK key belongs to exactly one
 * environment in FME). The rule, documented in the README:
 *
 * - every environment has the key `sdk-<environment name>` (and `sdk-<environment id>`),
 *   listed in its `apiTokens` by `GET /environments/ws/{ws}`;
 * - each `sdkKeys` option entry `KEY=ENV` serves environment ENV (name or id);
 * - each bare `sdkKeys` entry `KEY` serves the first environment of the first workspace.
 */
export function sdkKeyForEnvironment(env: EnvironmentRecord): string {
  return `sdk-${env.name}`;
}

/** Resolves an SDK key to its environment, or undefined for an unknown key. */
export function environmentForSdkKey(store: Store, configuredKeys: readonly string[], key: string): EnvironmentRecord | undefined {
  const envs = store.data.environments;
  if (key.startsWith('sdk-')) {
    const ref = key.slice(4);
    const env = envs.find(e => e.id === ref) ?? envs.find(e => e.name === ref);
    if (env) return env;
  }
  for (const entry of configuredKeys) {
    const eq = entry.indexOf('=');
    const entryKey = eq < 0 ? entry : entry.slice(0, eq);
    if (entryKey !== key) continue;
    if (eq < 0) {
      const firstWs = store.data.workspaces[0];
      return firstWs ? envs.find(e => e.workspaceId === firstWs.id) : undefined;
    }
    const ref = entry.slice(eq + 1);
    return envs.find(e => e.id === ref) ?? envs.find(e => e.name === ref);
  }
  return undefined;
}
