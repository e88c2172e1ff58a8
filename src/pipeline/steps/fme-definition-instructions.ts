import { Construct } from 'constructs';
import { Allocation } from '../../model/allocation';
import { IFlagRef } from '../../model/flag-ref';
import { TargetingRule } from '../../model/targeting-rule';
import { isExpression } from '../patterns';
import { percentageErrors, percentageRangeErrors } from '../rules/percentages';
import { FlagAspect } from '../rules/stack-ownership';
import { duplicateTreatmentErrors, treatmentErrors, treatmentListErrors } from '../rules/treatments';
import { addRule } from '../validation';
import { TreatmentDescription } from './fme-flag-lifecycle';
import { FmeFlagEnvironmentStep, FmeFlagEnvironmentStepOptions } from './fme-step';
import { renderTargetingRules, targetingRuleErrors } from './fme-targeting';
import { configurationErrors, TreatmentConfiguration } from './fme-treatments';

/**
 * Individual-target changes of one treatment in an `UpdateIndividualTargets` instruction. Each list,
 * when given, holds at least one entry; `setKeys` replaces the keys and cannot be combined with
 * `addKeys`/`removeKeys` (likewise for segments).
 */
export interface IndividualTargetUpdate {
  /** The treatment (a literal name: this instruction takes no expression here). */
  readonly treatment: string;
  /**
   * Keys that become the treatment's only keys (`SetKeys`).
   * @default - keys not replaced
   */
  readonly setKeys?: string[];
  /**
   * Keys to add (`AddKeys`).
   * @default - none
   */
  readonly addKeys?: string[];
  /**
   * Keys to remove (`RemoveKeys`).
   * @default - none
   */
  readonly removeKeys?: string[];
  /**
   * Segments that become the treatment's only segments (`SetSegments`).
   * @default - segments not replaced
   */
  readonly setSegments?: string[];
  /**
   * Segments to add (`AddSegments`).
   * @default - none
   */
  readonly addSegments?: string[];
  /**
   * Segments to remove (`RemoveSegments`; also from large and rule-based segments).
   * @default - none
   */
  readonly removeSegments?: string[];
}

/** The actions of an `IndividualTargetUpdate`, in the order they are written. */
const TARGET_ACTIONS: [keyof IndividualTargetUpdate, string][] = [
  ['setKeys', 'SetKeys'], ['addKeys', 'AddKeys'], ['removeKeys', 'RemoveKeys'],
  ['setSegments', 'SetSegments'], ['addSegments', 'AddSegments'], ['removeSegments', 'RemoveSegments'],
];

/** How an instruction is checked: its field path, the flag (or the treatments the step itself sets). */
type Check = (field: string, flag?: IFlagRef) => string[];

/**
 * One instruction of Flag Definition Instructions (`instructions[]`: `{type, value}`). Each type may
 * appear once per step. Treatment names follow the same rules as in the other steps; where the schema
 * takes an expression, so does the instruction.
 *
 * @example DefinitionInstruction.defaultAllocations([Allocation.of('on', 10), Allocation.of('off', 90)])
 */
export class DefinitionInstruction {
  /** `SetDefaultTreatment`: the treatment served when the flag is killed or nobody matches. */
  public static defaultTreatment(treatment: string): DefinitionInstruction {
    return new DefinitionInstruction('SetDefaultTreatment', treatment, ['treatments'],
      (field, flag) => treatmentErrors(treatment, field, flag));
  }

  /** `SetBaselineTreatment`: the treatment metrics compare against. */
  public static baselineTreatment(treatment: string): DefinitionInstruction {
    return new DefinitionInstruction('SetBaselineTreatment', treatment, ['treatments'],
      (field, flag) => treatmentErrors(treatment, field, flag));
  }

  /** `SetTrackImpression`: record impressions (true) or not. */
  public static trackImpressions(enabled: boolean): DefinitionInstruction {
    return new DefinitionInstruction('SetTrackImpression', enabled, ['impressions'], () => []);
  }

  /** `SetLimitExposure`: the percentage of traffic the flag evaluates for (0..100). */
  public static limitExposure(percent: number): DefinitionInstruction {
    return new DefinitionInstruction('SetLimitExposure', percent, ['traffic-allocation'], field => percentageRangeErrors(percent, field));
  }

