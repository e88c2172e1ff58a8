import type { Composition } from './compose';
import { PathProblem, pathProblem } from './path-problem';
import { stackIdProblems } from '../../model/ownership';
import { problem, Problem } from '../../model/problem';
import { environmentProblems, workspaceNameProblems } from '../../model/rules/names';
import { canonicalJson } from '../../spec/encode';

/**
 * Largest spec a resource may carry, in bytes. Specs reach the handler as one environment
 * variable, which Linux caps at 128 KiB (docs/terraform-facts.md, fact 9); the rest is headroom.
 */
export const MAX_SPEC_BYTES = 100 * 1024;

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
}

/** Every rule `FmeConfig`'s own settings must satisfy. */
export function configProblems(s: ConfigSettings): Problem[] {
  const problems: Problem[] = [];
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
  return problems;
}
