import { Construct } from 'constructs';
import { FeatureFlag } from './feature-flag';
import { FlagEnvironmentProps } from './flag-environment-props';
import { IFlagSetRef } from './flag-set';
import { DefaultRule } from '../model/default-rule';
import { IndividualTarget } from '../model/individual-target';
import { stackIdProblems } from '../model/ownership';
import { PlanModel } from '../model/plan';
import { Prerequisite } from '../model/prerequisite';
import { problem, Problem } from '../model/problem';
import { registerParts } from './internal/parts';
import { planFlagSetProblems } from '../model/rules/names';
import { planProblems } from '../model/rules/plan';
import { TargetingRule } from '../model/targeting-rule';
import { defaultTreatments, Treatment } from '../model/treatment';
import { checkProps, ROLLOUT_PLAN_PROPS } from './internal/prop-checks';
import { addCrossConstructValidation, resolveFlagEnvironment, throwIfProblems } from './internal/validation';
import { RemovalPolicy } from './policies';

/**
 * Properties of `RolloutPlan`.
 */
export interface RolloutPlanProps extends FlagEnvironmentProps {
  /**
   * Treatments in this environment (2 to 20).
   *
   * @default - the treatments of `flag`; `on` and `off` when only `flagName` is given
   */
  readonly treatments?: Treatment[];

  /**
   * Treatment served when the flag is killed and to keys outside limit exposure.
   *
   * @default 'off' (must then be a declared treatment)
   */
  readonly defaultTreatment?: string;

  /**
   * Alert baseline: the safe treatment others are compared with when monitoring metrics.
   *
   * @default - none
   */
  readonly baselineTreatment?: string;

  /**
   * Limit exposure: the whole percentage (0..100) of traffic that enters the targeting rules;
   * the rest gets the default treatment.
   *
   * @default 100
   */
  readonly limitExposure?: number;

  /**
   * Keys and segments individually targeted into treatments (evaluated first, in treatment order).
   *
   * @default - none
   */
  readonly individualTargets?: IndividualTarget[];

  /**
   * Targeting rules, evaluated in order; the first match wins.
   *
   * @default - none
   */
  readonly rules?: TargetingRule[];

  /**
   * What keys matching no rule get.
   *
   * @default - serve the default treatment
   */
  readonly defaultRule?: DefaultRule;

  /**
   * Whether SDKs record impressions (which treatment each key got) for this flag in this
   * environment. `false` sends FME `impressionsDisabled: true`. Left unset, the library never
   * writes the setting, so whatever FME has (for example a change made in the FME UI) stays.
   *
   * @default - left as FME has it (FME's own default records impressions)
   */
  readonly trackImpressions?: boolean;

  /**
   * Flags that must serve given treatments to a key before this plan's targeting runs for it.
   *
   * A key for which any is not met gets the default treatment (docs/fme-api.md#prerequisites). The
   * plan is the flag's whole targeting in this environment, so prerequisites set in the FME UI that
   * are not listed here are removed by the next deploy.
   *
   * @default - no prerequisites
   */
  readonly prerequisites?: Prerequisite[];

  /**
   * Flag sets this environment's definition belongs to: `FlagSet` constructs, or
   * `FlagSet.fromName('...')` for sets managed elsewhere. The list replaces the definition's live
   * sets (`[]` takes it out of every set). Left unset, the library never writes the definition's
   * sets, so sets added in the FME UI stay.
   *
   * @default - left as FME has them
   */
  readonly flagSets?: IFlagSetRef[];

  /**
   * What happens to this environment's definition when the plan leaves the code or the stack is
   * destroyed: `DESTROY` or `RETAIN`. (`ARCHIVE` is for flags: FME archives whole flags, so it is a
   * synth error here.)
   *
   * @default - the flag's removal policy, else the `FmeConfig`'s (`ARCHIVE` there keeps the
   * definition with the archived flag, or deletes it when only the plan leaves)
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Id of the stack that owns this environment's definition now, when it moves to this stack (explicit transfer).
   * Without it, a deploy that finds the environment's definition owned by another stack fails and changes nothing.
   * See `FmeConfig.stackId` and the README's lifecycle table.
   *
   * @default - no transfer (the stack-wide `FmeConfig` `transferFrom` still applies)
   */
  readonly transferFrom?: string;
}

