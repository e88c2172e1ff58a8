import { Construct } from 'constructs';
import { PipelineValidationError } from '../errors';
import { isExpression } from '../patterns';
import { fmeNameErrors } from '../rules/fme-names';
import { percentageErrors } from '../rules/percentages';
import { duplicateTreatmentErrors, treatmentErrors } from '../rules/treatments';
import { addRule } from '../validation';
import { FmeFlagEnvironmentStep, FmeFlagEnvironmentStepOptions } from './fme-step';

/** The full target list of one treatment (`treatments:` of Set Individual Targets). */
export interface TreatmentTargets {
  /** The treatment (literal or expression, never a runtime input). */
  readonly treatment: string;
  /**
   * Keys (user ids, ...) that always get this treatment.
   * @default []
   */
  readonly keys?: string[];
  /**
   * Segments whose members always get this treatment.
   * @default []
   */
  readonly segments?: string[];
}

/** Props of `FmeFlagSetIndividualTargets`. */
export interface FmeFlagSetIndividualTargetsProps extends FmeFlagEnvironmentStepOptions {
  /** Treatments whose individual targets are replaced; treatments not listed keep theirs. */
  readonly treatments: TreatmentTargets[];
}

/** Set Individual Targets (`FmeFlagSetIndividualTargets`): replaces the listed treatments' keys and segments. */
export class FmeFlagSetIndividualTargets extends FmeFlagEnvironmentStep {
  private readonly treatments: TreatmentTargets[];

