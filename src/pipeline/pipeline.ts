import { Construct, IConstruct } from 'constructs';
// cdktf or cdktn, whichever the app installed (docs/cdk-terrain.md). `addCustomSynthesis` is cdktf's
// hook for writing extra files during `app.synth()` (the one TerraformAsset uses).
import { addCustomSynthesis, Annotations, ISynthesisSession, TerraformResource, TerraformStack } from '../cdk-runtime';
import { hasBrand, setBrand } from './brands';
import { HarnessDuration } from './duration';
import { PipelineValidationError } from './errors';
import { HARNESS_PROVIDER_VERSION, HarnessPipelineResource } from './harness-resource';
import { NotificationRule, notificationRuleErrors, renderNotificationRule } from './notifications';
import { IDENTIFIER_PATTERN } from './patterns';
import { gitLayoutErrors, repositoryPathErrors } from './rules/git-layout';
import { identityErrors } from './rules/identity';
import { stackFlagSetErrors } from './rules/stack-flag-sets';
import { stackOwnershipErrors } from './rules/stack-ownership';
import { duplicateIdentifierErrors } from './rules/unique-identifiers';
import { variableNameErrors } from './rules/variable-names';
import { undeclaredVariableErrors } from './rules/variable-references';
import { PipelineStage } from './stage';
import { FmeFlagsetCreate, FmeFlagsetDelete } from './steps/fme-flagsets';
import { FmeFlagStep } from './steps/fme-step';
import { PipelineGitDetails, PipelineStorage } from './storage';
import { writePipelineFiles } from './synth';
import { addRule } from './validation';
import { PipelineVariable } from './variables';
import { renderYaml } from './yaml';

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
   * Inline in Harness, or remote in Git (then `gitDetails` is set, and a pipeline deployed with the
   * stack carries it as the resource's `git_details`).
   * @default PipelineStorage.inline()
   */
  readonly storage?: PipelineStorage;
  /**
   * Also write the YAML to this path, relative to the app's working directory (where `cdktf synth`
   * runs), so it can be committed, e.g. `.harness/checkout_rollout.yaml` (Harness Git Experience's
   * `.harness/` folder). With remote storage, `storage`'s `filePath` must name the same file: equal to
   * this path, or ending in `/<this path>` when the app directory is a subfolder of the repository.
   * @default - only the synth output folder
   */
  readonly repositoryPath?: string;
  /**
   * Deploy the pipeline with the stack: also synthesize a `harness_platform_pipeline` resource (Harness
   * Terraform provider `harness/harness`, pinned in `required_providers`) whose `yaml` is exactly the
   * synthesized file, with the org and project identifiers, and, for remote storage, the Git settings.
   * Configure the provider with `HARNESS_ACCOUNT_ID`, `HARNESS_PLATFORM_API_KEY` (and `HARNESS_ENDPOINT`)
   * in the environment, or with a provider block of your own.
   * @default false - the pipeline is only written as files
   */
  readonly deployWithStack?: boolean;
  /**
   * The `harness/harness` provider version written to `required_providers` when `deployWithStack` is set.
   * @default "0.45.1" - the version the resource's arguments were checked against
   */
  readonly harnessProviderVersion?: string;
  /**
   * Accept steps that change what the same stack's FME constructs manage (a `RolloutPlan`'s
   * definition, a `FeatureFlag`'s metadata, ...). They are errors by default, because the next deploy
   * undoes the pipeline's change; with `true` they are reported as synth warnings instead. A step that
   * creates a flag the stack creates is always an error.
   * @default false
   */
  readonly allowStackManagedChanges?: boolean;
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
    return hasBrand(x, 'FmePipeline');
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
  /**
   * The `harness_platform_pipeline` resource, when `deployWithStack` is set (e.g. for `dependsOn`).
   */
  public readonly harnessResource?: TerraformResource;
  private readonly props: FmePipelineProps;
  private readonly variables: PipelineVariable[];
  /** Validation runs more than once (toYaml, synth); each warning is annotated once. */
  private readonly reportedWarnings = new Set<string>();

  constructor(scope: Construct, id: string, props: FmePipelineProps) {
    super(scope, id);
    setBrand(this, 'FmePipeline');
    this.props = props;
    this.identifier = props.identifier ?? id;
    this.pipelineName = props.name;
    this.storage = props.storage ?? PipelineStorage.inline();
    this.gitDetails = this.storage.gitDetails;
    this.repositoryPath = props.repositoryPath;
    this.variables = [...(props.variables ?? [])];

    addRule(this, () => identityErrors('pipeline', this.identifier, this.pipelineName));
    addRule(this, () => this.scopeErrors());
    addRule(this, () => (this.stages.length === 0 ? ['[pipeline-empty] add at least one stage to the pipeline.'] : []));
    addRule(this, () => duplicateIdentifierErrors(this.stages.map(s => s.identifier), `pipeline "${this.identifier}"`));
    addRule(this, () => this.variableErrors());
    addRule(this, () => undeclaredVariableErrors(this.renderDocument(), this.variables.map(v => v.name),
      Object.fromEntries(this.stages.map(s => [s.identifier, s.variableNames]))));
    addRule(this, () => notificationRuleErrors(props.notificationRules ?? [], this.stages.map(s => s.identifier), IDENTIFIER_PATTERN));
    addRule(this, () => this.outputErrors());
    addRule(this, () => this.ownershipErrors());
    addRule(this, () => this.flagSetOwnershipErrors());
    addCustomSynthesis(this, { onSynthesize: (session: ISynthesisSession) => this.synthesizeFiles(session) });

    if (props.deployWithStack) {
      this.harnessResource = new HarnessPipelineResource(this, 'HarnessPipeline', {
        identifier: this.identifier,
        name: props.name,
        orgIdentifier: props.orgIdentifier,
        projectIdentifier: props.projectIdentifier,
        description: props.description,
        tags: props.tags ?? {},
        yaml: () => this.toYaml(),
        gitDetails: this.gitDetails,
        importFromGit: this.storage.importFromGit,
        providerVersion: props.harnessProviderVersion ?? HARNESS_PROVIDER_VERSION,
      });
    }
  }

  /** Declares another pipeline variable. Returns it, e.g. to use `variable.expression`. */
  public addVariable(variable: PipelineVariable): PipelineVariable {
    this.variables.push(variable);
    return variable;
  }

  /** The stages, in order. */
  public get stages(): PipelineStage[] {
    return PipelineStage._childrenOf(this);
  }

  /**
   * The pipeline as YAML, exactly as synthesis writes it (and as a `deployWithStack` resource sends it).
   * Runs every synth-time rule of the pipeline's constructs first.
   *
   * @throws PipelineValidationError listing every broken rule with its construct path.
   */
  public toYaml(): string {
    // The resource's own validations (cdktf's) are not pipeline rules; its YAML is this method's output.
    const violations = this.node.findAll().filter(c => c !== this.harnessResource)
      .flatMap(c => c.node.validate().map(m => `[${c.node.path}] ${m}`));
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
    pipeline.stages = this.stages.map(s => s._render());
    return { pipeline };
  }

  private variableErrors(): string[] {
    return variableNameErrors(this.variables.map(v => v.name), 'the pipeline variables');
  }

  private outputErrors(): string[] {
    const errors = [
      ...repositoryPathErrors(this.repositoryPath),
      ...gitLayoutErrors(this.repositoryPath, this.gitDetails, this.storage.importFromGit && this.props.deployWithStack === true),
    ];
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

  /** Rules `identifier-pattern` for the org and project, which become identifiers in Harness too. */
  private scopeErrors(): string[] {
    return ([['orgIdentifier', this.props.orgIdentifier], ['projectIdentifier', this.props.projectIdentifier]] as const)
      .filter(([, value]) => !IDENTIFIER_PATTERN.test(value))
      .map(([field, value]) => `[identifier-pattern] ${field} "${value}" must match ${IDENTIFIER_PATTERN.source}: it is a Harness identifier `
        + '(shown in Harness under the organization or project name), not its display name.');
  }

  /** Rules `stack-created-flag` and `stack-owned-change` (rules/stack-ownership.ts); the latter may be a warning. */
  private ownershipErrors(): string[] {
    const stack = findStack(this);
    if (!stack) return [];
    const changes = this.node.findAll().filter((c): c is FmeFlagStep => c instanceof FmeFlagStep).map(step => step._flagChange());
    const found = stackOwnershipErrors(stack, changes);
    if (!this.props.allowStackManagedChanges) return found;
    for (const warning of found.filter(f => f.startsWith('[stack-owned-change]'))) {
      if (!this.reportedWarnings.has(warning)) Annotations.of(this).addWarning(warning);
      this.reportedWarnings.add(warning);
    }
    return found.filter(f => !f.startsWith('[stack-owned-change]'));
  }

  /** Rule `stack-owned-flag-set` (rules/stack-flag-sets.ts): flag sets belong to the workspace, so the whole app is asked. */
  private flagSetOwnershipErrors(): string[] {
    const changes = this.node.findAll()
      .filter((c): c is FmeFlagsetCreate | FmeFlagsetDelete => c instanceof FmeFlagsetCreate || c instanceof FmeFlagsetDelete)
      .map(step => step._flagSetChange());
    return stackFlagSetErrors(this.node.root, changes);
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
      repositoryPath: this.repositoryPath,
    });
  }
}

/** The stack `scope` belongs to, or undefined for a pipeline built outside one (e.g. under a bare App). */
function findStack(scope: IConstruct): TerraformStack | undefined {
  try {
    return TerraformStack.of(scope);
  } catch {
    return undefined;
  }
}

