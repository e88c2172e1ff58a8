import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EmulatorOptions, RunningEmulator, startEmulator } from '../../src/emulator';
import { ACTIVATION_LAG_KEY_CALLS } from '../../src/emulator/admin/segments';

export const ADMIN_KEY = 'emulator-admin-key';
export const APPROVER_KEY = 'approver-admin-key';

export interface ApiResponse {
  readonly status: number;
  readonly body: any;
  readonly text: string;
  readonly headers: Headers;
}

export interface CallOptions {
  /** Admin key; `null` sends none. @default ADMIN_KEY */
  readonly key?: string | null;
  /** Send the key as `x-api-key` instead of `Authorization: Bearer`. */
  readonly xApiKey?: boolean;
  /** Raw body text instead of JSON. */
  readonly raw?: string;
}

/** Calls the emulator's Admin API (path relative to `/internal/api/v2`). */
export async function admin(emu: RunningEmulator, method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<ApiResponse> {
  const key = options.key === undefined ? ADMIN_KEY : options.key;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (key !== null) {
    if (options.xApiKey) headers['x-api-key'] = key;
    else headers.Authorization = `Bearer ${key}`;
  }
  const res = await fetch(emu.adminBaseUrl + path, {
    method,
    headers,
    body: options.raw !== undefined ? options.raw : body === undefined ? undefined : JSON.stringify(body),
  });
  return wrap(res);
}

/** Calls the emulator (path relative to its root) with an optional SDK key. */
export async function raw(emu: RunningEmulator, method: string, path: string,
  options: { sdkKey?: string; body?: unknown } = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (options.sdkKey) headers.Authorization = `Bearer ${options.sdkKey}`;
  const res = await fetch(emu.url + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  return wrap(res);
}

async function wrap(res: Response): Promise<ApiResponse> {
  const text = await res.text();
  let body: any = undefined;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body, text, headers: res.headers };
}

/** A temporary folder removed by `cleanup()`. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'fme-emulator-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts an emulator with two admin keys (submitter and approver). */
export function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ adminApiKeys: [ADMIN_KEY, APPROVER_KEY], ...options });
}

/** A valid on/off definition body. */
export function onOff(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    treatments: [{ name: 'on' }, { name: 'off' }],
    defaultTreatment: 'off',
    defaultRule: [{ treatment: 'off', size: 100 }],
    ...extra,
  };
}

/** Creates a flag in workspace `Default` (traffic type `user`) and returns its name. */
export async function createFlag(emu: RunningEmulator, name: string): Promise<string> {
  const res = await admin(emu, 'POST', '/splits/ws/Default/trafficTypes/user', { name, description: `flag ${name}` });
  if (res.status !== 200) throw new Error(`create flag ${name}: ${res.status} ${res.text}`);
  return name;
}

/** Creates a segment in `Default` and activates it in the given environments with keys. */
export async function createSegment(emu: RunningEmulator, name: string, keysByEnv: Record<string, string[]> = {}): Promise<void> {
  const res = await admin(emu, 'POST', '/segments/ws/Default/trafficTypes/user', { name, description: '' });
  if (res.status !== 200) throw new Error(`create segment ${name}: ${res.status} ${res.text}`);
  for (const [env, keys] of Object.entries(keysByEnv)) {
    const act = await admin(emu, 'POST', `/segments/${env}/${name}`);
    if (act.status !== 200) throw new Error(`activate segment ${name} in ${env}: ${act.status} ${act.text}`);
    if (keys.length > 0) {
      // A strict emulator answers the first key calls after an activation with 404 (src/emulator/README.md, "Segments fidelity").
      let up = await admin(emu, 'PUT', `/segments/${env}/${name}/uploadKeys?replace=false`, { keys, comment: 'seed' });
      for (let retry = 0; up.status === 404 && retry < ACTIVATION_LAG_KEY_CALLS; retry++) {
        up = await admin(emu, 'PUT', `/segments/${env}/${name}/uploadKeys?replace=false`, { keys, comment: 'seed' });
      }
      if (up.status !== 200) throw new Error(`upload keys ${name} in ${env}: ${up.status} ${up.text}`);
    }
  }
}