  /** `UpdateIndividualTargets`: add, remove or replace keys and segments per treatment. */
  public static updateIndividualTargets(updates: IndividualTargetUpdate[]): DefinitionInstruction {
    const value = updates.map(u => ({
      treatment: u.treatment,
      actions: TARGET_ACTIONS.filter(([prop]) => u[prop] !== undefined).map(([prop, action]) => ({ action, value: [...(u[prop] as string[])] })),
    }));
    return new DefinitionInstruction('UpdateIndividualTargets', value, ['targets'], (field, flag) => [
      ...(updates.length === 0 ? [`[instruction-value] ${field} lists no treatment.`] : []),
      ...updates.flatMap((u, i) => [
        ...literalTreatmentErrors(u.treatment, `${field}[${i}].treatment`, flag),
        ...(value[i].actions.length === 0 ? [`[instruction-value] ${field}[${i}] changes nothing; give keys or segments.`] : []),
        ...TARGET_ACTIONS.filter(([prop]) => u[prop] !== undefined && (u[prop] as string[]).length === 0)
          .map(([prop]) => `[instruction-value] ${field}[${i}].${prop} is empty; leave it unset instead.`),
        ...(u.setKeys && (u.addKeys || u.removeKeys) ? [`[instruction-value] ${field}[${i}]: setKeys cannot be combined with addKeys/removeKeys.`] : []),
        ...(u.setSegments && (u.addSegments || u.removeSegments)
          ? [`[instruction-value] ${field}[${i}]: setSegments cannot be combined with addSegments/removeSegments.`] : []),
      ]),
      ...duplicateTreatmentErrors(updates.map(u => u.treatment), field),
    ]);
  }

  /** `UpdateDynamicConfiguration`: the JSON configuration of treatments (objects, at most 1 KB each). */
  public static updateDynamicConfigurations(configurations: TreatmentConfiguration[]): DefinitionInstruction {
    const value = configurations.map(c => ({ treatment: c.treatment, configuration: c.configuration }));
    return new DefinitionInstruction('UpdateDynamicConfiguration', value, ['configurations'], (field, flag) => [
      ...(configurations.length === 0 ? [`[instruction-value] ${field} lists no treatment.`] : []),
      ...configurations.flatMap((c, i) => [
        ...literalTreatmentErrors(c.treatment, `${field}[${i}].treatment`, flag),
        ...configurationErrors(c.configuration, `${field}[${i}].configuration`),
      ]),
      ...duplicateTreatmentErrors(configurations.map(c => c.treatment), field),
    ]);
  }

  /** `SetTargetingRules`: replaces the rules (an empty list clears them). */
  public static targetingRules(rules: TargetingRule[]): DefinitionInstruction {
    return new DefinitionInstruction('SetTargetingRules', renderTargetingRules(rules), ['rules'], (field, flag) => targetingRuleErrors(rules, field, flag));
  }

  /** `SetDefaultAllocations`: the default rule (whole percentages summing to 100; only the listed treatments). */
  public static defaultAllocations(allocation: Allocation[]): DefinitionInstruction {
    const value = allocation.map(a => ({ treatment: a.treatment, amount: a.percent }));
    return new DefinitionInstruction('SetDefaultAllocations', value, ['default-rule'], (field, flag) => [
      ...percentageErrors(allocation.map(a => a.percent), `${field} amounts`),
      ...allocation.flatMap((a, i) => treatmentErrors(a.treatment, `${field}[${i}].treatment`, flag)),
      ...duplicateTreatmentErrors(allocation.map(a => a.treatment), field),
    ]);
  }

  /** `SetTreatments`: replaces the treatment list (at least 2); runs before the other instructions. */
  public static treatments(treatments: TreatmentDescription[]): DefinitionInstruction {
    const value = treatments.map(t => ({ treatment: t.treatment, description: t.description }));
    return new DefinitionInstruction('SetTreatments', value, ['treatments'], field => [
      ...(treatments.length < 2 ? [`[set-treatments-count] ${field} needs at least 2 treatments (got ${treatments.length}).`] : []),
      // New names are the point of this instruction: checked for form, not against the flag.
      ...treatments.flatMap((t, i) => treatmentErrors(t.treatment, `${field}[${i}].treatment`)),
      ...duplicateTreatmentErrors(treatments.map(t => t.treatment), field),
    ]);
  }

  /** `SetRolloutStatus`: the flag's rollout status, by name (e.g. `Ramping`); a flag-level change. */
  public static rolloutStatus(status: string): DefinitionInstruction {
    return new DefinitionInstruction('SetRolloutStatus', status, ['metadata'],
      field => (status.trim() === '' ? [`[instruction-value] ${field} must name a rollout status.`] : []));
  }

  /** `SetFlagKilled`: kill (true) or restore (false) the flag in the environment. */
  public static flagKilled(killed: boolean): DefinitionInstruction {
    return new DefinitionInstruction('SetFlagKilled', killed, ['killed'], () => []);
  }

  /** The instruction's `type`, e.g. `SetDefaultAllocations`. */
  public readonly instructionType: string;

  private readonly value: unknown;
  private readonly aspects: FlagAspect[];
  private readonly check: Check;

