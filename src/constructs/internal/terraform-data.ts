import type { Construct } from 'constructs';
import {
  CdkRuntime, ITerraformDependable, LocalExecProvisioner, runtimeOf, TerraformResource, TerraformResourceLifecycle,
} from '../../cdk-runtime';

/** What an FME object's `terraform_data` carries. */
export interface FmeDataResourceConfig {
  readonly triggersReplace: { [key: string]: string };
  readonly lifecycle?: TerraformResourceLifecycle;
  readonly provisioners?: LocalExecProvisioner[];
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A `terraform_data` resource, synthesized exactly as cdktf's `DataResource` does, minus the
 * `terraform version` check `DataResource` attaches to every instance: that check spawns Terraform
 * once per resource at synth (~60 ms each, minutes for an estate of thousands of flags).
 * `FmeConfig` runs the same check once per stack instead.
 *
 * The class extends `TerraformResource` of the package the stack comes from, cdktf or cdktn
 * (docs/cdk-terrain.md): a resource of one package in a stack of the other is not guaranteed to
 * synthesize (cdktn 0.24 calls methods cdktf 0.21 elements lack).
 */
export function newFmeDataResource(scope: Construct, id: string, config: FmeDataResourceConfig): TerraformResource {
  return new (fmeDataResourceClass(runtimeOf(scope)))(scope, id, config);
}

type FmeDataResourceClass = new (scope: Construct, id: string, config: FmeDataResourceConfig) => TerraformResource;

/** One class per package, made on first use. */
const CLASSES = new Map<CdkRuntime, FmeDataResourceClass>();

function fmeDataResourceClass(runtime: CdkRuntime): FmeDataResourceClass {
  const existing = CLASSES.get(runtime);
  if (existing) return existing;
  const { anyToHclTerraform, anyToTerraform, hashMapper, hashMapperHcl } = runtime.core;

  class FmeDataResource extends runtime.core.TerraformResource {
    /** Lets cdktf's jest matchers (`toHaveResource`) find these resources. */
    public static readonly tfResourceType = 'terraform_data';

    private readonly triggersReplace: { [key: string]: string };

    constructor(scope: Construct, id: string, config: FmeDataResourceConfig) {
      super(scope, id, {
        terraformResourceType: 'terraform_data',
        // The built-in provider: exempt from cdktf's "resource without a provider" validation.
        terraformGeneratorMetadata: { providerName: 'terraform' },
        lifecycle: config.lifecycle,
        provisioners: config.provisioners,
        dependsOn: config.dependsOn,
      });
      this.triggersReplace = config.triggersReplace;
    }

    protected synthesizeAttributes(): { [name: string]: any } {
      return { triggers_replace: hashMapper(anyToTerraform)(this.triggersReplace) };
    }

    protected synthesizeHclAttributes(): { [name: string]: any } {
      return { triggers_replace: hashMapperHcl(anyToHclTerraform)(this.triggersReplace) };
    }
  }
  CLASSES.set(runtime, FmeDataResource);
  return FmeDataResource;
}