/**
 * The complete rollout plan (definition) of one flag in one environment: treatments, individual
 * targets, limit exposure, targeting rules, default rule, default and baseline treatments.
 *
 * `IndividualTargets`, `DefaultAllocation` and `KillSwitch` for the same flag and environment are
 * merged into it at synth time. Every FME rule is checked when the construct is created.
 *
 * @example
 * new RolloutPlan(stack, 'NewCheckoutProd', {
 *   flag, environment: 'Production',
 *   rules: [TargetingRule.serve('on', [Matcher.stringInList('country', ['US'])])],
 *   defaultRule: DefaultRule.serve('off'),
 * });
 */
export class RolloutPlan extends Construct {
  /** The flag's name. */
  public readonly flagName: string;
  /** The environment. */
  public readonly environment: string;
  /** Names of the treatments in this environment. */
  public readonly treatmentNames: string[];

  constructor(scope: Construct, id: string, props: RolloutPlanProps) {
    super(scope, id);
    checkProps(this, ROLLOUT_PLAN_PROPS, props);
    const problems: Problem[] = [];
    const target = resolveFlagEnvironment(props, problems);
    if (props.transferFrom !== undefined) problems.push(...stackIdProblems(props.transferFrom, false));
    if (props.removalPolicy === RemovalPolicy.ARCHIVE) {
      problems.push(problem('removal policy', 'RemovalPolicy.ARCHIVE archives a whole flag, so it cannot apply to one environment\'s rollout plan; '
        + 'set it on the FeatureFlag, and use RemovalPolicy.DESTROY or RETAIN here'));
    }
    if (props.trackImpressions !== undefined && typeof props.trackImpressions !== 'boolean') {
      problems.push(problem('props', `trackImpressions must be true or false, not ${JSON.stringify(props.trackImpressions)}`));
    }
    const flagSets = props.flagSets === undefined ? undefined : flagSetNamesOf(props.flagSets, problems);
    if (flagSets) problems.push(...planFlagSetProblems(flagSets, `the rollout plan of flag "${target.flagName}" in environment "${target.environment}"`));
    this.flagName = target.flagName;
    this.environment = target.environment;

    const treatments = [...(props.treatments ?? flagTreatments(props))];
    const names = treatments.map((t) => t.name);
    const defaultTreatment = props.defaultTreatment ?? (names.includes('off') ? 'off' : undefined);
    const plan: PlanModel = {
      treatments,
      defaultTreatment,
      baselineTreatment: props.baselineTreatment,
      limitExposure: props.limitExposure ?? 100,
      individualTargets: [...(props.individualTargets ?? [])],
      rules: [...(props.rules ?? [])],
      defaultRule: props.defaultRule ?? DefaultRule.serve(defaultTreatment ?? names[0] ?? 'off'),
      ...(props.trackImpressions !== undefined ? { trackImpressions: props.trackImpressions } : {}),
      ...(props.prerequisites !== undefined ? { prerequisites: Array.isArray(props.prerequisites) ? [...props.prerequisites] : [] } : {}),
      ...(flagSets !== undefined ? { flagSets } : {}),
    };
    if (props.prerequisites !== undefined && !Array.isArray(props.prerequisites)) {
      problems.push(problem('props', `prerequisites must be a list of Prerequisite, not ${JSON.stringify(props.prerequisites)}`));
    }
    problems.push(...planProblems(plan, target.flagName));
    throwIfProblems(this, problems);
    this.treatmentNames = names;

    registerParts(this, () => [{
      kind: 'plan',
      path: this.node.path,
      flagName: target.flagName,
      environment: target.environment,
      trafficType: target.trafficType,
      flag: target.flag,
      plan,
      explicitDefaultRule: props.defaultRule !== undefined,
      removalPolicy: props.removalPolicy,
      transferFrom: props.transferFrom,
    }]);
    addCrossConstructValidation(this);
  }
}

/** The flag's treatments with their descriptions and configurations when it is a `FeatureFlag`. */
function flagTreatments(props: RolloutPlanProps): Treatment[] {
  if (props.flag instanceof FeatureFlag) return props.flag.treatments;
  if (props.flag) return props.flag.treatmentNames.map((name) => ({ name }));
  return defaultTreatments();
}

/** The names of the flag sets a plan lists; entries that are not flag-set references are reported. */
function flagSetNamesOf(refs: IFlagSetRef[], problems: Problem[]): string[] {
  if (!Array.isArray(refs)) {
    problems.push(problem('props', 'flagSets must be a list of FlagSet constructs or FlagSet.fromName(...) references'));
    return [];
  }
  return refs.flatMap((ref) => {
    if (ref !== null && typeof ref === 'object' && typeof ref.flagSetName === 'string') return [ref.flagSetName];
    problems.push(problem('props', `flagSets: ${JSON.stringify(ref)} is not a flag set; use a FlagSet construct or FlagSet.fromName('<name>')`));
    return [];
  });
}
