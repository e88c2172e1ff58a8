/**
 * The lookup context file (`fme.context.json`, docs/lookups.md): what `cdktf-fme lookup` found in
 * FME, per workspace, committed next to the app so that synthesis (which runs offline) can check
 * environment, traffic type and attribute names. Pure: parsing and rendering only, no I/O. The
 * file holds names and ids, never a key or a URL with credentials.
 */
import type { FmeTargetSpec } from '../../spec/resource-spec';

/** Format version; a reader refuses other versions instead of guessing. */
export const LOOKUP_CONTEXT_VERSION = 1;

/** Default file name, relative to the folder synthesis runs in (the app folder). */
export const DEFAULT_LOOKUP_CONTEXT_FILE = 'fme.context.json';

export interface LookedUpEnvironment {
  readonly name: string;
  readonly id: string;
  readonly production: boolean;
  /** Information only: whether FME requires approvals for changes there (docs/lookups.md). */
  readonly approvalsRequired: boolean;
}

export interface LookedUpAttribute {
  /** The attribute id: the name passed to `getTreatment` and named by matchers. */
  readonly id: string;
  readonly dataType?: string;
}

export interface LookedUpTrafficType {
  readonly name: string;
  readonly id: string;
  /** Attribute schema; absent when FME could not list it (then attributes are not checked). */
  readonly attributes?: LookedUpAttribute[];
}

/** What one workspace held when it was looked up. */
export interface LookedUpWorkspace {
  /** ISO 8601 time of the lookup. */
  readonly lookedUpAt: string;
  readonly workspace: { readonly id: string; readonly name: string };
  /** Sorted by name. */
  readonly environments: LookedUpEnvironment[];
  /** Sorted by name. */
  readonly trafficTypes: LookedUpTrafficType[];
}

export interface LookupContext {
  readonly version: number;
  /** Keyed by {@link lookupKey}; sorted by key when written. */
  readonly workspaces: { readonly [key: string]: LookedUpWorkspace };
}

/** A context file that cannot be used: not JSON, another version, or a malformed entry. */
export class LookupContextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LookupContextError';
  }
}

/**
 * The key of a workspace in the file, from the target identity the specs carry: the workspace id,
 * the Harness organization and project, or the workspace name (the same precedence as the
 * handler's). The API base URL is left out on purpose: it differs between machines (an emulator's
 * port) while the workspace it names does not.
 */
