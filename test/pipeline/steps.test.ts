import { Construct } from 'constructs';
import { expectSchemaValid, loadHarnessSchema } from './harness-schema';
import { newStack } from './support/helpers';
import { TestFlag } from './support/test-flag';
import { Allocation, Matcher, TargetingRule } from '../../src/model';
import {
  CustomStage, DefinitionInstruction, ExecutionStatus, FailureAction, FailureType, FmeFlagAddRemoveFlagsets, FmeFlagDefinitionInstructions,
  FmeFlagAddRemoveIndividualTargets, FmeFlagArchive,
  FmeFlagCreate, FmeFlagDefaultAllocation, FmeFlagDelete, FmeFlagKill, FmeFlagLimitExposure, FmeFlagPatchDefinition,
  FmeFlagReallocateTraffic, FmeFlagRestore, FmeFlagsetCreate, FmeFlagsetDelete, FmeFlagSetDynamicConfigurations,
  FmeFlagSetImpressionTracking, FmeFlagSetIndividualTargets, FmeFlagSetTargetingRules, FmeFlagSetTreatments, FmeFlagUpdate,
  FmeMetricCheck, FmePipeline, FmeSegmentAddRemoveTargets, FmeSegmentCreate, FmeSegmentDelete, FmeSegmentSetTargetingRules,
  FmeSegmentUpdate, HarnessApprovalStep, HarnessDuration, LoopingStrategy, ParallelSteps,
  PipelineVariable, SegmentType, ShellScriptStep, StepGroup, WaitStep, NotificationChannel, PipelineEventType, LoopFailureBehavior,
} from '../../src/pipeline';

type StepFactory = (stage: CustomStage, flag: TestFlag) => Construct;

const ENV = 'Production';

