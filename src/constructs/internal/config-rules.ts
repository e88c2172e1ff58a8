import type { Composition } from './compose';
import { PathProblem, pathProblem } from './path-problem';
import { scheduleProblems } from '../../model/change-request-schedule';
import { stackIdProblems } from '../../model/ownership';
import { problem, Problem } from '../../model/problem';
import { environmentProblems, workspaceNameProblems } from '../../model/rules/names';
import { canonicalJson } from '../../spec/encode';

/**
 * Largest spec a resource may carry, in bytes. Specs reach the handler as one environment
 * variable, which Linux caps at 128 KiB (docs/terraform-facts.md, fact 9); the rest is headroom.
 */
export const MAX_SPEC_BYTES = 100 * 1024;

/** Title, comment and approvers, stack-wide or for one environment. */
interface ChangeSettings {
  readonly approvers?: readonly string[];
  readonly changeTitle?: string;
  readonly changeComment?: string;
  /** Per environment only (`FmeEnvironmentOptions.schedule`). */
  readonly schedule?: { readonly scheduledFor: number; readonly timeZone?: string };
}

/** The `FmeConfig` settings the rules below check. */
export interface ConfigSettings {
  readonly workspaceId?: string;
  readonly workspaceName?: string;
  readonly apiKeyEnvVar?: string;
  readonly apiBaseUrl?: string;
  readonly maxRetrySeconds: number;
  readonly stackId: string;
  /** The stack id was derived from the stack name (not given). */
  readonly stackIdDerived: boolean;
  readonly transferFrom: readonly string[];
  readonly approvalEnvironments?: readonly string[];
  readonly endpointSet?: boolean;
  readonly organizationIdentifier?: string;
  readonly projectIdentifier?: string;
  readonly approvers?: readonly string[];
  readonly changeTitle?: string;
  readonly changeComment?: string;
  readonly environmentOptions?: { readonly [environment: string]: ChangeSettings };
}

/** Where the handler finds FME and the workspace: one way each (docs/fme-api.md#workspaces, #authentication). */
function targetProblems(s: ConfigSettings): Problem[] {
  const problems: Problem[] = [];
  if (s.endpointSet && s.apiBaseUrl !== undefined) {
    problems.push(problem('api base url', 'set endpoint or apiBaseUrl, not both (an endpoint carries its base URL)'));
  }
  const projectFields = [s.organizationIdentifier, s.projectIdentifier].filter((v) => v !== undefined).length;
  if (projectFields === 1) {
    problems.push(problem('workspace', 'set organizationIdentifier and projectIdentifier together: the pair names one Harness project'));
  }
  if (projectFields > 0 && (s.workspaceId !== undefined || s.workspaceName !== undefined)) {
    problems.push(problem('workspace', 'name the workspace one way: workspaceId, workspaceName, or organizationIdentifier with projectIdentifier'));
  }
  for (const [field, value] of [['organizationIdentifier', s.organizationIdentifier], ['projectIdentifier', s.projectIdentifier]] as const) {
    // Harness identifiers: a letter or _, then letters, digits, _ or $ (at most 128).
    if (value !== undefined && !/^[a-zA-Z_][0-9a-zA-Z_$]{0,127}$/.test(value)) {
      problems.push(problem('workspace', `${field} ${JSON.stringify(value)} is not a Harness identifier (a letter or _, then letters, digits, _ or $)`));
    }
  }
  return problems;
}

/** Titles, comments and approvers FME records with each change (docs/fme-api.md#change-requests). */
function changeDetailProblems(s: ConfigSettings): Problem[] {
  const problems: Problem[] = [];
  const check = (where: string, o: ChangeSettings) => {
    if ((o.approvers ?? []).some((a) => typeof a !== 'string' || a.trim() === '')) {
      problems.push(problem('change requests', `${where}approvers must be non-empty strings (e-mails or group names)`));
    }
    for (const [field, value] of [['changeTitle', o.changeTitle], ['changeComment', o.changeComment]] as const) {
      if (value !== undefined && value.trim() === '') problems.push(problem('change requests', `${where}${field} must not be empty (leave it unset for the generated one)`));
    }
  };
  check('', s);
  for (const [environment, options] of Object.entries(s.environmentOptions ?? {})) {
    problems.push(...environmentProblems(environment));
    check(`environmentOptions["${environment}"]: `, options);
    if (options.schedule) problems.push(...scheduleRuleProblems(environment, options.schedule, s.approvalEnvironments ?? []));
  }
  return problems;
}

