import { TerraformStack } from 'cdktf';
import { newStack, specOf, synth, synthErrors } from './support';
import { ChangeRequestSchedule, FeatureFlag, FmeConfig, FmeConfigProps, RemovalPolicy, RolloutPlan, Segment } from '../../src';
import { FmeValidationError } from '../../src/model/errors';

/** The three lifecycle features of issue 14: impression tracking, archive instead of delete, scheduled change requests. */

function flagWithPlan(stack: TerraformStack, plan: Record<string, unknown> = {}, flag: Record<string, unknown> = {}): void {
  const f = new FeatureFlag(stack, 'Flag', { flagName: 'new_checkout', ...flag });
  new RolloutPlan(stack, 'Plan', { flag: f, environment: 'Production', ...plan });
}

function errorOf(fn: () => unknown): FmeValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FmeValidationError) return e;
    throw e;
  }
  throw new Error('expected an FmeValidationError');
}

function warningsOf(stack: TerraformStack): string[] {
  synth(stack);
  return stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
}

describe('RolloutPlan.trackImpressions', () => {
  test('false sends impressionsDisabled: true; true sends false', () => {
    for (const [track, disabled] of [[false, true], [true, false]] as const) {
      const { stack } = newStack();
      flagWithPlan(stack, { trackImpressions: track });
      expect(specOf(stack, 'Fme_Flag-new_checkout').environments[0].definition.impressionsDisabled).toBe(disabled);
    }
  });

  test('unset leaves the setting out of the spec, so a setting made in FME is never undone', () => {
    const { stack } = newStack();
    flagWithPlan(stack);
    expect(specOf(stack, 'Fme_Flag-new_checkout').environments[0].definition).not.toHaveProperty('impressionsDisabled');
  });

  test('a value that is not a boolean (plain JavaScript) fails with the construct path', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'new_checkout' });
    const error = errorOf(() => new RolloutPlan(stack, 'Plan', { flag, environment: 'Production', trackImpressions: 'no' as any }));
    expect(error.constructPath).toBe('test/Plan');
    expect(error.message).toContain('props: trackImpressions must be true or false');
  });
});

describe('RemovalPolicy.ARCHIVE', () => {
  test('on a FeatureFlag: the flag, its definitions and its inventory entries carry "archive"', () => {
    const { stack } = newStack();
    flagWithPlan(stack, {}, { removalPolicy: RemovalPolicy.ARCHIVE });
    const spec = specOf(stack, 'Fme_Flag-new_checkout');
    expect(spec.removalPolicy).toBe('archive');
    expect(spec.environments[0].removalPolicy).toBe('archive');
    const inventory = specOf(stack, 'Fme_Inventory');
    expect(inventory.objects).toEqual([
      { t: 'definition', flag: 'new_checkout', env: 'Production', policy: 'archive' },
      { t: 'flag', flag: 'new_checkout', policy: 'archive' },
    ]);
  });

  test('as the FmeConfig default it archives flags, while segments (which FME cannot archive) are deleted', () => {
    const { stack } = newStack({ removalPolicy: RemovalPolicy.ARCHIVE });
    flagWithPlan(stack);
    new Segment(stack, 'Beta', { segmentName: 'beta', environmentKeys: [{ environment: 'Production', keys: ['k'] }] });
    expect(specOf(stack, 'Fme_Flag-new_checkout').removalPolicy).toBe('archive');
    expect(specOf(stack, 'Fme_Segment-beta').removalPolicy).toBe('destroy');
  });

  test('on a RolloutPlan it fails: FME archives whole flags, not one environment', () => {
    const { stack } = newStack();
    const error = errorOf(() => flagWithPlan(stack, { removalPolicy: RemovalPolicy.ARCHIVE }));
    expect(error.constructPath).toBe('test/Plan');
    expect(error.problems).toEqual([expect.stringMatching(/^removal policy: RemovalPolicy.ARCHIVE archives a whole flag.*set it on the FeatureFlag/)]);
  });

  test('on a Segment it fails at synth, naming the segment', () => {
    const { stack } = newStack();
    new Segment(stack, 'Beta', { segmentName: 'beta', removalPolicy: RemovalPolicy.ARCHIVE });
    expect(synthErrors(stack)).toMatch(/test\/Beta.*removal policy: RemovalPolicy.ARCHIVE archives flags; FME has no archive for a segment/s);
  });

  test('unset, nothing changes: the policies stay "destroy"', () => {
    const { stack } = newStack();
    flagWithPlan(stack);
    expect(specOf(stack, 'Fme_Flag-new_checkout').removalPolicy).toBe('destroy');
  });
});

