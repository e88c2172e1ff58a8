import { Construct } from 'constructs';
import { Annotations } from '../cdk-runtime';
import { IFeatureFlag } from './flag-reference';
import { RemovalPolicy } from './policies';
import { sortedUnique } from '../model/definition';
import { RolloutStatus } from '../model/rollout-status';
import { registerParts } from './internal/parts';
import { stackIdProblems } from '../model/ownership';
import { checkProps, FEATURE_FLAG_PROPS } from './internal/prop-checks';
import { flagNameProblems, tagProblems, trafficTypeProblems } from '../model/rules/names';
import { ownerProblems } from '../model/rules/owners';
import { treatmentConfigProblems } from '../model/rules/treatment-configs';
import { treatmentCountProblems } from '../model/rules/treatment-count';
import { treatmentNameProblems } from '../model/rules/treatment-names';
import { defaultTreatments, Treatment } from '../model/treatment';
import { FlagMetadataSpec } from '../spec/resource-spec';
import { addCrossConstructValidation, throwIfProblems } from './internal/validation';

/**
 * Properties of `FeatureFlag`.
 */
export interface FeatureFlagProps {
  /** Flag name: a letter first, then letters, digits, `-` or `_`; at most 100 characters. */
  readonly flagName: string;

  /**
   * Traffic type the flag evaluates (the kind of key: user, account, …).
   *
   * @default 'user'
   */
  readonly trafficType?: string;

  /**
   * Description shown in FME.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * Owners (user emails or group names).
   *
   * Not written to FME: the Admin API v2 that the handler speaks cannot set a flag's owners, and
   * FME reports owners by id, never by e-mail (docs/fme-api.md#owners). Setting it adds a synth
   * warning; set owners in FME instead.
   *
   * @default - no owners
   * @deprecated FME's Admin API v2 cannot set flag owners; set them in FME.
   */
  readonly owners?: string[];

  /**
   * Tags: letters, digits, `-`, `_`, `:`; at most 20.
   *
   * @default - no tags
   */
  readonly tags?: string[];

  /**
   * Rollout status.
   *
   * @default - FME's default for new flags (Pre-Production); an existing flag's status is left as is
   */
  readonly rolloutStatus?: RolloutStatus;

  /**
   * The flag's treatments; rollout plans use them unless they declare their own.
   *
   * @default - `on` and `off`
   */
  readonly treatments?: Treatment[];

  /**
   * What happens to the flag in FME when it leaves the code or the stack is destroyed: deleted
   * (`DESTROY`), left (`RETAIN`), or archived with its definitions (`ARCHIVE`: SDKs answer
   * `control`, and declaring the flag again unarchives it).
   *
   * @default - the `FmeConfig`'s removal policy
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Id of the stack that owns this flag now, when it moves to this stack (explicit transfer).
   * Without it, a deploy that finds the flag owned by another stack fails and changes nothing.
   * See `FmeConfig.stackId` and the README's lifecycle table.
   *
   * @default - no transfer (the stack-wide `FmeConfig` `transferFrom` still applies)
   */
  readonly transferFrom?: string;
}

/**
 * A feature flag owned by this stack: its metadata (traffic type, description, owners, tags,
 * rollout status) and the treatments its rollout plans default to.
 *
 * The flag is synthesized into the stack's one resource for this flag (see `FmeConfig`).
 *
 * @example
 * const flag = new FeatureFlag(stack, 'NewCheckout', { flagName: 'new_checkout' });
 */
export class FeatureFlag extends Construct implements IFeatureFlag {
  /** The flag's name in FME. */
  public readonly flagName: string;
  /** The traffic type the flag evaluates. */
  public readonly trafficType: string;
  /** The flag's treatments, in declaration order. */
  public readonly treatments: Treatment[];

  constructor(scope: Construct, id: string, props: FeatureFlagProps) {
    super(scope, id);
    checkProps(this, FEATURE_FLAG_PROPS, props);
    this.flagName = props.flagName;
    this.trafficType = props.trafficType ?? 'user';
    this.treatments = [...(props.treatments ?? defaultTreatments())];
    const owners = props.owners ?? [];
    const tags = props.tags ?? [];

    throwIfProblems(this, [
      ...flagNameProblems(this.flagName),
      ...trafficTypeProblems(this.trafficType),
      ...tagProblems(tags),
      ...ownerProblems(owners),
      ...treatmentCountProblems(this.treatments),
      ...treatmentNameProblems(this.treatments),
      ...treatmentConfigProblems(this.treatments),
      ...(props.transferFrom !== undefined ? stackIdProblems(props.transferFrom, false) : []),
    ]);

    if (owners.length > 0) {
      Annotations.of(this).addWarning(
        `owners (${sortedUnique(owners).join(', ')}) are not written to FME: the Admin API v2 cannot set flag owners ` +
        '(docs/fme-api.md#owners in cdktf-harness-fme). Set them in FME, and remove the owners prop to silence this warning.');
    }
    const metadata: FlagMetadataSpec = {
      trafficType: this.trafficType,
      ...(props.description !== undefined ? { description: props.description } : {}),
      ...(tags.length > 0 ? { tags: sortedUnique(tags) } : {}),
      ...(props.rolloutStatus ? { rolloutStatus: props.rolloutStatus.name } : {}),
    };
    registerParts(this, () => [{
      kind: 'flag',
      path: this.node.path,
      flagName: this.flagName,
      trafficType: this.trafficType,
      metadata,
      treatments: this.treatments,
      removalPolicy: props.removalPolicy,
      transferFrom: props.transferFrom,
    }]);
    addCrossConstructValidation(this);
  }

  /** Names of the flag's treatments, in declaration order. */
  public get treatmentNames(): string[] {
    return this.treatments.map((t) => t.name);
  }
}
