/**
 * Synth-time checks of environment, traffic type and attribute names against the lookup context
 * file that `cdktf-fme lookup` writes (docs/lookups.md). The file is read here, at the edge; the
 * checks themselves are the model's (src/model/lookups/checks.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Part } from './parts';
import { PathProblem } from './path-problem';
import { LookupFinding, lookupFindings, LookupUse } from '../../model/lookups/checks';
import {
  DEFAULT_LOOKUP_CONTEXT_FILE, LookedUpWorkspace, LookupContextError, lookupKey, parseLookupContext,
} from '../../model/lookups/context-file';
import { formatProblem } from '../../model/problem';
import type { FmeTargetSpec } from '../../spec/resource-spec';

/** What `FmeConfig` says about the checks. */
export interface LookupSettings {
  /** As given; relative paths are resolved against the folder synthesis runs in. */
  readonly file?: string;
  readonly enabled: boolean;
  /** `FmeConfig.environmentOptions` keys and `approvalEnvironments`, reported on the `FmeConfig`. */
  readonly configEnvironments: ReadonlyArray<{ readonly environment: string; readonly what: string }>;
}

/** The outcome: errors (as composition problems), warnings, and at most one note for the FmeConfig. */
export interface LookupOutcome {
  readonly errors: PathProblem[];
  readonly warnings: PathProblem[];
  /** Information for the `FmeConfig` (not checked, or approval settings that differ from FME's). */
  readonly notes: string[];
}

const NONE: LookupOutcome = { errors: [], warnings: [], notes: [] };

const KIND_NAMES: Record<string, string> = { plan: 'RolloutPlan', targets: 'IndividualTargets', allocation: 'DefaultAllocation', kill: 'KillSwitch' };

/** Every environment, traffic type and matcher attribute the parts name. */
export function lookupUses(parts: readonly Part[], configPath: string, settings: LookupSettings): LookupUse[] {
  const flagTrafficType = new Map<string, string>();
  for (const p of parts) if (p.kind === 'flag') flagTrafficType.set(p.flagName, p.trafficType);
  const uses: LookupUse[] = settings.configEnvironments.map((c) => ({ path: configPath, kind: 'environment', environment: c.environment, what: c.what }));
  for (const p of parts) {
    if (p.kind === 'flag') {
      uses.push({ path: p.path, kind: 'trafficType', trafficType: p.trafficType, what: `FeatureFlag "${p.flagName}"` });
    } else if (p.kind === 'segment') {
      uses.push({ path: p.path, kind: 'trafficType', trafficType: p.trafficType, what: `Segment "${p.segmentName}"` });
      for (const environment of p.keys.keys()) uses.push({ path: p.path, kind: 'environment', environment, what: `Segment "${p.segmentName}"` });
    } else if (p.kind === 'ruleBasedSegment' || p.kind === 'largeSegment') {
      const what = `${p.kind === 'ruleBasedSegment' ? 'RuleBasedSegment' : 'LargeSegment'} "${p.segmentName}"`;
      uses.push({ path: p.path, kind: 'trafficType', trafficType: p.trafficType, what });
      const environments = p.kind === 'ruleBasedSegment' ? p.environments.keys() : p.files.keys();
      for (const environment of environments) uses.push({ path: p.path, kind: 'environment', environment, what });
    } else if (p.kind === 'plan' || p.kind === 'targets' || p.kind === 'allocation' || p.kind === 'kill') {
      const what = `${KIND_NAMES[p.kind]} of flag "${p.flagName}"`;
      uses.push({ path: p.path, kind: 'environment', environment: p.environment, what });
      // A flag owned by the stack is checked on its FeatureFlag; a traffic type given for a flag managed elsewhere is checked here.
      if (p.trafficType !== undefined && !flagTrafficType.has(p.flagName)) uses.push({ path: p.path, kind: 'trafficType', trafficType: p.trafficType, what });
      const trafficType = p.trafficType ?? flagTrafficType.get(p.flagName);
      if (p.kind === 'plan' && trafficType !== undefined) {
        for (const rule of p.plan.rules) {
          for (const m of rule.matchers) {
            if (m._spec.attribute) uses.push({ path: p.path, kind: 'attribute', trafficType, attribute: m._spec.attribute, what: `matcher "${m.description}"` });
          }
        }
      }
    }
  }
  return uses;
}

/** Reads the file and checks `uses`; a missing file or workspace yields only a note. */
export function checkLookups(
  target: FmeTargetSpec, uses: readonly LookupUse[], settings: LookupSettings, approvalEnvironments: readonly string[],
): LookupOutcome {
  if (!settings.enabled) return NONE;
  const given = settings.file ?? DEFAULT_LOOKUP_CONTEXT_FILE;
  const file = path.resolve(given);
  const key = lookupKey(target);
  const unchecked = (why: string): LookupOutcome => ({
    ...NONE,
    notes: [`environments, traffic types and attributes are not checked before deploy: ${why}. Run \`cdktf-fme lookup\` (docs/lookups.md) `
      + 'to write it, or set checkLookups: false to silence this note'],
  });
  if (!fs.existsSync(file)) return unchecked(`no lookup context file ${given}`);
  let workspace: LookedUpWorkspace | undefined;
  try {
    workspace = parseLookupContext(fs.readFileSync(file, 'utf8'), given).workspaces[key];
  } catch (e) {
    if (!(e instanceof LookupContextError)) throw e;
    return { ...NONE, errors: [{ path: '', message: formatProblem({ rule: 'fme config', message: e.message }) }] };
  }
  if (!workspace) return unchecked(`${given} has no entry ${key}`);
  const findings = lookupFindings(workspace, uses);
  const as = (f: LookupFinding): PathProblem => ({ path: f.path, message: formatProblem(f.problem) });
  const gated = workspace.environments.filter((e) => e.approvalsRequired && !approvalEnvironments.includes(e.name)).map((e) => e.name);
  return {
    errors: findings.filter((f) => f.severity === 'error').map(as),
    warnings: findings.filter((f) => f.severity === 'warning').map(as),
    // Information only: approval settings can change in FME after the lookup, so nothing is decided from them.
    notes: gated.length > 0
      ? [`FME required approvals in ${gated.map((g) => `"${g}"`).join(', ')} when looked up (${workspace.lookedUpAt}), and approvalEnvironments `
        + 'does not list them: direct writes there are refused with 403 (add them to approvalEnvironments if that is still so)']
      : [],
  };
}
