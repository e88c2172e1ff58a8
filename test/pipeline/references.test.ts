import { expectSchemaValid } from './harness-schema';
import { newStack, pipelineWithStage, violations } from './support/helpers';
import {
  CustomStage, FmeFlagKill, FmePipeline, HarnessDuration, LoopingStrategy, NotificationChannel, PipelineEventType, PipelineVariable, ShellScriptStep,
  StepGroup, WaitStep,
} from '../../src/pipeline';

/** Issue 13, defect 6: references and identifiers that used to pass and resolve to null (or fail) in Harness. */
describe('expression references', () => {
  test('<+pipeline.variable.x> (singular) is a typo error', () => {
    const { pipeline, stage } = pipelineWithStage();
    pipeline.addVariable(PipelineVariable.string('flagName'));
    new FmeFlagKill(stage, 'kill', { flagName: '<+pipeline.variable.flagName>', environment: 'Production' });
    expect(violations(pipeline)).toEqual([expect.stringMatching(
      /\[expression-root\] <\+pipeline\.variable\.flagName> is not a Harness expression.*write <\+pipeline\.variables\.flagName>/)]);
  });

  test('<+stage.variables.x> must be declared by the enclosing stage', () => {
    const pipeline = new FmePipeline(newStack(), 'p', { name: 'P', orgIdentifier: 'default', projectIdentifier: 'Default' });
    const declared = new CustomStage(pipeline, 'a', { variables: [PipelineVariable.string('env', { value: 'Production' })] });
    new FmeFlagKill(declared, 'kill', { flagName: 'checkout', environment: '<+stage.variables.env>' });
    expect(violations(pipeline)).toEqual([]);
    const other = new CustomStage(pipeline, 'b');
    new FmeFlagKill(other, 'kill', { flagName: 'checkout', environment: '<+stage.variables.env>' });
    expect(violations(pipeline)).toEqual([expect.stringMatching(
      /^\[stack\/p\/b\] \[stage-variable-declared\] <\+stage\.variables\.env> is used in stage "b", which declares no variable "env"/)]);
  });

  test('<+pipeline.stages.S.variables.x> must name a stage and one of its variables', () => {
    const pipeline = new FmePipeline(newStack(), 'p', { name: 'P', orgIdentifier: 'default', projectIdentifier: 'Default' });
    const a = new CustomStage(pipeline, 'a', { variables: [PipelineVariable.string('env', { value: 'Production' })] });
    new FmeFlagKill(a, 'kill', { flagName: 'checkout', environment: '<+pipeline.stages.a.variables.env>' });
    new FmeFlagKill(a, 'kill2', { flagName: 'checkout', environment: '<+pipeline.stages.a.variables.envv>' });
    new FmeFlagKill(a, 'kill3', { flagName: 'checkout', environment: '<+pipeline.stages.zz.variables.env>' });
    expect(violations(pipeline)).toEqual([
      expect.stringMatching(/\[variable-declared\] <\+pipeline\.stages\.a\.variables\.envv> is used but stage "a" declares no variable "envv"/),
      expect.stringMatching(/\[variable-declared\] <\+pipeline\.stages\.zz\.variables\.env> names no stage of this pipeline/),
    ]);
  });

  test('<+matrix.axis> needs a matrix with that axis on the element or around it', () => {
    const { pipeline, stage } = pipelineWithStage();
    const group = new StepGroup(stage, 'per_env', { strategy: LoopingStrategy.matrix({ axes: { env: ['Staging', 'Production'] } }) });
    new FmeFlagKill(group, 'kill', { flagName: 'checkout', environment: '<+matrix.env>' });
    new FmeFlagKill(stage, 'own', {
      flagName: 'checkout', environment: '<+matrix.where>', strategy: LoopingStrategy.matrix({ axes: { where: ['Staging'] } }),
    });
    expect(violations(pipeline)).toEqual([]);
    expectSchemaValid(pipeline.toYaml());
    new FmeFlagKill(stage, 'outside', { flagName: 'checkout', environment: '<+matrix.env>' });
    expect(violations(pipeline)).toEqual([expect.stringMatching(
      /^\[stack\/p\/stage1\] \[matrix-axis-declared\] <\+matrix\.env> is used in stage "stage1" where no enclosing matrix strategy declares the axis "env"/)]);
  });

  test('<+repeat.item> needs an enclosing repeatItems strategy', () => {
    const { pipeline, stage } = pipelineWithStage();
    new FmeFlagKill(stage, 'ok', { flagName: 'checkout', environment: '<+repeat.item>', strategy: LoopingStrategy.repeatItems(['Staging']) });
    expect(violations(pipeline)).toEqual([]);
    new FmeFlagKill(stage, 'bad', { flagName: 'checkout', environment: '<+repeat.item>', strategy: LoopingStrategy.repeatTimes(2) });
    expect(violations(pipeline)).toEqual([expect.stringMatching(/\[matrix-axis-declared\] <\+repeat\.item> is used in stage "stage1"/)]);
  });
});

