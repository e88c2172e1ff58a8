import { Prerequisite } from '../prerequisite';
import { problem, Problem } from '../problem';

/**
 * The rules one plan's prerequisites must satisfy on their own: each one valid, none on the flag
 * itself (FME would evaluate the flag forever), no flag named twice (its treatments belong in one
 * list). Declared treatments, traffic types and cycles need the other flags: see `dependencyProblems`.
 */
export function prerequisiteProblems(flagName: string, prerequisites: readonly Prerequisite[]): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const p of prerequisites) {
    if (!(p instanceof Prerequisite)) {
      out.push(problem('prerequisites', `${JSON.stringify(p)} is not a Prerequisite; use Prerequisite.flag or Prerequisite.flagNamed`));
      continue;
    }
    out.push(...p._problems);
    if (p.flagName === flagName && flagName !== '') {
      out.push(problem('prerequisites', `"${flagName}" cannot be its own prerequisite; remove it`));
    }
    if (seen.has(p.flagName)) {
      out.push(problem('prerequisites', `"${p.flagName}" is a prerequisite twice; put all its treatments in one Prerequisite`));
    }
    seen.add(p.flagName);
  }
  return out;
}
