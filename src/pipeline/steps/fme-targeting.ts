import { Construct } from 'constructs';
import { IFlagRef } from '../../model/flag-ref';
import { IndividualTarget } from '../../model/individual-target';
import { TargetingRule } from '../../model/targeting-rule';
import { matcherErrors, ruleMatchersErrors } from '../rules/matchers';
import { percentageErrors } from '../rules/percentages';
import { duplicateTreatmentErrors, treatmentErrors } from '../rules/treatments';
import { addRule } from '../validation';
import { FmeFlagEnvironmentStep, FmeFlagEnvironmentStepOptions } from './fme-step';
import { renderMatcher } from './matchers';
import { FlagAspect } from '../rules/stack-ownership';

/** Props of `FmeFlagSetIndividualTargets`. */
export interface FmeFlagSetIndividualTargetsProps extends FmeFlagEnvironmentStepOptions {
  /**
   * Treatments whose individual targets are replaced (the full target list of each: `treatments:` of
   * Set Individual Targets); treatments not listed keep theirs. The same `IndividualTarget` a
   * `RolloutPlan` or `IndividualTargets` construct takes; here the treatment may also be an
   * expression (never a runtime input).
   */
  readonly treatments: IndividualTarget[];
}

/** Set Individual Targets (`FmeFlagSetIndividualTargets`): replaces the listed treatments' keys and segments. */
export class FmeFlagSetIndividualTargets extends FmeFlagEnvironmentStep {
  private readonly treatments: IndividualTarget[];

  constructor(scope: Construct, id: string, props: FmeFlagSetIndividualTargetsProps) {
    super(scope, id, 'FmeFlagSetIndividualTargets', props);
    this.treatments = props.treatments;
    addRule(this, () => [
      ...(props.treatments.length === 0 ? ['[targets-empty] treatments must list at least one treatment.'] : []),
      ...props.treatments.flatMap((t, i) => treatmentErrors(t.treatment, `treatments[${i}].treatment`, props.flag)),
      ...duplicateTreatmentErrors(props.treatments.map(t => t.treatment), 'treatments'),
    ]);
  }

  /** @internal */
  public _flagAspects(): FlagAspect[] {
    return ['targets'];
  }

  protected renderSpec(): { [key: string]: any } {
    return {
      ...this.flagAndEnvironment(),
      treatments: this.treatments.map(t => ({ treatment: t.treatment, keys: [...(t.keys ?? [])], segments: [...(t.segments ?? [])] })),
    };
  }
}

/** Incremental target changes of one treatment (`treatments:` of Add/Remove Individual Targets). */
export interface TreatmentTargetChanges {
  /** The treatment (literal or expression, never a runtime input). */
  readonly treatment: string;
  /**
   * Keys to add.
   * @default []
   */
  readonly addKeys?: string[];
  /**
   * Keys to remove.
   * @default []
   */
  readonly removeKeys?: string[];
  /**
   * Segments to add.
   * @default []
   */
  readonly addSegments?: string[];
  /**
   * Segments to remove.
   * @default []
   */
  readonly removeSegments?: string[];
}

/** Props of `FmeFlagAddRemoveIndividualTargets`. */
export interface FmeFlagAddRemoveIndividualTargetsProps extends FmeFlagEnvironmentStepOptions {
  /** The changes, per treatment. */
  readonly treatments: TreatmentTargetChanges[];
}

/** Add/Remove Individual Targets (`FmeFlagAddRemoveIndividualTargets`): edits target lists without replacing them. */
export class FmeFlagAddRemoveIndividualTargets extends FmeFlagEnvironmentStep {
  private readonly treatments: TreatmentTargetChanges[];

