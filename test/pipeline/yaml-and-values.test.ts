import { parse } from 'yaml';
import { expectSchemaValid } from './harness-schema';
import { pipelineWithStage, violations } from './support/helpers';
import { Allocation, Matcher, TargetingRule } from '../../src/model';
import {
  FailureAction, FmeFlagDefaultAllocation, FmeFlagSetTargetingRules, HarnessDuration, LoopingStrategy,
  PipelineStorage, PipelineVariable,
} from '../../src/pipeline';
import { PipelineValidationError } from '../../src/pipeline/errors';
import { renderYaml } from '../../src/pipeline/yaml';

describe('YAML rendering', () => {
  // Strings a YAML 1.1 parser (Harness) or a YAML 1.2 parser would read as booleans, null or numbers.
  const TRICKY = ['on', 'off', 'On', 'OFF', 'yes', 'no', 'y', 'n', 'Y', 'N', 'true', 'false', 'True', 'null', 'Null', '~', '',
    '0', '010', '0o17', '0x1F', '1_000', '1e3', '1.5', '.5', '+1', '-1', '.inf', '.NaN', '12:30', '2001-12-14'];

  test.each(TRICKY)('%j is quoted and reads back as the same string under YAML 1.1 and 1.2', (value) => {
    const text = renderYaml({ v: value });
    expect(text).toMatch(/^v: ["']/);
    expect(parse(text, { version: '1.1' }).v).toBe(value);
    expect(parse(text).v).toBe(value);
  });

  test('ordinary strings and expressions stay plain', () => {
    expect(renderYaml({ a: 'plain', b: '<+pipeline.variables.flagName>', c: 'Prod-Default' }))
      .toBe('a: plain\nb: <+pipeline.variables.flagName>\nc: Prod-Default\n');
  });

  test('numbers and booleans stay unquoted, key order is kept, long lines are not folded', () => {
    const long = 'x'.repeat(300);
    expect(renderYaml({ z: 1, a: true, m: long })).toBe(`z: 1\na: true\nm: ${long}\n`);
  });

  test('treatments named like booleans and numbers survive a whole pipeline and validate', () => {
    const { pipeline, stage } = pipelineWithStage();
    new FmeFlagDefaultAllocation(stage, 'a', {
      flagName: 'x',
      environment: 'yes',
      allocation: [Allocation.of('on', 25), Allocation.of('off', 25), Allocation.of('y', 25), Allocation.of('10', 25)],
    });
    const yaml = pipeline.toYaml();
    expect(yaml).toContain('environment: "yes"');
    expect(yaml).toContain('- treatment: "10"');
    expect(parse(yaml, { version: '1.1' }).pipeline.stages[0].stage.spec.execution.steps[0].step.spec.allocation.map((a: any) => a.treatment))
      .toEqual(['on', 'off', 'y', '10']);
    expectSchemaValid(yaml);
  });

  test('toYaml is byte-stable across calls and across identical apps', () => {
    const build = () => {
      const { pipeline, stage } = pipelineWithStage();
      new FmeFlagSetTargetingRules(stage, 'r', {
        flagName: 'x',
        environment: 'Production',
        targetingRules: [TargetingRule.serve('on', [Matcher.setContainsAny('plan', ['pro', 'on'])])],
      });
      return pipeline;
    };
    const p = build();
    expect(p.toYaml()).toBe(p.toYaml());
    expect(build().toYaml()).toBe(p.toYaml());
  });
});

describe('HarnessDuration', () => {
  test('renders Harness notation', () => {
    expect(HarnessDuration.seconds(10).toString()).toBe('10s');
    expect(HarnessDuration.minutes(5).toString()).toBe('5m');
    expect(HarnessDuration.parse('1h  30m').toString()).toBe('1h 30m');
    expect(HarnessDuration.parse('1m 5s').toString()).toBe('1m 5s');
    expect(HarnessDuration.expression('<+input>').toString()).toBe('<+input>');
  });

  test('rejects single-digit seconds (the published timeout pattern does)', () => {
    expect(() => HarnessDuration.seconds(5)).toThrow(/use 10s or more/);
    expect(() => HarnessDuration.parse('5s')).toThrow(PipelineValidationError);
  });

  test('rejects malformed and non-positive durations', () => {
    expect(() => HarnessDuration.parse('5 minutes')).toThrow(/Invalid duration/);
    expect(() => HarnessDuration.parse('30m 1h')).toThrow(/largest first/);
    expect(() => HarnessDuration.minutes(0)).toThrow(/positive integer/);
    expect(() => HarnessDuration.minutes(1.5)).toThrow(/positive integer/);
    expect(() => HarnessDuration.expression('10m')).toThrow(/must start with/);
    expect(() => HarnessDuration.expression('<+input>.executionInput()')).toThrow(/executionInput/);
  });
});

describe('value objects reject bad input where they are built', () => {
  test('manual intervention needs a literal timeout', () => {
    expect(() => FailureAction.manualIntervention({ timeout: HarnessDuration.expression('<+input>') })).toThrow(/literal duration/);
  });
  test('retry needs a positive count', () => {
    expect(() => FailureAction.retry({ retryCount: 0 })).toThrow(/retryCount/);
  });
  test('looping strategies', () => {
    expect(() => LoopingStrategy.matrix({ axes: {} })).toThrow(/at least one axis/);
    expect(() => LoopingStrategy.matrix({ axes: { 'bad-axis': ['a'] } })).toThrow(/axis name/);
    expect(() => LoopingStrategy.repeatTimes(0)).toThrow(/positive integer/);
    expect(() => LoopingStrategy.repeatItems([])).toThrow(/at least one item/);
  });
  test('variables', () => {
    expect(() => PipelineVariable.string('v', { value: 'a', runtimeInput: true })).toThrow(/either value or runtimeInput/);
    expect(() => PipelineVariable.secret('s', { secretRef: '<+secrets.getValue("x")>' })).toThrow(/identifier/);
    expect(PipelineVariable.string('v', { defaultValue: 'a', allowedValues: ['a', 'b'] })._render().value).toBe('<+input>.default(a).allowedValues(a,b)');
  });
  test('matcher values: the model\'s Matcher checks them, the step reports them with its construct path', () => {
    const { pipeline, stage } = pipelineWithStage();
    new FmeFlagSetTargetingRules(stage, 'r', {
      flagName: 'x', environment: 'Production', targetingRules: [TargetingRule.serve('on', [Matcher.numberBetween('age', 5, 1)])],
    });
    expect(violations(pipeline)).toEqual([
      '[stack/p/stage1/r] [matcher-value] targetingRules[0].matchers[0]: age between: the range 5..1 is empty; put the smaller bound first',
    ]);
  });
  test('remote storage', () => {
    expect(() => PipelineStorage.remote({ connectorRef: 'c', repoName: 'r', filePath: '/abs.yaml', branch: 'main' })).toThrow(/relative path/);
    expect(() => PipelineStorage.remote({ connectorRef: '', repoName: 'r', filePath: 'a.yaml', branch: 'main' })).toThrow(/connectorRef/);
  });
});