  private constructor(instructionType: string, value: unknown, aspects: FlagAspect[], check: Check) {
    this.instructionType = instructionType;
    this.value = value;
    this.aspects = aspects;
    this.check = check;
  }

  /** @internal */
  public _render(): { [key: string]: any } {
    return { type: this.instructionType, value: this.value };
  }

  /** @internal */
  public _errors(field: string, flag?: IFlagRef): string[] {
    return this.check(field, flag);
  }

  /** @internal */
  public _aspects(): FlagAspect[] {
    return [...this.aspects];
  }
}

/** The definition created when the environment has none (`defaultDefinition`). */
export interface DefaultDefinition {
  /** The treatments (at least 2). */
  readonly treatments: TreatmentDescription[];
  /** The default treatment; one of `treatments`. */
  readonly defaultTreatment: string;
  /** The baseline treatment; one of `treatments`. */
  readonly baselineTreatment: string;
}

/** Props of `FmeFlagDefinitionInstructions`. */
export interface FmeFlagDefinitionInstructionsProps extends FmeFlagEnvironmentStepOptions {
  /** The changes, each type at most once; Harness applies treatments first, then one patch, then rules, status and kill. */
  readonly instructions: DefinitionInstruction[];
  /**
   * Create the definition with these values when the environment has none yet (ignored otherwise).
   * @default - the step fails when the environment has no definition
   */
  readonly defaultDefinition?: DefaultDefinition;
}

/**
 * Flag Definition Instructions (`FmeFlagDefinitionInstructions`): several changes to one definition in
 * one step, optionally creating the definition first. Harness runs the step only where its feature flag
 * `FME_FLAG_DEFINITION_INSTRUCTIONS` is on; the changes are not atomic across the patch, the rules and
 * the kill call (docs/harness-pipelines.md, the step types).
 */
export class FmeFlagDefinitionInstructions extends FmeFlagEnvironmentStep {
  private readonly props: FmeFlagDefinitionInstructionsProps;

  constructor(scope: Construct, id: string, props: FmeFlagDefinitionInstructionsProps) {
    super(scope, id, 'FmeFlagDefinitionInstructions', props);
    this.props = props;
    addRule(this, () => this.check());
  }

  /** @internal */
  public _flagAspects(): FlagAspect[] {
    return [...new Set(this.props.instructions.flatMap(i => i._aspects()))];
  }

  protected renderSpec(): { [key: string]: any } {
    const p = this.props;
    const spec: { [key: string]: any } = { ...this.flagAndEnvironment() };
    if (p.defaultDefinition !== undefined) {
      spec.defaultDefinition = {
        treatments: p.defaultDefinition.treatments.map(t => ({ treatment: t.treatment, description: t.description })),
        defaultTreatment: p.defaultDefinition.defaultTreatment,
        baselineTreatment: p.defaultDefinition.baselineTreatment,
      };
    }
    spec.instructions = p.instructions.map(i => i._render());
    return spec;
  }

  private check(): string[] {
    const p = this.props;
    const errors: string[] = [];
    if (p.instructions.length === 0) errors.push('[instructions-empty] give at least one instruction.');
    const types = p.instructions.map(i => i.instructionType);
    errors.push(...[...new Set(types.filter((t, i) => types.indexOf(t) !== i))]
      .map(t => `[instruction-unique] ${t} appears more than once; Harness accepts each instruction type once per step.`));
    // Treatments the step sets itself are the ones the other instructions may name.
    const setTreatments = p.instructions.find(i => i.instructionType === 'SetTreatments');
    const declared = setTreatments
      ? withTreatments(this.flag, (setTreatments._render().value as { treatment: string }[]).map(t => t.treatment)) : this.flag;
    p.instructions.forEach((instruction, i) => errors.push(...instruction._errors(`instructions[${i}] (${instruction.instructionType})`, declared)));
    const d = p.defaultDefinition;
    if (d) {
      errors.push(...treatmentListErrors(
        { treatments: d.treatments.map(t => t.treatment), defaultTreatment: d.defaultTreatment, baselineTreatment: d.baselineTreatment },
        { count: 'default-definition', member: 'default-definition' }, this.flag, 'defaultDefinition.'));
    }
    return errors;
  }
}

/** The flag as seen by instructions that follow a `SetTreatments`. */
function withTreatments(flag: IFlagRef | undefined, treatmentNames: string[]): IFlagRef | undefined {
  return flag ? { flagName: flag.flagName, trafficType: flag.trafficType, treatmentNames } : undefined;
}

/** Where the schema takes only a literal treatment name (no expression). */
function literalTreatmentErrors(treatment: string, field: string, flag?: IFlagRef): string[] {
  if (isExpression(treatment)) return [`[treatment-literal] ${field} "${treatment}": Harness takes only a literal treatment name here.`];
  return treatmentErrors(treatment, field, flag);
}