  constructor(scope: Construct, id: string, props: FmeFlagSetIndividualTargetsProps) {
    super(scope, id, 'FmeFlagSetIndividualTargets', props);
    this.treatments = props.treatments;
    addRule(this, () => [
      ...(props.treatments.length === 0 ? ['[targets-empty] treatments must list at least one treatment.'] : []),
      ...props.treatments.flatMap((t, i) => treatmentErrors(t.treatment, `treatments[${i}].treatment`, props.flag)),
      ...duplicateTreatmentErrors(props.treatments.map(t => t.treatment), 'treatments'),
    ]);
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

/** The matcher types of targeting-rule conditions (FME Admin API matcher names). */
export enum MatcherType {
  /** Key is in a segment (`value`: segment name). */
  IN_SEGMENT = 'IN_SEGMENT',
  /** Depends on another flag's treatment (`featureFlag` + `value`: treatments). */
  IN_SPLIT = 'IN_SPLIT',
  /** Boolean attribute equals `value`. */
  BOOLEAN = 'BOOLEAN',
  /** Date attribute is on the day `value` (epoch ms). */
  ON_DATE = 'ON_DATE',
  /** Date attribute is on or after `value`. */
  ON_OR_AFTER_DATE = 'ON_OR_AFTER_DATE',
  /** Date attribute is on or before `value`. */
  ON_OR_BEFORE_DATE = 'ON_OR_BEFORE_DATE',
  /** Date attribute is between `value.from` and `value.to`. */
  BETWEEN_DATE = 'BETWEEN_DATE',
  /** Set attribute equals the set. */
  EQUAL_SET = 'EQUAL_SET',
  /** Set attribute contains any of. */
  ANY_OF_SET = 'ANY_OF_SET',
  /** Set attribute contains all of. */
  ALL_OF_SET = 'ALL_OF_SET',
  /** Set attribute is part of. */
  PART_OF_SET = 'PART_OF_SET',
  /** Number attribute equals. */
  EQUAL_NUMBER = 'EQUAL_NUMBER',
  /** Number attribute is at most. */
  LESS_THAN_OR_EQUAL_NUMBER = 'LESS_THAN_OR_EQUAL_NUMBER',
  /** Number attribute is at least. */
  GREATER_THAN_OR_EQUAL_NUMBER = 'GREATER_THAN_OR_EQUAL_NUMBER',
  /** Number attribute is between. */
  BETWEEN_NUMBER = 'BETWEEN_NUMBER',
  /** String attribute is in the list. */
  IN_LIST_STRING = 'IN_LIST_STRING',
  /** String attribute starts with any of. */
  STARTS_WITH_STRING = 'STARTS_WITH_STRING',
  /** String attribute ends with any of. */
  ENDS_WITH_STRING = 'ENDS_WITH_STRING',
  /** String attribute contains any of. */
  CONTAINS_STRING = 'CONTAINS_STRING',
  /** String attribute matches the regular expression. */
  MATCHES_STRING = 'MATCHES_STRING',
  /** Semver attribute equals. */
  EQUAL_TO_SEMVER = 'EQUAL_TO_SEMVER',
  /** Semver attribute is at least. */
  GREATER_THAN_OR_EQUAL_TO_SEMVER = 'GREATER_THAN_OR_EQUAL_TO_SEMVER',
  /** Semver attribute is at most. */
  LESS_THAN_OR_EQUAL_TO_SEMVER = 'LESS_THAN_OR_EQUAL_TO_SEMVER',
  /** Semver attribute is between. */
  BETWEEN_SEMVER = 'BETWEEN_SEMVER',
  /** Semver attribute is in the list. */
  IN_LIST_SEMVER = 'IN_LIST_SEMVER',
}

/** The value a matcher compares against. */
export class MatcherValue {
  /** A single string (segment name, regex, semver, ...). Must not start with `<+` (use `expression`). */
  public static string(value: string): MatcherValue {
    if (isExpression(value)) throw new PipelineValidationError(`MatcherValue.string("${value}"): use MatcherValue.expression for expressions.`);
    return new MatcherValue(value);
  }
  /** A list of strings. */
  public static strings(values: string[]): MatcherValue { return new MatcherValue([...values]); }
  /** A number (or a date as epoch milliseconds). */
  public static number(value: number): MatcherValue { return new MatcherValue(value); }
  /** A list of numbers. */
  public static numbers(values: number[]): MatcherValue { return new MatcherValue([...values]); }
  /** A boolean. */
  public static boolean(value: boolean): MatcherValue { return new MatcherValue(value); }
  /** A numeric (or epoch-ms date) range. */
  public static between(from: number, to: number): MatcherValue {
    if (from > to) throw new PipelineValidationError(`MatcherValue.between(${from}, ${to}): from must not exceed to.`);
    return new MatcherValue({ from, to });
  }
  /** A semver range. */
  public static betweenStrings(from: string, to: string): MatcherValue { return new MatcherValue({ from, to }); }
  /** A Harness expression, e.g. `<+pipeline.variables.betaSegment>`. */
  public static expression(expression: string): MatcherValue {
    if (!isExpression(expression)) throw new PipelineValidationError(`MatcherValue.expression("${expression}"): must start with "<+".`);
    return new MatcherValue(expression);
  }

  private constructor(private readonly value: unknown) {}

  /** @internal */
  public _render(): any {
    return this.value;
  }
}

/** One matcher of a targeting-rule condition (all matchers of a condition must match: AND). */
export interface RuleMatcher {
  /** The matcher. */
  readonly type: MatcherType;
  /**
   * The attribute to compare (not for IN_SEGMENT / IN_SPLIT).
   * @default - none (the traffic key)
   */
  readonly attribute?: string;
  /**
   * Invert the match.
   * @default false
   */
  readonly negate?: boolean;
  /**
   * The flag this one depends on (IN_SPLIT only).
   * @default - none
   */
  readonly featureFlag?: string;
  /**
   * The value to compare against.
   * @default - none
   */
  readonly value?: MatcherValue;
}

/** A share of traffic for one treatment inside a targeting rule. */
export interface RuleAllocation {
  /** The treatment (literal or expression; `<+input>` is accepted here by Harness). */
  readonly treatment: string;
  /** The percentage, an integer 0..100; a rule's sizes sum to 100. */
  readonly size: number;
}

/** One if/else-if targeting rule. */
export interface StepTargetingRule {
  /** The matchers, all of which must match. */
  readonly matchers: RuleMatcher[];
  /** How matching traffic is split; sizes sum to exactly 100. */
  readonly allocation: RuleAllocation[];
}

/** @internal */
export function renderMatcher(m: RuleMatcher): { [key: string]: any } {
  const out: { [key: string]: any } = { type: m.type };
  if (m.negate !== undefined) out.negate = m.negate;
  if (m.featureFlag !== undefined) out.feature_flag = m.featureFlag;
  if (m.attribute !== undefined) out.attribute = m.attribute;
  if (m.value !== undefined) out.value = m.value._render();
  return out;
}

/** @internal */
export function matcherErrors(m: RuleMatcher, field: string): string[] {
  const errors: string[] = [];
  if (m.type === MatcherType.IN_SPLIT) {
    if (m.featureFlag === undefined) errors.push(`[matcher-dependency] ${field}: IN_SPLIT needs featureFlag.`);
    else errors.push(...fmeNameErrors(m.featureFlag, `${field}.featureFlag`));
  } else if (m.featureFlag !== undefined) {
    errors.push(`[matcher-dependency] ${field}: featureFlag applies only to IN_SPLIT matchers.`);
  }
  if (m.value === undefined) errors.push(`[matcher-value] ${field}: ${m.type} needs a value.`);
  return errors;
}

/** Props of `FmeFlagSetTargetingRules`. */
export interface FmeFlagSetTargetingRulesProps extends FmeFlagEnvironmentStepOptions {
  /** The rules, evaluated in order; they replace all existing rules (`[]` clears them). */
  readonly targetingRules: StepTargetingRule[];
}

/** Set Targeting Rules (`FmeFlagSetTargetingRules`): replaces the flag's if/else-if rules. */
export class FmeFlagSetTargetingRules extends FmeFlagEnvironmentStep {
  private readonly rules: StepTargetingRule[];

  constructor(scope: Construct, id: string, props: FmeFlagSetTargetingRulesProps) {
    super(scope, id, 'FmeFlagSetTargetingRules', props);
    this.rules = props.targetingRules;
    addRule(this, () => props.targetingRules.flatMap((r, i) => [
      ...(r.matchers.length === 0 ? [`[rule-matchers] targetingRules[${i}] has no matchers.`] : []),
      ...r.matchers.flatMap((m, j) => matcherErrors(m, `targetingRules[${i}].matchers[${j}]`)),
      ...percentageErrors(r.allocation.map(a => a.size), `targetingRules[${i}].allocation sizes`),
      ...r.allocation.flatMap((a, j) => treatmentErrors(a.treatment, `targetingRules[${i}].allocation[${j}].treatment`, props.flag, true)),
      ...duplicateTreatmentErrors(r.allocation.map(a => a.treatment), `targetingRules[${i}].allocation`),
    ]));
  }

  protected renderSpec(): { [key: string]: any } {
    return {
      ...this.flagAndEnvironment(),
      targetingRules: this.rules.map(r => ({
        condition: { rules: r.matchers.map(renderMatcher) },
        allocation: r.allocation.map(a => ({ treatment: a.treatment, size: a.size })),
      })),
    };
  }
}
