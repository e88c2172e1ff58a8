import { problem, Problem } from '../problem';
import { TargetedTwice } from '../targets';

const RULE = 'one treatment per key';

/**
 * A key or segment is individually targeted to one treatment only: FME rejects a definition that
 * lists it under two (docs/fme-api.md#definitions). `where` names the declaration, e.g.
 * `individual targets` or `the add lists of the IndividualTargets for flag "x" in environment "y"`.
 */
export function oneTreatmentPerKeyProblems(twice: readonly TargetedTwice[], where = 'individual targets'): Problem[] {
  return twice.map((t) => problem(RULE,
    `${t.kind} ${JSON.stringify(t.value)} is targeted to treatments ${t.treatments.join(' and ')} in ${where}; `
    + `FME serves each ${t.kind} one individually targeted treatment, so keep it in one of them`));
}
