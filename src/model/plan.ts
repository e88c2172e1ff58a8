import { DefaultRule } from './default-rule';
import { IndividualTarget } from './individual-target';
import { Prerequisite } from './prerequisite';
import { TargetingRule } from './targeting-rule';
import { Treatment } from './treatment';

/**
 * A rollout plan for one flag in one environment, with defaults already applied.
 * Internal: built by the `RolloutPlan` construct, validated by `validatePlan`, turned into the
 * Admin API definition by `toDefinitionSpec`.
 */
export interface PlanModel {
  readonly treatments: Treatment[];
  /** Undefined only when no default was given and no `off` treatment exists (a validation error). */
  readonly defaultTreatment?: string;
  readonly baselineTreatment?: string;
  /** Limit exposure: the percentage of traffic that enters the targeting rules (0..100). */
  readonly limitExposure: number;
  readonly individualTargets: IndividualTarget[];
  readonly rules: TargetingRule[];
  readonly defaultRule: DefaultRule;
  /**
   * Whether SDKs record impressions for this definition; undefined leaves FME's setting as it is
   * (docs/fme-api.md#impression-tracking).
   */
  readonly trackImpressions?: boolean;
  /** Flags that must serve given treatments before the rules run (docs/fme-api.md#prerequisites). */
  readonly prerequisites?: Prerequisite[];
  /**
   * Names of the flag sets the definition belongs to; undefined leaves FME's sets as they are
   * (docs/fme-api.md#flag-sets), `[]` takes the definition out of every set.
   */
  readonly flagSets?: string[];
}
