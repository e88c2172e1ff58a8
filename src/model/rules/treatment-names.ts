import { RESERVED_TREATMENT_NAMES, TREATMENT_NAME_MAX_LENGTH, TREATMENT_NAME_PATTERN } from '../names';
import { problem, Problem } from '../problem';
import { Treatment } from '../treatment';

const RULE = 'treatment names';

/**
 * Treatment names follow FME's pattern, have at most 100 characters, avoid reserved words and are
 * unique (case-insensitively). FME's own length limit for treatment names is not published (Harness's
 * pipeline schema, harness/harness-schema `v0/pipeline.json` `fme-flag-common-treatments`, gives only
 * the pattern); the library applies 100, the cap that schema puts on FME flag and environment names,
 * so an oversized name fails at synth rather than in FME.
 */
export function treatmentNameProblems(treatments: Treatment[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const t of treatments) {
    const name = t.name;
    if (typeof name === 'string' && name.length > TREATMENT_NAME_MAX_LENGTH) {
      problems.push(problem(RULE, `${JSON.stringify(name.slice(0, 20)).slice(0, -1)}…" is ${name.length} characters; a treatment name has at most ${TREATMENT_NAME_MAX_LENGTH}`));
      continue;
    }
    if (typeof name !== 'string' || !TREATMENT_NAME_PATTERN.test(name)) {
      problems.push(problem(RULE, `${JSON.stringify(name)} is not a valid treatment name; start with a letter or digit and use only letters, digits, "-", "_" and "."`));
      continue;
    }
    if (RESERVED_TREATMENT_NAMES.has(name.toLowerCase())) {
      problems.push(problem(RULE, `"${name}" is a reserved word; rename the treatment`));
    }
    const folded = name.toLowerCase();
    if (seen.has(folded)) {
      problems.push(problem(RULE, `"${name}" is declared twice (as "${seen.get(folded)}" and "${name}"); treatment names must be unique`));
    }
    seen.set(folded, name);
  }
  return problems;
}
