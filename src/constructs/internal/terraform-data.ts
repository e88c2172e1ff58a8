import {
  anyToHclTerraform, anyToTerraform, hashMapper, hashMapperHcl, ITerraformDependable, LocalExecProvisioner,
  TerraformResource, TerraformResourceLifecycle,
} from 'cdktf';
import { Construct } from 'constructs';

/** What an FME object's `terraform_data` carries. */
export interface FmeDataResourceConfig {
  readonly triggersReplace: { [key: string]: string };
  readonly lifecycle?: TerraformResourceLifecycle;
  readonly provisioners?: LocalExecProvisioner[];
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * `terraform_data`, synthesized exactly as cdktf's `DataResource` does, minus the
 * `terraform version` check `DataResource` attaches to every instance: that check spawns Terraform
 * once per resource at synth (~60 ms each, minutes for an estate of thousands of flags).
 * `FmeConfig` runs the same check once per stack instead.
 */
export class FmeDataResource extends TerraformResource {
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
