import { TerraformStack, Testing } from 'cdktf';
import { FeatureFlag, FmeConfig, RolloutPlan } from '../../src';
import { FmeValidationError } from '../../src/model/errors';

/**
 * cdktf's `Testing.synth(stack)` runs aspects but not validations (its `runValidations` defaults to
 * false). The library's cross-construct rules and its FmeConfig check must fail it all the same.
 */
describe('plain Testing.synth(stack) runs the library\'s cross-construct checks', () => {
  test('two rollout plans for one flag and environment', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new FmeConfig(stack, 'Fme', { apiBaseUrl: 'http://127.0.0.1:9/internal/api/v2' });
    const flag = new FeatureFlag(stack, 'F', { flagName: 'f' });
    new RolloutPlan(stack, 'One', { flag, environment: 'Production' });
    new RolloutPlan(stack, 'Two', { flag, environment: 'Production' });
    expect(() => Testing.synth(stack)).toThrow(FmeValidationError);
    // A second synthesis of the same stack fails the same way (nothing was half-materialized).
    expect(() => Testing.synth(stack)).toThrow('[s/Two] conflicting constructs: s/One already sets the rollout plan of flag "f" in environment "Production"; keep one of the two constructs');
  });

  test('FME constructs without an FmeConfig: an error naming each construct, not zero resources', () => {
    const stack = new TerraformStack(Testing.app(), 'bare');
    new FeatureFlag(stack, 'A', { flagName: 'a' });
    new RolloutPlan(stack, 'Plan', { flagName: 'b', environment: 'Production' });
    let error: unknown;
    try {
      Testing.synth(stack);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FmeValidationError);
    expect((error as FmeValidationError).constructPath).toBe('bare/A');
    expect((error as Error).message).toBe([
      "[bare/A] fme config: no FmeConfig in this stack; add one, e.g. new FmeConfig(stack, 'Fme')",
      "[bare/Plan] fme config: no FmeConfig in this stack; add one, e.g. new FmeConfig(stack, 'Fme')",
    ].join('\n'));
  });

  test('a valid stack still synthesizes', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new FmeConfig(stack, 'Fme', { apiBaseUrl: 'http://127.0.0.1:9/internal/api/v2' });
    new RolloutPlan(stack, 'Plan', { flag: new FeatureFlag(stack, 'F', { flagName: 'f' }), environment: 'Production' });
    expect(Object.keys(JSON.parse(Testing.synth(stack)).resource.terraform_data)).toContainEqual(expect.stringMatching(/^Fme_Flag-f_/));
  });
});