export function lookupKey(target: Pick<FmeTargetSpec, 'workspaceId' | 'workspaceName' | 'harnessProject'>): string {
  if (target.workspaceId !== undefined) return `workspaceId:${target.workspaceId}`;
  if (target.harnessProject) return `harnessProject:${target.harnessProject.organizationIdentifier}/${target.harnessProject.projectIdentifier}`;
  return `workspaceName:${target.workspaceName ?? 'Default'}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requireString(v: unknown, where: string): string {
  if (typeof v !== 'string') throw new LookupContextError(`${where} must be a string`);
  return v;
}

function readEnvironment(v: unknown, where: string): LookedUpEnvironment {
  if (!isRecord(v)) throw new LookupContextError(`${where} must be an object`);
  return {
    name: requireString(v.name, `${where}.name`),
    id: requireString(v.id, `${where}.id`),
    production: v.production === true,
    approvalsRequired: v.approvalsRequired === true,
  };
}

function readTrafficType(v: unknown, where: string): LookedUpTrafficType {
  if (!isRecord(v)) throw new LookupContextError(`${where} must be an object`);
  const base = { name: requireString(v.name, `${where}.name`), id: requireString(v.id, `${where}.id`) };
  if (v.attributes === undefined) return base;
  if (!Array.isArray(v.attributes)) throw new LookupContextError(`${where}.attributes must be a list`);
  const attributes = v.attributes.map((a, i) => {
    if (!isRecord(a)) throw new LookupContextError(`${where}.attributes[${i}] must be an object`);
    const id = requireString(a.id, `${where}.attributes[${i}].id`);
    return typeof a.dataType === 'string' ? { id, dataType: a.dataType } : { id };
  });
  return { ...base, attributes };
}

function readWorkspace(v: unknown, where: string): LookedUpWorkspace {
  if (!isRecord(v)) throw new LookupContextError(`${where} must be an object`);
  if (!isRecord(v.workspace)) throw new LookupContextError(`${where}.workspace must be an object`);
  if (!Array.isArray(v.environments)) throw new LookupContextError(`${where}.environments must be a list`);
  if (!Array.isArray(v.trafficTypes)) throw new LookupContextError(`${where}.trafficTypes must be a list`);
  return {
    lookedUpAt: requireString(v.lookedUpAt, `${where}.lookedUpAt`),
    workspace: { id: requireString(v.workspace.id, `${where}.workspace.id`), name: requireString(v.workspace.name, `${where}.workspace.name`) },
    environments: v.environments.map((e, i) => readEnvironment(e, `${where}.environments[${i}]`)),
    trafficTypes: v.trafficTypes.map((t, i) => readTrafficType(t, `${where}.trafficTypes[${i}]`)),
  };
}

/** Parses the file's text; `file` names it in errors. */
export function parseLookupContext(text: string, file: string): LookupContext {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new LookupContextError(`${file} is not valid JSON (${(e as Error).message}); run cdktf-fme lookup again to rewrite it`);
  }
  if (!isRecord(json)) throw new LookupContextError(`${file} must hold a JSON object`);
  if (json.version !== LOOKUP_CONTEXT_VERSION) {
    throw new LookupContextError(`${file} has version ${JSON.stringify(json.version)}; this version of cdktf-harness-fme reads version `
      + `${LOOKUP_CONTEXT_VERSION}: run cdktf-fme lookup again to rewrite it`);
  }
  if (!isRecord(json.workspaces)) throw new LookupContextError(`${file}: workspaces must be an object`);
  const workspaces: Record<string, LookedUpWorkspace> = {};
  for (const [key, value] of Object.entries(json.workspaces)) workspaces[key] = readWorkspace(value, `${file}: workspaces[${JSON.stringify(key)}]`);
  return { version: LOOKUP_CONTEXT_VERSION, workspaces };
}

const byName = <T extends { readonly name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** One workspace's entry in the file's order: lists sorted by name, attributes by id. */
export function sortedWorkspace(w: LookedUpWorkspace): LookedUpWorkspace {
  return {
    lookedUpAt: w.lookedUpAt,
    workspace: { id: w.workspace.id, name: w.workspace.name },
    environments: [...w.environments].sort(byName)
      .map((e) => ({ name: e.name, id: e.id, production: e.production, approvalsRequired: e.approvalsRequired })),
    trafficTypes: [...w.trafficTypes].sort(byName).map((t) => ({
      name: t.name,
      id: t.id,
      ...(t.attributes ? {
        attributes: [...t.attributes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .map((a) => (a.dataType !== undefined ? { id: a.id, dataType: a.dataType } : { id: a.id })),
      } : {}),
    })),
  };
}

/** `context` with `entries` added or replaced, every list sorted (stable diffs in review). */
export function withWorkspaces(context: LookupContext | undefined, entries: { readonly [key: string]: LookedUpWorkspace }): LookupContext {
  const all = { ...(context?.workspaces ?? {}), ...entries };
  const workspaces: Record<string, LookedUpWorkspace> = {};
  for (const key of Object.keys(all).sort()) workspaces[key] = sortedWorkspace(all[key]);
  return { version: LOOKUP_CONTEXT_VERSION, workspaces };
}

/** The file's text: two-space JSON with a final newline. */
export function renderLookupContext(context: LookupContext): string {
  return `${JSON.stringify(context, null, 2)}\n`;
}
