import { MAX_CONFIG_BYTES } from '../names';
import { formatProblem, problem, Problem } from '../problem';
import { Treatment } from '../treatment';

const RULE = 'dynamic configuration';

/** Each treatment's dynamic configuration is valid and at most 1 KB serialized. */
export function treatmentConfigProblems(treatments: Treatment[]): Problem[] {
  const problems: Problem[] = [];
  for (const t of treatments) {
    if (!t.config) continue;
    for (const p of t.config._problems) {
      problems.push(problem(RULE, `treatment "${t.name}": ${formatProblem(p).replace(`${RULE}: `, '')}`));
    }
    if (t.config.sizeBytes > MAX_CONFIG_BYTES) {
      problems.push(problem(RULE, `treatment "${t.name}": configuration is ${t.config.sizeBytes} bytes, over FME's limit of ${MAX_CONFIG_BYTES} bytes per treatment; shrink it`));
    }
  }
  return problems;
}
