/**
 * Printing a comparison: text for people (a pull-request comment, a terminal) and JSON for
 * machines. `diff` speaks of what the next deploy does; `drift` of what changed outside the code.
 */
import type { Comparison } from './compare-stack';
import { DeployAction, Difference, differencePath, objectTitle } from './difference';

export type ReportMode = 'diff' | 'drift';

const SIGN: Record<DeployAction, string> = { create: '+', update: '~', delete: '-', blocked: '!' };

/** Differences of one object (flag, flag in an environment, segment, …), in first-seen order. */
function grouped(differences: readonly Difference[]): Difference[][] {
  const groups = new Map<string, Difference[]>();
  for (const d of differences) {
    const key = objectTitle(d);
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()];
}

/** The strongest action of a group: blocked > delete > create > update. */
function groupAction(group: readonly Difference[]): DeployAction {
  for (const a of ['blocked', 'delete', 'create'] as const) if (group.some((d) => d.action === a)) return a;
  return 'update';
}

const DIFF_NOTE: Record<DeployAction, string> = {
  create: 'created by the next deploy',
  update: 'updated in place by the next deploy',
  delete: 'deleted by the next deploy',
  blocked: 'the next deploy stops here',
};

const DRIFT_NOTE: Record<DeployAction, string> = {
  create: 'missing in FME: deleted outside the code, or never deployed',
  update: 'changed outside the code',
  delete: 'owned by this stack but not in the code: left over, or made outside the code',
  blocked: 'the code cannot be applied as is',
};

/** `3 to create, 1 to update` — counts objects, not lines. */
export function summary(comparison: Comparison): Record<DeployAction, number> {
  const counts: Record<DeployAction, number> = { create: 0, update: 0, delete: 0, blocked: 0 };
  for (const group of grouped(comparison.differences)) counts[groupAction(group)]++;
  return counts;
}

export function renderText(comparison: Comparison, mode: ReportMode, ignored: readonly Difference[] = []): string {
  const lines: string[] = [];
  const title = mode === 'diff' ? 'what the next deploy changes' : 'what changed outside the code';
  lines.push(`cdktf-fme ${mode}: stack "${comparison.stack}", workspace "${comparison.workspace}" — ${title} (FME → code)`);
  lines.push('');
  for (const group of grouped(comparison.differences)) {
    const action = groupAction(group);
    const pending = group.find((d) => d.openChangeRequest)?.openChangeRequest;
    const rejected = group.find((d) => d.rejectedChangeRequest)?.rejectedChangeRequest;
    const note = (mode === 'diff' ? DIFF_NOTE : DRIFT_NOTE)[action];
    const requests = [
      ...(pending ? [`change request ${pending} is open in FME`] : []),
      ...(rejected ? [`change request ${rejected} was rejected in FME`] : []),
    ];
    lines.push(`${SIGN[action]} ${objectTitle(group[0])}: ${note}${requests.length > 0 ? ` (${requests.join('; ')})` : ''}`);
    for (const d of group) for (const detail of d.details) lines.push(`    ${detail}`);
  }
  const counts = summary(comparison);
  const total = counts.create + counts.update + counts.delete + counts.blocked;
  if (total === 0) lines.push(mode === 'diff' ? 'No differences: FME matches the code.' : 'No drift: FME matches the code.');
  if (lines[lines.length - 1] !== '') lines.push('');
  if (ignored.length > 0) lines.push(`Ignored (--ignore): ${ignored.map(differencePath).join(', ')}`);
  const counted = (Object.keys(counts) as DeployAction[]).filter((a) => counts[a] > 0).map((a) => `${counts[a]} ${a === 'blocked' ? 'blocked' : `to ${a}`}`);
  lines.push(`${total} object(s) differ${counted.length > 0 ? `: ${counted.join(', ')}` : ''}. `
    + `${comparison.reads} read(s) for ${comparison.objects} declared FME object(s).`);
  return lines.join('\n');
}

export function renderJson(comparison: Comparison, mode: ReportMode, ignored: readonly Difference[] = []): string {
  const counts = summary(comparison);
  return JSON.stringify({
    command: mode,
    stack: comparison.stack,
    workspace: comparison.workspace,
    inSync: comparison.differences.length === 0,
    summary: counts,
    reads: comparison.reads,
    objects: comparison.objects,
    differences: comparison.differences.map((d) => ({ path: differencePath(d), ...d })),
    ignored: ignored.map((d) => ({ path: differencePath(d), ...d })),
  }, undefined, 2);
}
