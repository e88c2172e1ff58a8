import { Construct } from 'constructs';
import { TreatmentDescription } from './fme-flag-lifecycle';
import { FmeFlagEnvironmentStep, FmeFlagEnvironmentStepOptions } from './fme-step';
import { FlagAspect } from '../rules/stack-ownership';
import { duplicateTreatmentErrors, treatmentErrors, treatmentListErrors } from '../rules/treatments';
import { variableNameErrors } from '../rules/variable-names';
import { addRule } from '../validation';
import { PipelineVariable } from '../variables';

/** Props of `FmeFlagSetTreatments`. */
export interface FmeFlagSetTreatmentsProps extends FmeFlagEnvironmentStepOptions {
  /** The complete treatment list (at least 2); unlisted treatments are dropped. */
  readonly treatments: TreatmentDescription[];
  /** The default treatment; one of `treatments`. */
  readonly defaultTreatment: string;
  /** The baseline treatment; one of `treatments`. */
  readonly baselineTreatment: string;
}

/**
 * Set Treatments (`FmeFlagSetTreatments`): replaces the flag's treatments in one environment. FME fails
 * the step if a dropped treatment still receives traffic.
 */
export class FmeFlagSetTreatments extends FmeFlagEnvironmentStep {
  private readonly props: FmeFlagSetTreatmentsProps;

  constructor(scope: Construct, id: string, props: FmeFlagSetTreatmentsProps) {
    super(scope, id, 'FmeFlagSetTreatments', props);
    this.props = props;
    addRule(this, () => treatmentListErrors(
      { treatments: props.treatments.map(t => t.treatment), defaultTreatment: props.defaultTreatment, baselineTreatment: props.baselineTreatment },
      { count: 'set-treatments-count', member: 'set-treatments-member' }, props.flag));
  }

  /** @internal */
  public _flagAspects(): FlagAspect[] {
    return ['treatments'];
  }

  protected renderSpec(): { [key: string]: any } {
    const p = this.props;
    return {
      ...this.flagAndEnvironment(),
      defaultTreatment: p.defaultTreatment,
      baselineTreatment: p.baselineTreatment,
      treatments: p.treatments.map(t => ({ treatment: t.treatment, description: t.description })),
    };
  }
}

/** A treatment's dynamic configuration. */
export interface TreatmentConfiguration {
  /** The treatment (must already exist on the flag). */
  readonly treatment: string;
  /** The configuration: a JSON object, given as a string (e.g. `JSON.stringify({ color: 'blue' })`), at most 1 KB. */
  readonly configuration: string;
}

/** Props of `FmeFlagSetDynamicConfigurations`. */
export interface FmeFlagSetDynamicConfigurationsProps extends FmeFlagEnvironmentStepOptions {
  /** Configurations per treatment. */
  readonly treatments: TreatmentConfiguration[];
  /**
   * Step input variables (`inputVariables`: String, Number or Secret variables), asked for or fixed per run.
   * @default - none
   */
  readonly inputVariables?: PipelineVariable[];
}

/** Set Dynamic Configurations (`FmeFlagSetDynamicConfigurations`): sets treatments' JSON configurations. */
export class FmeFlagSetDynamicConfigurations extends FmeFlagEnvironmentStep {
  private readonly treatments: TreatmentConfiguration[];
  private readonly inputVariables?: PipelineVariable[];

  constructor(scope: Construct, id: string, props: FmeFlagSetDynamicConfigurationsProps) {
    super(scope, id, 'FmeFlagSetDynamicConfigurations', props);
    this.treatments = props.treatments;
    this.inputVariables = props.inputVariables;
    addRule(this, () => inputVariableErrors(props.inputVariables));
    addRule(this, () => [
      ...(props.treatments.length === 0 ? ['[configurations-empty] treatments must list at least one treatment.'] : []),
      ...props.treatments.flatMap((t, i) => treatmentErrors(t.treatment, `treatments[${i}].treatment`, props.flag)),
      ...duplicateTreatmentErrors(props.treatments.map(t => t.treatment), 'treatments'),
      ...props.treatments.flatMap((t, i) => configurationErrors(t.configuration, `treatments[${i}].configuration`)),
    ]);
  }

  /** @internal */
  public _flagAspects(): FlagAspect[] {
    return ['configurations'];
  }

  protected renderSpec(): { [key: string]: any } {
    return {
      ...this.flagAndEnvironment(),
      treatments: this.treatments.map(t => ({ treatment: t.treatment, configuration: t.configuration })),
      ...renderInputVariables(this.inputVariables),
    };
  }
}

