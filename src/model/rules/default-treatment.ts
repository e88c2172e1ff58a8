import { problem, Problem } from '../problem';

/** The default treatment (served when killed or outside limit exposure) is a declared treatment. */
export function defaultTreatmentProblems(defaultTreatment: string | undefined, declared: ReadonlySet<string>): Problem[] {
  if (defaultTreatment === undefined) {
    return [problem('default treatment', `no default treatment and no "off" treatment to default to; set defaultTreatment to one of ${[...declared].join(', ')}`)];
  }
  if (!declared.has(defaultTreatment)) {
    return [problem('default treatment', `"${defaultTreatment}" is not declared; use one of ${[...declared].join(', ')}`)];
  }
  return [];
}
