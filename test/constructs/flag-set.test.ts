import { Testing, TerraformStack } from 'cdktf';
import { newStack, resources, specOf, synthErrors } from './support';
import { FeatureFlag, FlagSet, FmeConfig, RemovalPolicy, RolloutPlan } from '../../src';
import { bootstrapSpec } from '../../src/constructs/internal/bootstrap';

describe('FlagSet', () => {
  test('spec, inventory entry, and a flag resource that depends on the sets its plans name', () => {
    const { stack } = newStack();
    const backend = new FlagSet(stack, 'Backend', { flagSetName: 'backend', description: 'server-side flags' });
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'checkout' });
    new RolloutPlan(flag, 'Prod', { flag, environment: 'Production', flagSets: [backend, FlagSet.fromName('shared_sdk')] });
    new RolloutPlan(flag, 'Staging', { flag, environment: 'Staging' });

    expect(specOf(stack, 'Fme_FlagSet-backend')).toEqual({
      v: 2,
      kind: 'flagSet',
      target: expect.objectContaining({ apiBaseUrl: 'http://127.0.0.1:9/internal/api/v2' }),
      stack: 'test',
      flagSetName: 'backend',
      description: 'server-side flags',
      removalPolicy: 'destroy',
      existing: 'adopt',
    });
    const flagSpec = specOf(stack, 'Fme_Flag-checkout');
    // Sorted names where the code declares them; absent (FME's sets left alone) where it does not.
    expect(flagSpec.environments.map((e: any) => [e.environment, e.definition.flagSets])).toEqual([
      ['Production', ['backend', 'shared_sdk']],
      ['Staging', undefined],
    ]);
    expect(specOf(stack, 'Fme_Inventory').objects).toContainEqual({ t: 'flagSet', flagSet: 'backend', policy: 'destroy' });

    const all = resources(stack);
    const setId = Object.keys(all).find((id) => id.startsWith('Fme_FlagSet-backend'))!;
    const flagId = Object.keys(all).find((id) => id.startsWith('Fme_Flag-checkout'))!;
    expect(all[flagId].depends_on).toContain(`terraform_data.${setId}`);
  });

  test('the bootstrap converges flag sets in the first wave, before the flags', () => {
    const { stack, config } = newStack();
    const set = new FlagSet(stack, 'S', { flagSetName: 'mobile' });
    const flag = new FeatureFlag(stack, 'F', { flagName: 'f' });
    new RolloutPlan(flag, 'P', { flag, environment: 'Production', flagSets: [set] });
    const c = config._composition();
    const waves = bootstrapSpec(2, c).waves.map((w) => w.map((o) => o.kind));
    expect(waves).toEqual([['flagSet'], ['flag']]);
  });

  test('an empty list takes the definition out of every set', () => {
    const { stack } = newStack();
    new RolloutPlan(stack, 'P', { flagName: 'ext', environment: 'Production', flagSets: [] });
    expect(specOf(stack, 'Fme_Flag-ext').environments[0].definition.flagSets).toEqual([]);
  });

  test('RETAIN is kept; a stack-wide ARCHIVE deletes flag sets; ARCHIVE on the set itself fails synthesis', () => {
    const retained = newStack();
    new FlagSet(retained.stack, 'S', { flagSetName: 'kept', removalPolicy: RemovalPolicy.RETAIN });
    expect(specOf(retained.stack, 'Fme_FlagSet-kept').removalPolicy).toBe('retain');

    const archived = newStack({ removalPolicy: RemovalPolicy.ARCHIVE });
    new FlagSet(archived.stack, 'S', { flagSetName: 'gone' });
    expect(specOf(archived.stack, 'Fme_FlagSet-gone').removalPolicy).toBe('destroy');

    const wrong = newStack();
    new FlagSet(wrong.stack, 'S', { flagSetName: 'x', removalPolicy: RemovalPolicy.ARCHIVE });
    expect(synthErrors(wrong.stack)).toMatch(/\[test\/S\] removal policy: RemovalPolicy.ARCHIVE archives flags; FME has no archive for a flag set/);
  });

  test.each<[string, () => void, RegExp]>([
    ['an upper-case name', () => new FlagSet(newStack().stack, 'S', { flagSetName: 'Backend' }), /\[test\/S\] flag set name: "Backend" is not a valid flag set name/],
    ['a dash', () => new FlagSet(newStack().stack, 'S', { flagSetName: 'back-end' }), /flag set name: "back-end" is not a valid flag set name/],
    ['a leading underscore', () => new FlagSet(newStack().stack, 'S', { flagSetName: '_x' }), /flag set name: "_x"/],
    ['51 characters', () => new FlagSet(newStack().stack, 'S', { flagSetName: 'a'.repeat(51) }), /flag set name: .* is 51 characters; FME allows at most 50/],
    ['a bad name given to fromName', () => FlagSet.fromName('Shared SDK'), /\[FlagSet.fromName\] flag set name: "Shared SDK"/],
    ['a set listed twice in a plan', () => new RolloutPlan(newStack().stack, 'P', {
      flagName: 'f', environment: 'Production', flagSets: [FlagSet.fromName('a'), FlagSet.fromName('a')],
    }), /\[test\/P\] flag sets: the rollout plan of flag "f" in environment "Production" lists flag set\(s\) "a" more than once/],
    ['a string instead of a reference (plain JavaScript)', () => new RolloutPlan(newStack().stack, 'P', {
      flagName: 'f', environment: 'Production', flagSets: ['backend' as never],
    }), /\[test\/P\] props: flagSets: "backend" is not a flag set/],
    ['an unknown prop', () => new FlagSet(newStack().stack, 'S', { flagSetName: 'a', descripton: 'x' } as never), /\[test\/S\] props: .*descripton/],
  ])('fails for %s', (_, build, message) => {
    expect(build).toThrow(message);
  });

  test('a digit first is a valid name (the SDKs\' rule)', () => {
    expect(new FlagSet(newStack().stack, 'S', { flagSetName: '2025_q1' }).flagSetName).toBe('2025_q1');
  });

  test('two FlagSets with one name in a stack fail synthesis, naming both', () => {
    const { stack } = newStack();
    new FlagSet(stack, 'A', { flagSetName: 'dup' });
    new FlagSet(stack, 'B', { flagSetName: 'dup' });
    expect(synthErrors(stack)).toMatch(/\[test\/B\] conflicting constructs: flag set "dup" is also declared by test\/A/);
  });

  test('one flag set declared by two stacks of one app in one workspace fails synthesis, naming both', () => {
    const app = Testing.app();
    const a = new TerraformStack(app, 'a');
    const b = new TerraformStack(app, 'b');
    new FmeConfig(a, 'Fme', { apiBaseUrl: 'http://127.0.0.1:9/internal/api/v2' });
    new FmeConfig(b, 'Fme', { apiBaseUrl: 'http://127.0.0.1:9/internal/api/v2' });
    new FlagSet(a, 'Set', { flagSetName: 'shared' });
    new FlagSet(b, 'Set', { flagSetName: 'shared' });
    expect(synthErrors(a)).toContain('[a/Set] one owner: flag set "shared" is also declared by stack "b" (b/Set) in the same FME workspace; '
      + 'one stack owns each object, so keep the FlagSet in one of them and refer to it with FlagSet.fromName from the other');
  });
});