  constructor(scope: Construct, id: string, props: FmeFlagAddRemoveIndividualTargetsProps) {
    super(scope, id, 'FmeFlagAddRemoveIndividualTargets', props);
    this.treatments = props.treatments;
    addRule(this, () => [
      ...(props.treatments.length === 0 ? ['[targets-empty] treatments must list at least one treatment.'] : []),
      ...props.treatments.flatMap((t, i) => treatmentErrors(t.treatment, `treatments[${i}].treatment`, props.flag)),
      ...duplicateTreatmentErrors(props.treatments.map(t => t.treatment), 'treatments'),
      ...props.treatments.flatMap((t, i) => {
        const both = (t.addKeys ?? []).filter(k => (t.removeKeys ?? []).includes(k));
        return both.length > 0 ? [`[targets-add-remove] treatments[${i}] both adds and removes key(s) ${both.join(', ')}.`] : [];
      }),
    ]);
  }

  /** @internal */
  public _flagAspects(): FlagAspect[] {
    return ['targets'];
  }

  protected renderSpec(): { [key: string]: any } {
    return {
      ...this.flagAndEnvironment(),
      treatments: this.treatments.map(t => ({
        treatment: t.treatment,
        addKeys: [...(t.addKeys ?? [])],
        removeKeys: [...(t.removeKeys ?? [])],
        addSegments: [...(t.addSegments ?? [])],
        removeSegments: [...(t.removeSegments ?? [])],
      })),
    };
  }
}

/** Props of `FmeFlagSetTargetingRules`. */
export interface FmeFlagSetTargetingRulesProps extends FmeFlagEnvironmentStepOptions {
  /**
   * The rules, evaluated in order; they replace all existing rules (`[]` clears them). Built like a
   * `RolloutPlan`'s rules: `TargetingRule.serve('on', [Matcher.inSegment('beta_testers')])`, or
   * `TargetingRule.distribute([Allocation.of('on', 20), Allocation.of('off', 80)], [...])`.
   *
   * Treatments and matcher string values may be Harness expressions (`<+pipeline.variables.x>`;
   * treatments here also `<+input>`); the model's rules then check the literal values only.
   */
  readonly targetingRules: TargetingRule[];
}

/** Set Targeting Rules (`FmeFlagSetTargetingRules`): replaces the flag's if/else-if rules. */
export class FmeFlagSetTargetingRules extends FmeFlagEnvironmentStep {
  private readonly rules: TargetingRule[];

  constructor(scope: Construct, id: string, props: FmeFlagSetTargetingRulesProps) {
    super(scope, id, 'FmeFlagSetTargetingRules', props);
    this.rules = props.targetingRules;
    addRule(this, () => targetingRuleErrors(props.targetingRules, 'targetingRules', props.flag));
  }

  /** @internal */
  public _flagAspects(): FlagAspect[] {
    return ['rules'];
  }

  protected renderSpec(): { [key: string]: any } {
    return {
      ...this.flagAndEnvironment(),
      targetingRules: renderTargetingRules(this.rules),
    };
  }
}

/**
 * The checks of a list of targeting rules, shared by Set Targeting Rules and the `SetTargetingRules`
 * instruction: matchers present and valid, sizes summing to 100, treatments valid and listed once.
 *
 * @internal
 */
export function targetingRuleErrors(rules: TargetingRule[], field: string, flag?: IFlagRef): string[] {
  return rules.flatMap((r, i) => [
    ...ruleMatchersErrors(r.matchers, `${field}[${i}]`),
    ...r.matchers.flatMap((m, j) => matcherErrors(m, `${field}[${i}].matchers[${j}]`)),
    ...percentageErrors(r._buckets.map(b => b.size), `${field}[${i}].allocation sizes`),
    ...r._buckets.flatMap((b, j) => treatmentErrors(b.treatment, `${field}[${i}].allocation[${j}].treatment`, flag, true)),
    ...duplicateTreatmentErrors(r._buckets.map(b => b.treatment), `${field}[${i}].allocation`),
  ]);
}

/** Targeting rules in Harness's YAML shape (`{condition: {rules}, allocation}`). @internal */
export function renderTargetingRules(rules: TargetingRule[]): { [key: string]: any }[] {
  return rules.map(r => ({
    condition: { rules: r.matchers.map(renderMatcher) },
    allocation: r._buckets.map(b => ({ treatment: b.treatment, size: b.size })),
  }));
}
