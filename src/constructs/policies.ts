/**
 * What happens to an FME object when it leaves the code or the stack is destroyed.
 */
export enum RemovalPolicy {
  /** Delete the object from FME. */
  DESTROY = 'destroy',
  /** Leave the object in FME untouched. */
  RETAIN = 'retain',
  /**
   * Flags only (`FeatureFlag`, or `FmeConfig` for its flags): archive the flag instead of deleting
   * it. SDKs then answer `control` for it everywhere, its definitions stay with it, and adding the
   * flag to the code again unarchives it (docs/fme-api.md#archive-and-unarchive). A `RolloutPlan` or
   * `Segment` cannot be archived on its own: setting it there is a synth error; under an `FmeConfig`
   * default of `ARCHIVE`, segments are deleted and a plan whose flag stays has its definition deleted.
   */
  ARCHIVE = 'archive',
}

/**
 * The Terraform resource type that carries each FME object's spec (docs/decisions.md, D1).
 */
export enum BackingResource {
  /** `terraform_data`: built into Terraform ≥ 1.4, no provider download. */
  TERRAFORM_DATA = 'terraform_data',
  /** `null_resource` from the `hashicorp/null` provider (needs the provider registry at `terraform init`). */
  NULL_RESOURCE = 'null_resource',
}

/**
 * What the handler does when an object it is told to create already exists in FME and was not
 * created by this stack.
 */
export enum ExistingObjectPolicy {
  /** Take the object over and converge it to the code. */
  ADOPT = 'adopt',
  /** Stop with an error naming the object. */
  FAIL = 'fail',
}