/** One entry per step type: the step built with its fields set. */
const STEP_CASES: Record<string, StepFactory> = {
  FmeFlagCreate: (s, flag) => new FmeFlagCreate(s, 'create', {
    flag,
    flagDescription: 'Checkout redesign',
    owners: ['User:abc123', 'Group:release'],
    tags: ['checkout', 'team:web'],
    treatments: [{ treatment: 'on', description: 'new checkout' }, { treatment: 'off', description: 'old checkout' }],
    defaultTreatment: 'off',
    baselineTreatment: 'off',
  }),
  FmeFlagUpdate: (s, flag) => new FmeFlagUpdate(s, 'update', { flag, rolloutStatus: 'Ramping', tags: ['checkout'], owners: ['User:abc123'], flagDescription: 'ramping' }),
  FmeFlagDelete: (s, flag) => new FmeFlagDelete(s, 'delete', { flag, deleteAllDefinitions: true }),
  FmeFlagArchive: (s, flag) => new FmeFlagArchive(s, 'archive', { flag }),
  FmeFlagKill: (s, flag) => new FmeFlagKill(s, 'kill', { flag, environment: ENV }),
  FmeFlagRestore: (s, flag) => new FmeFlagRestore(s, 'restore', { flag, environment: ENV }),
  FmeFlagDefaultAllocation: (s, flag) => new FmeFlagDefaultAllocation(s, 'allocate', {
    flag, environment: ENV, allocation: [Allocation.of('on', 25), Allocation.of('off', 75)],
  }),
  FmeFlagLimitExposure: (s, flag) => new FmeFlagLimitExposure(s, 'limit', { flag, environment: ENV, limit: 40 }),
  FmeFlagReallocateTraffic: (s, flag) => new FmeFlagReallocateTraffic(s, 'reallocate', { flag, environment: ENV }),
  FmeFlagSetIndividualTargets: (s, flag) => new FmeFlagSetIndividualTargets(s, 'set_targets', {
    flag, environment: ENV, treatments: [{ treatment: 'on', keys: ['qa_1', 'qa_2'], segments: ['beta_testers'] }, { treatment: 'off' }],
  }),
  FmeFlagAddRemoveIndividualTargets: (s, flag) => new FmeFlagAddRemoveIndividualTargets(s, 'add_remove', {
    flag, environment: ENV, treatments: [{ treatment: 'on', addKeys: ['beta_user1'], removeSegments: ['old_beta'] }],
  }),
  FmeFlagSetTargetingRules: (s, flag) => new FmeFlagSetTargetingRules(s, 'rules', {
    flag,
    environment: ENV,
    targetingRules: [
      TargetingRule.distribute([Allocation.of('on', 100), Allocation.of('off', 0)], [
        Matcher.stringInList('country', ['NL', 'DE']),
        Matcher.numberBetween('age', 18, 65).negated(),
      ]),
      TargetingRule.distribute([Allocation.of('on', 50), Allocation.of('off', 50)], [Matcher.dependsOnFlagNamed('new_payments', ['on'])]),
      TargetingRule.serve('on', [Matcher.booleanEquals('employee', true)]),
    ],
  }),
  FmeFlagSetTreatments: (s, flag) => new FmeFlagSetTreatments(s, 'treatments', {
    flag,
    environment: ENV,
    defaultTreatment: 'off',
    baselineTreatment: 'off',
    treatments: [{ treatment: 'on', description: 'new' }, { treatment: 'off', description: 'old' }],
  }),
  FmeFlagSetDynamicConfigurations: (s, flag) => new FmeFlagSetDynamicConfigurations(s, 'configs', {
    flag,
    environment: ENV,
    treatments: [{ treatment: 'on', configuration: JSON.stringify({ color: 'blue', size: 3 }) }],
    inputVariables: [PipelineVariable.string('color', { defaultValue: 'blue' }), PipelineVariable.number('size', { value: 3 })],
  }),
  FmeFlagSetImpressionTracking: (s, flag) => new FmeFlagSetImpressionTracking(s, 'impressions', { flag, environment: ENV, enabled: false }),
  FmeFlagPatchDefinition: (s, flag) => new FmeFlagPatchDefinition(s, 'patch', {
    flag,
    environment: ENV,
    operations: [{ op: 'replace', path: '/trafficAllocation', valueJson: '50' }],
    inputVariables: [PipelineVariable.secret('token', { secretRef: 'account.patchToken' })],
    policySets: ['account.fme_change_policy'],
  }),
  FmeFlagDefinitionInstructions: (s, flag) => new FmeFlagDefinitionInstructions(s, 'instructions', {
    flag,
    environment: ENV,
    defaultDefinition: {
      treatments: [{ treatment: 'on', description: 'new' }, { treatment: 'off', description: 'old' }],
      defaultTreatment: 'off',
      baselineTreatment: 'off',
    },
    instructions: [
      DefinitionInstruction.treatments([{ treatment: 'on', description: 'new' }, { treatment: 'off', description: 'old' }]),
      DefinitionInstruction.defaultTreatment('off'),
      DefinitionInstruction.baselineTreatment('off'),
      DefinitionInstruction.trackImpressions(true),
      DefinitionInstruction.limitExposure(80),
      DefinitionInstruction.updateIndividualTargets([
        { treatment: 'on', addKeys: ['qa_1'], removeKeys: ['qa_2'], setSegments: ['beta_testers'] },
        { treatment: 'off', setKeys: ['bot_1'], removeSegments: ['old_beta'] },
      ]),
      DefinitionInstruction.updateDynamicConfigurations([{ treatment: 'on', configuration: JSON.stringify({ color: 'blue' }) }]),
      DefinitionInstruction.targetingRules([TargetingRule.serve('on', [Matcher.inSegment('beta_testers')])]),
      DefinitionInstruction.defaultAllocations([Allocation.of('on', 10), Allocation.of('off', 90)]),
      DefinitionInstruction.rolloutStatus('Ramping'),
      DefinitionInstruction.flagKilled(false),
    ],
  }),
  FmeFlagsetCreate: s => new FmeFlagsetCreate(s, 'flagset_create', { flagsetName: 'checkout_flags', flagsetDescription: 'Checkout' }),
  FmeFlagsetDelete: s => new FmeFlagsetDelete(s, 'flagset_delete', { flagsetName: 'checkout_flags' }),
  FmeFlagAddRemoveFlagsets: (s, flag) => new FmeFlagAddRemoveFlagsets(s, 'flagsets', { flag, environment: ENV, addFlagsets: ['checkout_flags'] }),
  FmeSegmentCreate: s => new FmeSegmentCreate(s, 'segment_create', {
    segmentName: 'beta_testers', trafficType: 'user', segmentType: SegmentType.STANDARD, segmentDescription: 'Beta', tags: ['beta'],
  }),
  FmeSegmentUpdate: s => new FmeSegmentUpdate(s, 'segment_update', { segmentName: 'beta_testers', segmentDescription: 'Beta users', owners: ['User:abc'] }),
  FmeSegmentDelete: s => new FmeSegmentDelete(s, 'segment_delete', { segmentName: 'beta_testers' }),
  FmeSegmentAddRemoveTargets: s => new FmeSegmentAddRemoveTargets(s, 'segment_keys', {
    segmentName: 'beta_testers', environment: ENV, addKeys: ['u1', 'u2'], removeKeys: ['u3'],
  }),
  FmeSegmentSetTargetingRules: s => new FmeSegmentSetTargetingRules(s, 'segment_rules', {
    segmentName: 'power_users',
    environment: ENV,
    title: 'Power users',
    comment: 'from pipeline',
    excludeKeys: ['bot'],
    rules: [{ matchers: [Matcher.numberAtLeast('orders', 10)] }],
  }),
  FmeMetricCheck: (s, flag) => new FmeMetricCheck(s, 'metrics', {
    flag, environment: ENV, metricIds: ['m_errors'], lookbackWindow: HarnessDuration.hours(24), failureCondition: '<+metrics.m_errors> > 0.02',
  }),
  Wait: s => new WaitStep(s, 'wait', { duration: HarnessDuration.minutes(30) }),
  HarnessApproval: s => new HarnessApprovalStep(s, 'approve', {
    userGroups: ['account._fme_admins'],
    minimumCount: 2,
    message: 'Approve the ramp',
    disallowPipelineExecutor: true,
    autoRejectPreviousApprovals: true,
    autoApproval: { time: '2027-01-15 09:00 AM', timeZone: 'Europe/Berlin', comments: 'approved by schedule' },
  }),
  ShellScript: s => new ShellScriptStep(s, 'script', {
    script: 'echo "$FLAG"', environmentVariables: { FLAG: '<+pipeline.variables.flagName>', ENV: 'prod' }, outputVariables: ['RESULT'],
  }),
};