/** Rule `configuration-json`: a JSON object of at most 1 KB (FME's limit; Harness rejects non-objects). @internal */
export function configurationErrors(configuration: string, field: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(configuration);
  } catch {
    return [`[configuration-json] ${field} is not valid JSON.`];
  }
  const errors: string[] = [];
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    errors.push(`[configuration-json] ${field} must be a JSON object.`);
  }
  const bytes = Buffer.byteLength(configuration, 'utf8');
  if (bytes > 1024) errors.push(`[configuration-json] ${field} is ${bytes} bytes; FME allows at most 1 KB.`);
  return errors;
}

/** Props of `FmeFlagSetImpressionTracking`. */
export interface FmeFlagSetImpressionTrackingProps extends FmeFlagEnvironmentStepOptions {
  /** Track impressions (true) or not. */
  readonly enabled: boolean;
}

/** Set Impression Tracking (`FmeFlagSetImpressionTracking`). */
export class FmeFlagSetImpressionTracking extends FmeFlagEnvironmentStep {
  private readonly enabled: boolean;

  constructor(scope: Construct, id: string, props: FmeFlagSetImpressionTrackingProps) {
    super(scope, id, 'FmeFlagSetImpressionTracking', props);
    this.enabled = props.enabled;
  }

  /** @internal */
  public _flagAspects(): FlagAspect[] {
    return ['impressions'];
  }

  protected renderSpec(): { [key: string]: any } {
    return { ...this.flagAndEnvironment(), enabled: this.enabled };
  }
}

/** One JSON Patch operation on a flag definition. */
export interface DefinitionPatchOperation {
  /** `add`, `replace`, `remove`, ... */
  readonly op: string;
  /** The JSON pointer, e.g. `/trafficAllocation`. */
  readonly path: string;
  /**
   * The value, as JSON text (e.g. `'50'`, `'"on"'`, `'[{"treatment":"on","size":100}]'`).
   * @default - none (for `remove`)
   */
  readonly valueJson?: string;
}

/** Props of `FmeFlagPatchDefinition`. */
export interface FmeFlagPatchDefinitionProps extends FmeFlagEnvironmentStepOptions {
  /** The operations, applied in order. */
  readonly operations: DefinitionPatchOperation[];
  /**
   * Step input variables (`inputVariables`: String, Number or Secret variables), asked for or fixed per run.
   * @default - none
   */
  readonly inputVariables?: PipelineVariable[];
}

/**
 * Patch Definition (`FmeFlagPatchDefinition`): applies a JSON Patch to the definition. Harness wants the
 * operations as one JSON **string**, so they are serialized with `JSON.stringify`.
 */
export class FmeFlagPatchDefinition extends FmeFlagEnvironmentStep {
  private readonly operations: DefinitionPatchOperation[];
  private readonly inputVariables?: PipelineVariable[];

  constructor(scope: Construct, id: string, props: FmeFlagPatchDefinitionProps) {
    super(scope, id, 'FmeFlagPatchDefinition', props);
    this.operations = props.operations;
    this.inputVariables = props.inputVariables;
    addRule(this, () => inputVariableErrors(props.inputVariables));
    addRule(this, () => [
      ...(props.operations.length === 0 ? ['[patch-empty] give at least one operation.'] : []),
      ...props.operations.flatMap((o, i) => {
        if (o.valueJson === undefined) return [];
        try {
          JSON.parse(o.valueJson);
          return [];
        } catch {
          return [`[patch-json] operations[${i}].valueJson is not valid JSON.`];
        }
      }),
    ]);
  }

  protected renderSpec(): { [key: string]: any } {
    const ops = this.operations.map(o => {
      const op: { [key: string]: any } = { op: o.op, path: o.path };
      if (o.valueJson !== undefined) op.value = safeParse(o.valueJson);
      return op;
    });
    return { ...this.flagAndEnvironment(), operations: JSON.stringify(ops), ...renderInputVariables(this.inputVariables) };
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `inputVariables` of a step, when given. */
function renderInputVariables(variables: PipelineVariable[] | undefined): { [key: string]: any } {
  return variables === undefined ? {} : { inputVariables: variables.map(v => v._render()) };
}

/** Rules `variable-name` and `variable-unique` for a step's input variables. */
function inputVariableErrors(variables: PipelineVariable[] | undefined): string[] {
  return variableNameErrors((variables ?? []).map(v => v.name), 'the input variables');
}
