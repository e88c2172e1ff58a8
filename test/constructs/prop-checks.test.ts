import * as fs from 'fs';
import * as path from 'path';
import { newStack } from './support';
import {
  FeatureFlag, FmeConfig, IndividualTargets, KillSwitch, RemovalPolicy, RolloutPlan, RolloutStatus, Segment,
} from '../../src';
import { CHECKED_PROPS, PropsShape } from '../../src/constructs/internal/prop-checks';
import { FmeValidationError } from '../../src/model/errors';

/** Props as a plain JavaScript caller passes them: TypeScript's checks do not apply. */
const js = (props: Record<string, unknown>): any => props;
/** Classes whose props are checked with `instanceof`, like enums (values made by static factories). */
const CLASSES_CHECKED_BY_INSTANCE = ['cdktf-harness-fme.RolloutStatus', 'cdktf-harness-fme.ChangeRequestSchedule'];

/** The message of the error `build` throws. */
function errorOf(build: () => unknown): FmeValidationError {
  try {
    build();
  } catch (e) {
    if (e instanceof FmeValidationError) return e;
    throw e;
  }
  throw new Error('nothing was thrown');
}

describe('run-time prop checks (callers without TypeScript)', () => {
  test('a typo\'d prop names the construct path, the prop, a suggestion and the valid props', () => {
    const { stack } = newStack();
    const error = errorOf(() => new RolloutPlan(stack, 'Plan', js({ flagName: 'x', environment: 'Production', defualtTreatment: 'on' })));
    expect(error.constructPath).toBe('test/Plan');
    expect(error.message).toBe('[test/Plan] props: unknown prop "defualtTreatment" in RolloutPlanProps (did you mean "defaultTreatment"?); RolloutPlanProps has '
      + 'baselineTreatment, defaultRule, defaultTreatment, environment, flag, flagName, flagSets, individualTargets, limitExposure, prerequisites, removalPolicy, rules, '
      + 'trackImpressions, trafficType, transferFrom, treatments');
  });

  test('a wrong enum string names the prop and the valid values', () => {
    const { stack } = newStack();
    expect(errorOf(() => new FeatureFlag(stack, 'F', js({ flagName: 'f', rolloutStatus: 'RAMPING' }))).message).toBe(
      '[test/F] props: rolloutStatus \'RAMPING\' in FeatureFlagProps is not a RolloutStatus; use one of RolloutStatus.PRE_PRODUCTION, '
      + 'RolloutStatus.RAMPING, RolloutStatus.EXPERIMENTING, RolloutStatus.KILLED, RolloutStatus.PERMANENT, or RolloutStatus.named(\'<custom status>\')');
    expect(errorOf(() => new Segment(stack, 'S', js({ segmentName: 's', removalPolicy: 'keep' }))).message).toBe(
      '[test/S] props: removalPolicy \'keep\' in SegmentProps is not a RemovalPolicy; use one of RemovalPolicy.DESTROY (\'destroy\'), RemovalPolicy.RETAIN (\'retain\'), '
      + 'RemovalPolicy.ARCHIVE (\'archive\')');
  });

  test('FmeConfig checks its enum-like props', () => {
    const { stack } = newStack();
    const error = errorOf(() => new FmeConfig(stack, 'Fme2', js({ backing: 'null', existingObjects: 'ADOPT' })));
    expect(error.problems).toEqual([
      'props: backing \'null\' in FmeConfigProps is not a BackingResource; use one of BackingResource.TERRAFORM_DATA (\'terraform_data\'), BackingResource.NULL_RESOURCE (\'null_resource\')',
      'props: existingObjects \'ADOPT\' in FmeConfigProps is not a ExistingObjectPolicy; use one of ExistingObjectPolicy.ADOPT (\'adopt\'), ExistingObjectPolicy.FAIL (\'fail\')',
    ]);
  });

  test('FmeConfig checks its keys, and the structs in environmentOptions by environment', () => {
    const { stack } = newStack();
    const error = errorOf(() => new FmeConfig(stack, 'Fme2', js({ workspace: 'Default', environmentOptions: { Production: { approver: ['a@x'] } } })));
    expect(error.constructPath).toBe('test/Fme2');
    expect(error.problems).toEqual([
      expect.stringMatching(/^props: unknown prop "workspace" in FmeConfigProps \(did you mean "workspaceId"\?\); FmeConfigProps has apiBaseUrl, apiKeyEnvVar, /),
      'props: unknown prop "approver" in environmentOptions["Production"] (did you mean "approvers"?); FmeEnvironmentOptions has approvers, changeComment, changeTitle, schedule',
    ]);
  });

  test('structs in lists are checked too, by index', () => {
    const { stack } = newStack();
    const error = errorOf(() => new IndividualTargets(stack, 'T', js({
      flagName: 'x', environment: 'P', targets: [{ treatment: 'on', keys: ['a'] }, { treatment: 'off', key: ['b'] }],
    })));
    expect(error.problems).toEqual(['props: unknown prop "key" in targets[1] (did you mean "keys"?); IndividualTarget has keys, segments, treatment']);
  });

  test('props of the right kinds pass, and so do the enum values themselves', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'F', { flagName: 'f', rolloutStatus: RolloutStatus.named('Custom'), removalPolicy: RemovalPolicy.RETAIN });
    expect(() => new RolloutPlan(stack, 'P', js({ flag, environment: 'P', removalPolicy: 'retain' }))).not.toThrow();
    expect(() => new KillSwitch(stack, 'K', { flag, environment: 'P', killed: true })).not.toThrow();
  });
});

/**
 * The key lists are the one place that repeats the props interfaces: each must equal the jsii
 * assembly's properties (with inherited interfaces), and every enum-typed prop must be checked.
 */
describe('the checked key lists match the jsii assembly', () => {
  const assemblyFile = path.join(__dirname, '..', '..', '.jsii');
  const assembly = JSON.parse(fs.readFileSync(assemblyFile, 'utf8'));
  const typeOf = (name: string) => {
    const type = assembly.types[`cdktf-harness-fme.${name}`];
    if (!type) throw new Error(`${name} is not in ${assemblyFile}; run npx jsii`);
    return type;
  };
  const propertiesOf = (fqn: string): any[] => {
    const type = assembly.types[fqn];
    return [...(type.properties ?? []), ...(type.interfaces ?? []).flatMap(propertiesOf)];
  };

  test.each(CHECKED_PROPS.map((s): [string, PropsShape] => [s.name, s]))('%s', (name, shape) => {
    const properties = propertiesOf(typeOf(name).fqn);
    expect([...shape.keys].sort()).toEqual(properties.map((p) => p.name).sort());
    const enumLike = properties.filter((p) => {
      const fqn: string | undefined = p.type?.fqn;
      return fqn !== undefined && (assembly.types[fqn]?.kind === 'enum' || CLASSES_CHECKED_BY_INSTANCE.includes(fqn));
    }).map((p) => p.name);
    expect(Object.keys(shape.values ?? {}).sort()).toEqual(enumLike.sort());
  });
});
