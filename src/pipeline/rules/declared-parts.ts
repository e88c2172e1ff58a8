import { IConstruct } from 'constructs';

/**
 * The fields of a construct's declared part that the pipeline's ownership rules read
 * (rules/stack-ownership.ts, rules/stack-flag-sets.ts). Every field but `kind` and `path` is optional
 * here because each kind carries only its own.
 *
 * @internal
 */
export interface DeclaredPart {
  readonly kind: string;
  readonly path: string;
  /** Parts about a flag (`flag`, `plan`, `allocation`, `targets`, `kill`). */
  readonly flagName?: string;
  /** Parts about one environment's definition of a flag. */
  readonly environment?: string;
  /** `flagSet` parts (a `FlagSet` construct). */
  readonly flagSetName?: string;
  /**
   * `plan` parts (a `RolloutPlan`): only whether it lists flag sets is read. `flagSets` undefined means
   * the stack leaves the definition's sets alone (docs/fme-api.md#flag-sets); a list (even empty)
   * replaces them on every deploy.
   */
  readonly plan?: { readonly flagSets?: readonly string[] };
}

/**
 * The key under which the FME constructs (`FeatureFlag`, `RolloutPlan`, `DefaultAllocation`,
 * `IndividualTargets`, `KillSwitch`, `FlagSet`, …) declare what their stack manages, for `FmeConfig`
 * to compose (`registerParts` in src/constructs/internal/parts.ts). The pipeline layer may import only
 * the model and the spec (docs/ARCHITECTURE.md, layers), and the constructs should not know about
 * pipelines, so the shared contract is this global symbol and the fields of `DeclaredPart`: the
 * pipeline asks, at validation time, what each construct declared, without importing the constructs.
 * test/pipeline/stack-ownership.test.ts and test/pipeline/stack-flag-sets.test.ts build real
 * constructs, so a renamed key or a changed part shape fails there rather than silently disabling
 * the checks.
 */
const DECLARED_PARTS = Symbol.for('cdktf-harness-fme.parts');

/**
 * What one construct declared (nothing for constructs that are not FME constructs).
 *
 * @internal
 */
export function declaredParts(construct: IConstruct): DeclaredPart[] {
  const produce = (construct as unknown as { [key: symbol]: unknown })[DECLARED_PARTS];
  return typeof produce === 'function' ? (produce as () => DeclaredPart[])() : [];
}
