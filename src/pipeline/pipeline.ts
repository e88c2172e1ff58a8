import { ISynthesisSession, TerraformStack } from 'cdktf';
// cdktf's hook for writing extra files during `app.synth()` (used by TerraformAsset the same way). It is
// not re-exported from the package root; if a cdktf upgrade moves it, this import fails to compile.
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct, IConstruct } from 'constructs';
import { HarnessDuration } from './duration';
import { PipelineValidationError } from './errors';
import { NotificationRule, renderNotificationRule } from './notifications';
import { VARIABLE_NAME_PATTERN } from './patterns';
import { identityErrors } from './rules/identity';
import { duplicateIdentifierErrors } from './rules/unique-identifiers';
import { undeclaredVariableErrors } from './rules/variable-references';
import { CustomStage } from './stage';
import { PipelineGitDetails, PipelineStorage } from './storage';
import { writePipelineFiles } from './synth';
import { addRule } from './validation';
import { PipelineVariable } from './variables';
import { renderYaml } from './yaml';

const PIPELINE = Symbol.for('cdktf-harness-fme.pipeline.FmePipeline');

/** Props of `FmePipeline`. */
export interface FmePipelineProps {
  /** The pipeline's name in Harness (`^[a-zA-Z_0-9-.][-0-9a-zA-Z_\s.]{0,127}$`). */
  readonly name: string;
  /**
   * The pipeline's identifier; also the output file name (`<identifier>.yaml`).
   * @default - the construct id
   */
  readonly identifier?: string;
  /** The Harness organization identifier, e.g. `default`. */
  readonly orgIdentifier: string;
  /** The Harness project identifier (the FME project the steps act on), e.g. `Default`. */
  readonly projectIdentifier: string;
  /**
   * A description shown in Harness.
   * @default - none
   */
  readonly description?: string;
  /**
   * Harness tags (key → value; use `''` for a bare tag).
   * @default {}
   */
  readonly tags?: { [key: string]: string };
  /**
   * Pipeline variables; more can be added with `addVariable`.
   * @default - none
   */
  readonly variables?: PipelineVariable[];
  /**
   * How long a run may take before Harness fails it.
   * @default - Harness's default
   */
  readonly timeout?: HarnessDuration;
  /**
   * Notification rules (Slack, e-mail, MS Teams, PagerDuty, webhook).
   * @default - none
   */
  readonly notificationRules?: NotificationRule[];
  /**
   * Allow running selected stages only (Advanced Options → Stage Execution Settings).
   * @default - Harness's default (not set)
   */
  readonly allowStageExecutions?: boolean;
  /**
   * Keep the original inputs when re-running (Advanced Options → Re-run Settings: inputs not editable).
   * @default - Harness's default (not set)
   */
  readonly fixedInputsOnRerun?: boolean;
  /**
   * Inline in Harness, or remote in Git (then `<identifier>.git.json` is written next to the YAML and
   * `gitDetails` is set).
   * @default PipelineStorage.inline()
   */
  readonly storage?: PipelineStorage;
  /**
   * Also write the YAML to this path, relative to the app's working directory (where `cdktf synth`
   * runs), so it can be committed, e.g. `.harness/pipelines/checkout_rollout.yaml`.
   * @default - only the synth output folder
   */
  readonly repositoryPath?: string;
}

/**
 * A Harness pipeline that changes FME feature flags: typed stages and steps, validated at synth time,
 * rendered as deterministic YAML that validates against Harness's published pipeline schema.
 *
 * On `app.synth()` the YAML is written to `<outdir>/stacks/<stack>/pipelines/<identifier>.yaml`
 * (and to `repositoryPath` if set). Use `toYaml()` in snapshot tests.
 *
 * @example
 * const pipeline = new FmePipeline(stack, 'checkout_rollout', {
 *   name: 'Checkout rollout', orgIdentifier: 'default', projectIdentifier: 'Default',
 * });
 * const stage = new CustomStage(pipeline, 'ramp');
 * new FmeFlagDefaultAllocation(stage, 'set_10', { flag, environment: 'Production',
 *   allocation: [Allocation.of('on', 10), Allocation.of('off', 90)] });
 */
export class FmePipeline extends Construct {
  /** True when `x` is an `FmePipeline`. */
  public static isFmePipeline(x: any): x is FmePipeline {
    return x !== null && typeof x === 'object' && PIPELINE in (x as object);
  }

  /** The pipeline identifier (and output file name). */
  public readonly identifier: string;
  /** The pipeline name. */
  public readonly pipelineName: string;
  /** The storage (inline or remote). */
  public readonly storage: PipelineStorage;
  /** Git metadata for a remote pipeline (the `git_details` of `harness_platform_pipeline`), else undefined. */
  public readonly gitDetails?: PipelineGitDetails;
  /** Where `repositoryPath` is written, if set (relative to the working directory). */
  public readonly repositoryPath?: string;
  private readonly props: FmePipelineProps;
  private readonly variables: PipelineVariable[];