describe('FmeEnvironmentOptions.schedule', () => {
  const at = new Date('2030-03-01T08:00:00Z');
  const approvals = (props: FmeConfigProps = {}): FmeConfigProps => ({ approvalEnvironments: ['Production'], ...props });

  test('every change request of the environment carries scheduledFor and its time zone', () => {
    const { stack } = newStack(approvals({ environmentOptions: { Production: { schedule: ChangeRequestSchedule.at(at, 'Europe/Berlin') } } }));
    flagWithPlan(stack);
    expect(specOf(stack, 'Fme_Flag-new_checkout').environments[0].changeDetails).toEqual({
      scheduledFor: at.getTime(), scheduledForTimezone: 'Europe/Berlin',
    });
  });

  test('without a time zone only the instant is sent (FME shows UTC)', () => {
    const { stack } = newStack(approvals({ environmentOptions: { Production: { schedule: ChangeRequestSchedule.at(at) } } }));
    flagWithPlan(stack);
    expect(specOf(stack, 'Fme_Flag-new_checkout').environments[0].changeDetails).toEqual({ scheduledFor: at.getTime() });
  });

  test('an unknown time zone fails, naming the FmeConfig and the environment', () => {
    const { stack } = newStack();
    const error = errorOf(() => new FmeConfig(stack, 'Fme2', approvals({
      environmentOptions: { Production: { schedule: ChangeRequestSchedule.at(at, 'Mars/Olympus') } },
    })));
    expect(error.constructPath).toBe('test/Fme2');
    expect(error.problems).toEqual(['change request schedule: environmentOptions["Production"].schedule: "Mars/Olympus" is not an IANA time zone '
      + '(e.g. Europe/London, America/Los_Angeles); FME refuses unknown time zones']);
  });

  test('an invalid date fails', () => {
    const { stack } = newStack();
    const error = errorOf(() => new FmeConfig(stack, 'Fme2', approvals({
      environmentOptions: { Production: { schedule: ChangeRequestSchedule.at(new Date('not a date')) } },
    })));
    expect(error.problems).toEqual([expect.stringMatching(/^change request schedule: environmentOptions\["Production"\]\.schedule: the date is not a valid point in time/)]);
  });

  test('an environment that is not approval-gated cannot be scheduled', () => {
    const { stack } = newStack();
    const error = errorOf(() => new FmeConfig(stack, 'Fme2', { environmentOptions: { Staging: { schedule: ChangeRequestSchedule.at(at) } } }));
    expect(error.problems).toEqual([expect.stringMatching(/environment "Staging" is not in approvalEnvironments, so nothing there is a change request to schedule/)]);
  });

  test('a date already past is a warning, not an error', () => {
    const { stack } = newStack(approvals({ environmentOptions: { Production: { schedule: ChangeRequestSchedule.at(new Date('2020-01-01T00:00:00Z')) } } }));
    flagWithPlan(stack);
    expect(warningsOf(stack)).toEqual([expect.stringContaining('environmentOptions["Production"].schedule: 2020-01-01T00:00:00.000Z is already past')]);
  });

  test('a future date warns nothing', () => {
    const { stack } = newStack(approvals({ environmentOptions: { Production: { schedule: ChangeRequestSchedule.at(at) } } }));
    flagWithPlan(stack);
    expect(warningsOf(stack)).toEqual([]);
  });
});
