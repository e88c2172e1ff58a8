/**
 * The example pipeline of Harness's "Using FME with Harness Pipelines" page, rebuilt with the typed
 * constructs: flag create → set targets → wait → 50/50 → update status → approval → 100%.
 *
 * Differences from the docs' YAML (which itself does not validate as printed):
 * - `<PIPELINE_NAME>` / `<PIPELINE_ID>` / `<ORG_ID>` placeholders fail the name/identifier patterns;
 *   real values are used here.
 * - `addDefaultRolloutPlans: true` (on Flag Create and Flag Update) is in no Harness schema; it is not
 *   emitted. Flag Create always creates default rollout plans in every environment.
 * - The `50-50 Rollout` name with identifier `_rollout` is valid (a name may start with a digit, an
 *   identifier with `_`) and is kept.
 * - A Custom stage that changes FME gets `failureStrategies: AllErrors → MarkAsFailure` (the docs'
 *   stage has none); `tags: {}` and variable `required`/`description` are emitted as in the docs.
 */
import { Construct } from 'constructs';
import { Allocation } from '../../src/model';
import {
  CustomStage, FmeFlagCreate, FmeFlagDefaultAllocation, FmeFlagSetIndividualTargets, FmeFlagUpdate, FmePipeline,
  HarnessApprovalStep, HarnessDuration, PipelineVariable, WaitStep,
} from '../../src/pipeline';

/** Options of `buildDocsExamplePipeline`. */
export interface DocsExampleOptions {
  /** Pipeline identifier. Default `fme_demo`. */
  readonly identifier?: string;
  /** Also write the YAML to this path (relative to the working directory). */
  readonly repositoryPath?: string;
}

/** Builds the docs' example pipeline under `scope`. */
export function buildDocsExamplePipeline(scope: Construct, options: DocsExampleOptions = {}): FmePipeline {
  const flagName = PipelineVariable.string('flagName', {
    description: 'The feature flag name for this feature rollout.',
    required: true,
    runtimeInput: true,
  });
  const pipeline = new FmePipeline(scope, 'DocsExample', {
    name: 'FME demo',
    identifier: options.identifier ?? 'fme_demo',
    projectIdentifier: 'Default',
    orgIdentifier: 'default',
    variables: [flagName],
    repositoryPath: options.repositoryPath,
  });

  const stage = new CustomStage(pipeline, 'demo_stage', {
    description: 'Custom stage with FME steps for this feature rollout.',
    tags: {},
  });
  new FmeFlagCreate(stage, 'initial_setup', {
    name: 'initial setup',
    flagName: flagName.expression,
    trafficType: 'user',
    flagDescription: 'live demo flag',
  });
  new FmeFlagSetIndividualTargets(stage, 'add_testers_to_on', {
    name: 'add testers to on',
    flagName: flagName.expression,
    environment: 'Prod-Default',
    treatments: [{ treatment: 'on', keys: ['user1', 'user2'], segments: [] }],
  });
  new WaitStep(stage, 'Wait_1', { duration: HarnessDuration.seconds(10) });
  new FmeFlagDefaultAllocation(stage, '_rollout', {
    name: '50-50 Rollout',
    flagName: flagName.expression,
    environment: 'Prod-Default',
    allocation: [Allocation.of('on', 50), Allocation.of('off', 50)],
  });
  new FmeFlagUpdate(stage, 'FmeFlagUpdate_1', {
    name: 'Change status to ramping',
    flagName: flagName.expression,
    tags: ['demo'],
    rolloutStatus: 'Ramping',
  });
  new HarnessApprovalStep(stage, 'Harness_Manual_Approval', {
    name: 'Harness Manual Approval',
    message: 'Please review the change and approve.',
    includePipelineExecutionHistory: true,
    autoRejectPreviousApprovals: false,
    userGroups: ['account._fme_admins'],
    minimumCount: 1,
    disallowPipelineExecutor: false,
    timeout: HarnessDuration.days(1),
  });
  new FmeFlagDefaultAllocation(stage, 'FmeFlagDefaultAllocation_2', {
    name: 'Rollout out to everyone',
    flagName: flagName.expression,
    environment: 'Prod-Default',
    allocation: [Allocation.of('on', 100), Allocation.of('off', 0)],
  });
  return pipeline;
}
