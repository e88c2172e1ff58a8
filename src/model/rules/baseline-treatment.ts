import { problem, Problem } from '../problem';

/** The alert baseline treatment, when set, is a declared treatment. */
export function baselineTreatmentProblems(baselineTreatment: string | undefined, declared: ReadonlySet<string>): Problem[] {
  if (baselineTreatment === undefined || declared.has(baselineTreatment)) return [];
  return [problem('baseline treatment', `"${baselineTreatment}" is not declared; use one of ${[...declared].join(', ')}`)];
}
