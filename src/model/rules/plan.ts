import { PlanModel } from '../plan';
import { Problem } from '../problem';
import { targetedTwice } from '../targets';
import { baselineTreatmentProblems } from './baseline-treatment';
import { defaultRuleProblems } from './default-rule';
import { defaultTreatmentProblems } from './default-treatment';
import { individualTargetProblems } from './individual-targets';
import { limitExposureProblems } from './limit-exposure';
import { oneTreatmentPerKeyProblems } from './one-treatment-per-key';
import { prerequisiteProblems } from './prerequisites';
import { targetingRuleProblems } from './targeting-rules';
import { treatmentConfigProblems } from './treatment-configs';
import { treatmentCountProblems } from './treatment-count';
import { treatmentNameProblems } from './treatment-names';

/** Every rule a rollout plan for one flag in one environment must satisfy on its own. */
export function planProblems(plan: PlanModel, flagName = ''): Problem[] {
  const declared = new Set(plan.treatments.map((t) => t.name));
  return [
    ...treatmentCountProblems(plan.treatments),
    ...treatmentNameProblems(plan.treatments),
    ...treatmentConfigProblems(plan.treatments),
    ...individualTargetProblems(plan.individualTargets, declared),
    ...oneTreatmentPerKeyProblems(targetedTwice(plan.individualTargets)),
    ...limitExposureProblems(plan.limitExposure),
    ...targetingRuleProblems(plan.rules, declared),
    ...defaultRuleProblems(plan.defaultRule._buckets, declared),
    ...defaultTreatmentProblems(plan.defaultTreatment, declared),
    ...baselineTreatmentProblems(plan.baselineTreatment, declared),
    ...prerequisiteProblems(flagName, plan.prerequisites ?? []),
  ];
}
