import { execFile, execSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { DefinitionSpec, EnvironmentPartSpec, FlagResourceSpec, FmeTargetSpec, InventoryEntry, InventorySpec, SegmentResourceSpec } from '../../src/spec/resource-spec';

export const ROOT = path.resolve(__dirname, '..', '..');
/**
 * The bundle under test. `FME_HANDLER_BUNDLE` points the tests at another build (for example one
 * made from an earlier commit, to see a new test fail there); the default is this tree's bundle.
 */
export const BUNDLE = process.env.FME_HANDLER_BUNDLE ?? path.join(ROOT, 'assets', 'handler', 'index.js');
export const API_KEY = 'fme-handler-test-key-5b1e2d9a7c';
export const KEY_VAR = 'FME_HANDLER_TEST_KEY';
/** The stack every spec here belongs to (its id as the owner of FME objects). */
export const TEST_STACK = 'handler-test';

/**
 * Builds the handler bundle with exactly the command of the projen task `bundle:handler`
 * (read from .projen/tasks.json, so the test follows any change to the task).
 */
export function bundleHandler(): void {
  if (process.env.FME_HANDLER_BUNDLE) return;
  const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8'));
  for (const step of tasks.tasks['bundle:handler'].steps) {
    execSync(step.exec, { cwd: ROOT, stdio: 'pipe', env: { ...process.env, PATH: `${path.join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}` } });
  }
}

export interface HandlerRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Every output of every run, so a test can check the API key never appeared anywhere. */
export const allOutput: string[] = [];

/** Runs the bundled handler as a child process (asynchronously: the emulator lives in this process). */
export function runHandler(command: string, env: Record<string, string>, stateDir: string): Promise<HandlerRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BUNDLE, command], {
      env: { PATH: process.env.PATH ?? '', [KEY_VAR]: API_KEY, FME_RATE_LIMIT_FILE: path.join(stateDir, 'rate-limit.json'), ...env },
      timeout: 120_000,
    }, (error, stdout, stderr) => {
      allOutput.push(stdout, stderr);
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function target(adminBaseUrl: string, maxRetrySeconds = 60): FmeTargetSpec {
  return { apiBaseUrl: adminBaseUrl, workspaceName: 'Default', apiKeyEnvVar: KEY_VAR, maxRetrySeconds };
}

/** A two-treatment plan serving `on` to `onPercent` % by default. */
export function plan(onPercent: number, extra: Partial<DefinitionSpec> = {}): DefinitionSpec {
  return {
    treatments: [{ name: 'on' }, { name: 'off' }],
    defaultTreatment: 'off',
    trafficAllocation: 100,
    rules: [],
    defaultRule: [{ treatment: 'on', size: onPercent }, { treatment: 'off', size: 100 - onPercent }],
    ...extra,
  };
}

export function part(environment: string, fields: Partial<EnvironmentPartSpec> = {}): EnvironmentPartSpec {
  return { environment, removalPolicy: 'destroy', writeMode: 'direct', ...fields };
}

export function flagSpec(
  t: FmeTargetSpec, flagName: string, environments: EnvironmentPartSpec[], fields: Partial<FlagResourceSpec> = {},
): FlagResourceSpec {
  return {
    v: 2,
    kind: 'flag',
    target: t,
    stack: TEST_STACK,
    flagName,
    metadata: { trafficType: 'user', description: `${flagName} flag` },
    removalPolicy: 'destroy',
    existing: 'adopt',
    environments,
    ...fields,
  };
}

export function segmentSpec(t: FmeTargetSpec, segmentName: string, environments: SegmentResourceSpec['environments'], fields: Partial<SegmentResourceSpec> = {}): SegmentResourceSpec {
  return {
    v: 2,
    kind: 'segment',
    target: t,
    stack: TEST_STACK,
    segmentName,
    metadata: { trafficType: 'user' },
    removalPolicy: 'destroy',
    existing: 'adopt',
    environments,
    ...fields,
  };
}

export function inventory(t: FmeTargetSpec, objects: InventoryEntry[]): InventorySpec {
  return { v: 2, kind: 'inventory', target: t, stack: TEST_STACK, objects };
}

/** Reads the emulator's Admin API directly (not through the client under test). */
export async function adminGet(adminBaseUrl: string, urlPath: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${adminBaseUrl}${urlPath}`, { headers: { 'x-api-key': API_KEY } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A change request as the emulator lists it (the fields the tests read). */
export interface ListedChangeRequest {
  readonly id: string;
  readonly split?: { readonly name: string };
  readonly segment?: { readonly name: string };
  readonly approvers?: string[];
  readonly title?: string;
  readonly comment?: string;
  readonly [field: string]: unknown;
}

/** The change requests waiting for a decision (status REQUESTED), optionally only those `filter` keeps. */
export async function openChangeRequests(
  adminBaseUrl: string, filter: (cr: ListedChangeRequest) => boolean = () => true,
): Promise<ListedChangeRequest[]> {
  const list: ListedChangeRequest[] = (await adminGet(adminBaseUrl, '/changeRequests?status=REQUESTED')).body.data;
  return list.filter(filter);
}

/** Decides the change requests with the given ids as another admin (nobody approves their own); fails the test on any other answer than 200. */
export async function decideChangeRequests(adminBaseUrl: string, approverKey: string, status: 'APPROVED' | 'REJECTED', ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const res = await fetch(`${adminBaseUrl}/changeRequests/${id}`, {
      method: 'PUT', headers: { 'x-api-key': approverKey, 'Content-Type': 'application/json' }, body: JSON.stringify({ status, comment: 'decided in a test' }),
    });
    if (res.status !== 200) throw new Error(`deciding change request ${id}: HTTP ${res.status} ${await res.text()}`);
  }
}