describe('identifiers', () => {
  test('organization and project identifiers must be Harness identifiers', () => {
    const pipeline = new FmePipeline(newStack(), 'p', { name: 'P', orgIdentifier: 'my-org', projectIdentifier: 'my project' });
    new WaitStep(new CustomStage(pipeline, 's'), 'w', { duration: HarnessDuration.minutes(1) });
    expect(violations(pipeline)).toEqual([
      expect.stringMatching(/\[identifier-pattern\] orgIdentifier "my-org" must match/),
      expect.stringMatching(/\[identifier-pattern\] projectIdentifier "my project" must match/),
    ]);
  });

  test('a notification identifier derived from the name must be valid, or be given', () => {
    const channel = NotificationChannel.email(['team@example.com']);
    const events = [{ type: PipelineEventType.PIPELINE_FAILED }];
    const bad = new FmePipeline(newStack(), 'p', {
      name: 'P', orgIdentifier: 'default', projectIdentifier: 'Default', notificationRules: [{ name: '1st failure', events, channel }],
    });
    new WaitStep(new CustomStage(bad, 's'), 'w', { duration: HarnessDuration.minutes(1) });
    expect(violations(bad)).toEqual([expect.stringMatching(/\[notification-identifier\] notification rule "1st failure" gets the identifier "1st_failure"/)]);

    const good = new FmePipeline(newStack(), 'p', {
      name: 'P', orgIdentifier: 'default', projectIdentifier: 'Default', notificationRules: [{ name: '1st failure', identifier: 'first_failure', events, channel }],
    });
    new WaitStep(new CustomStage(good, 's'), 'w', { duration: HarnessDuration.minutes(1) });
    expect(good.toYaml()).toContain('identifier: first_failure');
  });

  test('stage variable names follow the NG variable pattern; shell variable names are shell identifiers', () => {
    const pipeline = new FmePipeline(newStack(), 'p', { name: 'P', orgIdentifier: 'default', projectIdentifier: 'Default' });
    const stage = new CustomStage(pipeline, 's', { variables: [PipelineVariable.string('1st', { value: 'x' })] });
    new ShellScriptStep(stage, 'script', { script: 'echo', outputVariables: ['MY-VAR', 'OK'], environmentVariables: { 'A.B': 'x' } });
    expect(violations(pipeline)).toEqual([
      expect.stringMatching(/^\[stack\/p\/s\] \[variable-name\] variable name "1st" in the variables of stage "s" must match/),
      expect.stringMatching(/^\[stack\/p\/s\/script\] \[shell-variable-name\] "A\.B" is not a shell variable name/),
      expect.stringMatching(/\[shell-variable-name\] "MY-VAR" is not a shell variable name/),
    ]);
  });

  test('stage events need forStages naming stages of the pipeline', () => {
    const channel = NotificationChannel.email(['team@example.com']);
    const pipeline = new FmePipeline(newStack(), 'p', {
      name: 'P',
      orgIdentifier: 'default',
      projectIdentifier: 'Default',
      notificationRules: [
        { name: 'no_stages', events: [{ type: PipelineEventType.STAGE_FAILED }], channel },
        { name: 'wrong_stage', events: [{ type: PipelineEventType.STAGE_START, forStages: ['ramp', 'nope'] }], channel },
        { name: 'all', events: [{ type: PipelineEventType.STAGE_SUCCESS, forStages: ['AllStages'] }], channel },
      ],
    });
    new WaitStep(new CustomStage(pipeline, 'ramp'), 'w', { duration: HarnessDuration.minutes(1) });
    expect(violations(pipeline)).toEqual([
      expect.stringMatching(/\[notification-for-stages\] notification rule "no_stages": the StageFailed event needs `forStages`/),
      expect.stringMatching(/\[notification-for-stages\] notification rule "wrong_stage" names stage "nope", which is not a stage of this pipeline/),
    ]);
  });
});