function pipelineWith(build: StepFactory): FmePipeline {
  const stack = newStack();
  const flag = new TestFlag(stack, 'Flag', 'checkout_redesign');
  const pipeline = new FmePipeline(stack, 'step_test', {
    name: 'Step test', orgIdentifier: 'default', projectIdentifier: 'Default', variables: [PipelineVariable.string('flagName', { value: 'checkout_redesign' })],
  });
  build(new CustomStage(pipeline, 'stage1', { name: 'Stage 1' }), flag);
  return pipeline;
}

describe.each(Object.entries(STEP_CASES))('step type %s', (type, build) => {
  const yaml = pipelineWith(build).toYaml();

  test('renders with the right type and validates against the Harness schema', () => {
    expect(yaml).toContain(`type: ${type}\n`);
    expectSchemaValid(yaml);
  });

  test('matches the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });
});

test('every FME step type of the published schema (docs/harness-pipelines.md#step-types) has a typed step', () => {
  const schemaSteps = Object.keys(loadHarnessSchema().schema.definitions.pipeline.steps.custom)
    .map(name => /^(Fme\w+)StepNode$/.exec(name)?.[1]).filter((t): t is string => t !== undefined).sort();
  expect(schemaSteps).toHaveLength(26);
  expect(Object.keys(STEP_CASES).filter(t => t.startsWith('Fme')).sort()).toEqual(schemaSteps);
});

describe('advanced options, step groups and parallel blocks', () => {
  const stack = newStack();
  const flag = new TestFlag(stack, 'Flag', 'checkout_redesign');
  const pipeline = new FmePipeline(stack, 'advanced', {
    name: 'Advanced options',
    orgIdentifier: 'default',
    projectIdentifier: 'Default',
    description: 'All the knobs',
    tags: { team: 'web', demo: '' },
    timeout: HarnessDuration.hours(2),
    allowStageExecutions: true,
    fixedInputsOnRerun: false,
    variables: [
      PipelineVariable.string('environment', { runtimeInput: true, defaultValue: 'Production', allowedValues: ['Staging', 'Production'], required: true }),
      PipelineVariable.number('percent', { defaultValue: 10 }),
      PipelineVariable.secret('apiKey', { secretRef: 'account.fmeApiKey' }),
    ],
    notificationRules: [{
      name: 'rollout alerts',
      events: [{ type: PipelineEventType.PIPELINE_FAILED }, { type: PipelineEventType.STAGE_FAILED, forStages: ['AllStages'] }],
      channel: NotificationChannel.slack('<+secrets.getValue("slack_hook")>'),
    }],
  });
  const stage = new CustomStage(pipeline, 'ramp', {
    name: 'Ramp',
    when: { pipelineStatus: ExecutionStatus.SUCCESS, condition: '<+pipeline.variables.environment> != "Staging"' },
    timeout: HarnessDuration.hours(1),
    variables: [PipelineVariable.string('note', { value: 'yes' })],
  });
  new FmeFlagDefaultAllocation(stage, 'matrix_allocate', {
    flag,
    environment: '<+matrix.env>',
    allocation: [Allocation.of('on', 10), Allocation.of('off', 90)],
    timeout: HarnessDuration.minutes(5),
    when: { stageStatus: ExecutionStatus.SUCCESS, condition: '<+pipeline.variables.percent> > 0' },
    strategy: LoopingStrategy.matrix({ axes: { env: ['Staging', 'Production'] }, maxConcurrency: 1, onFailure: LoopFailureBehavior.SKIP_QUEUED }),
    failureStrategies: [
      {
        errors: [FailureType.CONNECTIVITY, FailureType.TIMEOUT],
        action: FailureAction.retry({
          retryCount: 3,
          retryIntervals: [HarnessDuration.seconds(10), HarnessDuration.minutes(1)],
          onRetryFailure: FailureAction.abort(),
        }),
      },
      {
        errors: [FailureType.ALL_ERRORS],
        action: FailureAction.manualIntervention({ timeout: HarnessDuration.hours(1), onTimeout: FailureAction.markAsFailure() }),
      },
    ],
  });
  const group = new StepGroup(stage, 'checks', { name: 'Checks', when: { stageStatus: ExecutionStatus.ALL } });
  const parallel = new ParallelSteps(group, 'InParallel');
  new WaitStep(parallel, 'wait_a', { duration: HarnessDuration.parse('1h 30m') });
  new ShellScriptStep(parallel, 'probe', { script: 'curl -fsS https://example.com/health', strategy: LoopingStrategy.repeatTimes(3) });
  new FmeFlagKill(group, 'kill_all_envs', { flagName: '<+pipeline.variables.environment>_flag', environment: '<+repeat.item>', strategy: LoopingStrategy.repeatItems(['Staging', 'Production']) });
  const other = new CustomStage(pipeline, 'parallel_stage', { failureStrategies: [{ errors: [FailureType.ALL_ERRORS], action: FailureAction.abort() }], strategy: LoopingStrategy.parallelism(2) });
  new FmeFlagRestore(other, 'restore', { flag, environment: ENV });
  const yaml = pipeline.toYaml();

  test('validate against the Harness schema', () => {
    expectSchemaValid(yaml);
  });

  test('match the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });
});
