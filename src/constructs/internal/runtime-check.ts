import { IConstruct, IValidation } from 'constructs';
import { describeInstalled, runtimeOfStack, SUPPORTED_PACKAGES } from '../../cdk-runtime';

/**
 * Fails synthesis when the stack's FME resources were never created — the App that synthesizes the
 * stack did not run the aspect that creates them, because it comes from a copy of cdktf or cdktn
 * this library did not load (docs/cdk-terrain.md#when-synthesis-fails). Without this check such a
 * stack synthesizes with no resources and no warning. Validations run after aspects in both
 * packages, so by then `materialized()` is true for every supported App.
 */
export function synthesizedByLoadedRuntime(stack: IConstruct, materialized: () => boolean): IValidation {
  return {
    validate: () => {
      if (materialized()) return [];
      const origin = runtimeOfStack(stack);
      const owner = origin.runtime
        ? `${origin.description}, from ${origin.runtime.directory}, did not run the library's synthesis step`
        : `${origin.description} comes from a copy of the package that cdktf-harness-fme did not load (it loaded ${describeInstalled()})`;
      return [
        `CDK package: no FME resource was created for stack ${stack.node.path}: its TerraformStack ${owner}. `
        + "cdktf-harness-fme works with 'cdktf' (CDK for Terraform 0.21) and 'cdktn' (CDK Terrain 0.24): "
        + `take App and TerraformStack from one of them and install it once (\`npm ls ${SUPPORTED_PACKAGES.join(' ')}\` lists the copies)`,
      ];
    },
  };
}