  constructor(scope: Construct, id: string, props: FmePipelineProps) {
    super(scope, id);
    Object.defineProperty(this, PIPELINE, { value: true });
    this.props = props;
    this.identifier = props.identifier ?? id;
    this.pipelineName = props.name;
    this.storage = props.storage ?? PipelineStorage.inline();
    this.gitDetails = this.storage.gitDetails;
    this.repositoryPath = props.repositoryPath;
    this.variables = [...(props.variables ?? [])];

    addRule(this, () => identityErrors('pipeline', this.identifier, this.pipelineName));
    addRule(this, () => (CustomStage._childrenOf(this).length === 0 ? ['[pipeline-empty] add at least one stage to the pipeline.'] : []));
    addRule(this, () => duplicateIdentifierErrors(CustomStage._childrenOf(this).map(s => s.identifier), `pipeline "${this.identifier}"`));
    addRule(this, () => this.variableErrors());
    addRule(this, () => undeclaredVariableErrors(this.renderDocument(), this.variables.map(v => v.name)));
    addRule(this, () => this.outputErrors());
    addCustomSynthesis(this, { onSynthesize: (session: ISynthesisSession) => this.synthesizeFiles(session) });
  }

  /** Declares another pipeline variable. Returns it, e.g. to use `variable.expression`. */
  public addVariable(variable: PipelineVariable): PipelineVariable {
    this.variables.push(variable);
    return variable;
  }

  /** The stages, in order. */
  public get stages(): CustomStage[] {
    return CustomStage._childrenOf(this);
  }

  /**
   * The pipeline as YAML, exactly as synthesis writes it. Runs every synth-time rule of the pipeline's
   * constructs first.
   *
   * @throws PipelineValidationError listing every broken rule with its construct path.
   */
  public toYaml(): string {
    const violations = this.node.findAll().flatMap(c => c.node.validate().map(m => `[${c.node.path}] ${m}`));
    if (violations.length > 0) {
      throw new PipelineValidationError(`Pipeline "${this.identifier}" breaks ${violations.length} rule(s):`, violations);
    }
    return renderYaml(this.renderDocument());
  }

  private renderDocument(): { [key: string]: any } {
    const p = this.props;
    const pipeline: { [key: string]: any } = {
      name: p.name,
      identifier: this.identifier,
      projectIdentifier: p.projectIdentifier,
      orgIdentifier: p.orgIdentifier,
    };
    if (p.description !== undefined) pipeline.description = p.description;
    pipeline.tags = { ...(p.tags ?? {}) };
    if (p.allowStageExecutions !== undefined) pipeline.allowStageExecutions = p.allowStageExecutions;
    if (p.fixedInputsOnRerun !== undefined) pipeline.fixedInputsOnRerun = p.fixedInputsOnRerun;
    if (p.timeout !== undefined) pipeline.timeout = p.timeout.toString();
    if (this.variables.length > 0) pipeline.variables = this.variables.map(v => v._render());
    if (p.notificationRules !== undefined) pipeline.notificationRules = p.notificationRules.map(renderNotificationRule);
    pipeline.stages = CustomStage._childrenOf(this).map(s => s._render());
    return { pipeline };
  }

  private variableErrors(): string[] {
    const errors = this.variables.filter(v => !VARIABLE_NAME_PATTERN.test(v.name))
      .map(v => `[variable-name] variable name "${v.name}" must match ${VARIABLE_NAME_PATTERN.source}.`);
    errors.push(...duplicateIdentifierErrors(this.variables.map(v => v.name), 'the pipeline variables')
      .map(e => e.replace('[identifier-unique]', '[variable-unique]')));
    return errors;
  }

  private outputErrors(): string[] {
    const errors: string[] = [];
    const rp = this.repositoryPath;
    if (rp !== undefined && (rp.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(rp) || !/\.ya?ml$/.test(rp) || rp.split(/[\\/]/).includes('..'))) {
      errors.push(`[repository-path] repositoryPath "${rp}" must be a relative path inside the app's directory ending in .yaml or .yml.`);
    }
    // Two pipelines with one identifier in one stack would overwrite each other's file.
    const stack = findStack(this);
    if (stack) {
      const clash = stack.node.findAll().filter(c => FmePipeline.isFmePipeline(c) && c !== this && c.identifier === this.identifier);
      if (clash.length > 0) {
        errors.push(`[identifier-unique] pipeline identifier "${this.identifier}" is also used by ${clash.map(c => c.node.path).join(', ')} in the same stack.`);
      }
    }
    return errors;
  }

  private synthesizeFiles(session: ISynthesisSession): void {
    const stack = findStack(this);
    if (!stack) return;
    const stackDir = session.manifest.forStack(stack).workingDirectory;
    writePipelineFiles({
      outdir: session.outdir,
      stackDir,
      identifier: this.identifier,
      yaml: this.toYaml(),
      gitDetails: this.gitDetails,
      repositoryPath: this.repositoryPath,
    });
  }
}

function findStack(scope: IConstruct): TerraformStack | undefined {
  try {
    return TerraformStack.of(scope);
  } catch {
    return undefined;
  }
}