/** A schedule applies to change requests, so only to approval-gated environments (docs/fme-api.md#scheduled-change-requests). */
function scheduleRuleProblems(environment: string, schedule: NonNullable<ChangeSettings['schedule']>, approvalEnvironments: readonly string[]): Problem[] {
  const where = `environmentOptions["${environment}"].schedule: `;
  const problems = scheduleProblems(schedule.scheduledFor, schedule.timeZone).map((p) => problem(p.rule, `${where}${p.message}`));
  if (!approvalEnvironments.includes(environment)) {
    problems.push(problem('change request schedule', `${where}environment "${environment}" is not in approvalEnvironments, so nothing there is a change request to schedule; `
      + 'add it to approvalEnvironments, or remove the schedule'));
  }
  return problems;
}

/** Every rule `FmeConfig`'s own settings must satisfy. */
export function configProblems(s: ConfigSettings): Problem[] {
  const problems: Problem[] = [...targetProblems(s), ...changeDetailProblems(s)];
  if (s.workspaceId !== undefined && s.workspaceName !== undefined) {
    problems.push(problem('workspace', 'set workspaceId or workspaceName, not both'));
  }
  if (s.workspaceName !== undefined) problems.push(...workspaceNameProblems(s.workspaceName));
  // An id reaches the same URL paths as a name would (docs/names.md).
  if (s.workspaceId !== undefined) {
    problems.push(...workspaceNameProblems(s.workspaceId).map((p) => problem('workspace', p.message.replace('workspace name', 'workspace id'))));
  }
  for (const environment of s.approvalEnvironments ?? []) problems.push(...environmentProblems(environment));
  if (s.apiKeyEnvVar !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(s.apiKeyEnvVar)) {
    problems.push(problem('api key', `${JSON.stringify(s.apiKeyEnvVar)} is not an environment variable name; give the variable's name (e.g. FME_API_KEY), never the key itself`));
  }
  if (!Number.isFinite(s.maxRetrySeconds) || s.maxRetrySeconds <= 0) {
    problems.push(problem('retries', `maxRetryDurationSeconds must be a positive number of seconds, got ${s.maxRetrySeconds}`));
  }
  if (s.apiBaseUrl !== undefined && !/^https?:\/\/\S+$/.test(s.apiBaseUrl)) {
    problems.push(problem('api base url', `${JSON.stringify(s.apiBaseUrl)} is not an http(s) URL`));
  }
  // The stack id and the transfers each become part of an FME tag (docs/ownership.md).
  problems.push(...stackIdProblems(s.stackId, s.stackIdDerived), ...s.transferFrom.flatMap((t) => stackIdProblems(t, false)));
  if (s.transferFrom.includes(s.stackId)) {
    problems.push(problem('stack id', `transferFrom names this stack itself ("${s.stackId}"); list only the stacks objects move from`));
  }
  return problems;
}

/** Each spec reaches the handler as one environment variable (docs/terraform-facts.md, fact 9): keep it well under 128 KiB. */
export function sizeProblems(c: Composition): PathProblem[] {
  const problems: PathProblem[] = [];
  const check = (what: string, spec: unknown, advice: string) => {
    const bytes = Buffer.byteLength(canonicalJson(spec), 'utf8');
    if (bytes > MAX_SPEC_BYTES) {
      problems.push(pathProblem('', 'spec size', `${what} is ${Math.ceil(bytes / 1024)} KiB, over the ${MAX_SPEC_BYTES / 1024} KiB limit (the handler receives it in one environment variable, capped at 128 KiB); ${advice}`));
    }
  };
  for (const f of c.flags) check(`flag "${f.flagName}"`, f, 'move long individual-target key lists into segments, or manage some environments of the flag in another stack');
  for (const s of c.segments) check(`segment "${s.segmentName}"`, s, 'split the keys across segments, or manage some environments in another stack');
  for (const s of c.ruleBasedSegments) check(`rule-based segment "${s.segmentName}"`, s, 'move long excluded-key lists into a segment and exclude that');
  return problems;
}
