import { Testing, TerraformStack } from 'cdktf';
import { newStack } from './support';
import { DefaultAllocation, FeatureFlag, FmeConfig, IndividualTargets, KillSwitch, RolloutPlan, Segment } from '../../src';
import { FmeValidationError } from '../../src/model/errors';

/** The error `build` throws (fails the test when it throws nothing). */
function thrown(build: () => unknown): Error {
  try {
    build();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

const LONG = 'a'.repeat(101);

/** Bad names and the message each must produce (after `<rule>: "<name>" is not a valid ...; `). */
const BAD_PATH_NAMES: Array<[string, RegExp]> = [
  ['..', /"\." and "\.\." cannot be names: in a URL path/],
  ['.', /"\." and "\.\." cannot be names: in a URL path/],
  ['a/b', /it contains "\/"; a name that becomes part of a URL path must not contain/],
  ['a?b', /it contains "\?"; a name that becomes part of a URL path must not contain/],
  [LONG, /it is 101 characters, at most 100 are allowed/],
  [' lead', /remove the leading and trailing whitespace/],
];

describe('environment names are checked where they are given, naming the construct path', () => {
  test.each(BAD_PATH_NAMES)('RolloutPlan with environment %j', (environment, message) => {
    const { stack } = newStack();
    const e = thrown(() => new RolloutPlan(stack, 'Plan', { flagName: 'x', environment }));
    expect(e).toBeInstanceOf(FmeValidationError);
    expect((e as FmeValidationError).constructPath).toBe('test/Plan');
    expect(e.message).toMatch(/^\[test\/Plan\] environment: ".*" is not a valid environment name or id; /);
    expect(e.message).toMatch(message);
  });

  test.each(BAD_PATH_NAMES)('Segment keys for environment %j', (environment, message) => {
    const { stack } = newStack();
    const e = thrown(() => new Segment(stack, 'Beta', { segmentName: 'beta', environmentKeys: [{ environment, keys: ['k'] }] }));
    expect(e.message).toMatch(/^\[test\/Beta\] environment: /);
    expect(e.message).toMatch(message);
    const segment = new Segment(stack, 'Later', { segmentName: 'later' });
    expect(() => segment.setKeys(environment, ['k'])).toThrow(/^\[test\/Later\] environment: /);
  });

  test.each<[string, (stack: TerraformStack, environment: string) => unknown]>([
    ['IndividualTargets', (stack, environment) => new IndividualTargets(stack, 'Part', { flagName: 'x', environment, targets: [] })],
    ['DefaultAllocation', (stack, environment) => new DefaultAllocation(stack, 'Part', { flagName: 'x', environment, allocations: [] })],
    ['KillSwitch', (stack, environment) => new KillSwitch(stack, 'Part', { flagName: 'x', environment })],
  ])('%s with environment ".." or 101 characters', (_, build) => {
    for (const environment of ['..', LONG]) {
      const e = thrown(() => build(newStack().stack, environment));
      expect(e).toBeInstanceOf(FmeValidationError);
      expect(e.message).toMatch(/^\[test\/Part\] environment: /);
    }
  });

  test('an oversized environment name fails at construction with the rule, not later at the inventory', () => {
    const { stack } = newStack();
    const e = thrown(() => new RolloutPlan(stack, 'Plan', { flagName: 'x', environment: 'e'.repeat(70_000) }));
    expect(e).toBeInstanceOf(FmeValidationError);
    expect(e.message).toBe('[test/Plan] environment: "eeeeeeeeeeeeeeeeeeee…" is not a valid environment name or id; it is 70000 characters, at most 100 are allowed');
    expect(e.message).not.toMatch(/inventory|shard|KiB/);
  });

  test('valid names with spaces and dots still synthesize', () => {
    const { stack } = newStack();
    new RolloutPlan(stack, 'Plan', { flagName: 'x', environment: 'Pre Prod.eu' });
    new Segment(stack, 'Beta', { segmentName: 'beta', environmentKeys: [{ environment: 'e'.repeat(100), keys: ['k'] }] });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe('workspace names', () => {
  const config = (workspaceName: string) => new FmeConfig(new TerraformStack(Testing.app(), 'test'), 'Fme', { workspaceName, apiBaseUrl: 'http://127.0.0.1:9/internal/api/v2' });

  test.each(BAD_PATH_NAMES)('FmeConfig with workspaceName %j', (workspaceName, message) => {
    const e = thrown(() => config(workspaceName));
    expect(e.message).toMatch(/^\[test\/Fme\] workspace name: ".*" is not a valid workspace name; /);
    expect(e.message).toMatch(message);
  });

  test('a valid workspace name passes', () => {
    expect(() => config('Platform Team')).not.toThrow();
  });
});

describe('traffic type names: at most 100 characters', () => {
  test('FeatureFlag', () => {
    const e = thrown(() => new FeatureFlag(newStack().stack, 'Flag', { flagName: 'x', trafficType: LONG }));
    expect(e.message).toBe('[test/Flag] traffic type: "aaaaaaaaaaaaaaaaaaaa…" is 101 characters; a traffic type name has at most 100');
  });
  test('Segment', () => {
    expect(() => new Segment(newStack().stack, 'S', { segmentName: 'b', trafficType: LONG })).toThrow(/^\[test\/S\] traffic type: .* is 101 characters/);
  });
  test('RolloutPlan', () => {
    expect(() => new RolloutPlan(newStack().stack, 'Plan', { flagName: 'x', trafficType: LONG, environment: 'P' })).toThrow(/^\[test\/Plan\] traffic type: .* is 101 characters/);
  });
  test.each(['..', '.', 'a/b', 'a?b', ' lead'])('%j fails the pattern', (trafficType) => {
    expect(() => new FeatureFlag(newStack().stack, 'Flag', { flagName: 'x', trafficType })).toThrow(/^\[test\/Flag\] traffic type: .* is not a valid traffic type name/);
  });
});

describe('treatment names: at most 100 characters', () => {
  test('a 100,000-character treatment name fails at construction (FeatureFlag)', () => {
    const e = thrown(() => new FeatureFlag(newStack().stack, 'Flag', { flagName: 'x', treatments: [{ name: 't'.repeat(100_000) }, { name: 'off' }] }));
    expect(e).toBeInstanceOf(FmeValidationError);
    expect(e.message).toBe('[test/Flag] treatment names: "tttttttttttttttttttt…" is 100000 characters; a treatment name has at most 100');
  });
  test('RolloutPlan', () => {
    const e = thrown(() => new RolloutPlan(newStack().stack, 'Plan', { flagName: 'x', environment: 'P', treatments: [{ name: 't'.repeat(101) }, { name: 'off' }] }));
    expect(e.message).toMatch(/^\[test\/Plan\] treatment names: "t{20}…" is 101 characters; a treatment name has at most 100/);
  });
  test('a 100-character treatment name passes', () => {
    expect(() => new FeatureFlag(newStack().stack, 'Flag', { flagName: 'x', treatments: [{ name: 't'.repeat(100) }, { name: 'off' }] })).not.toThrow();
  });
});

describe('FmeConfig: workspace ids and approval environments reach URL paths too', () => {
  test.each(['..', 'a/b', ''])('workspaceId %j fails, naming the FmeConfig and the rule', (workspaceId) => {
    const e = thrown(() => newStack({ workspaceId }));
    expect(e).toBeInstanceOf(FmeValidationError);
    expect(e.message).toMatch(/^\[test\/Fme\] workspace: ".*" is not a valid workspace id; /);
  });
  test('an approval environment that cannot be a path segment fails', () => {
    expect(() => newStack({ approvalEnvironments: ['Production', 'prod/..'] })).toThrow(/^\[test\/Fme\] environment: "prod\/\.\." is not a valid environment name or id; /);
  });
});
