/**
 * One difference between the code (the synthesized specs) and live FME, in the vocabulary of the
 * TypeScript API (docs/live.md#fields). `diff` and `drift` print the same differences; only the
 * phrasing differs.
 */

export type ObjectKind = 'flag' | 'segment' | 'flag set' | 'rule-based segment' | 'large segment';

/**
 * What a deploy would do about the difference: create the object, update it in place, delete it
 * (it left the code), or stop (`blocked`: another stack owns it, it is missing and not this
 * stack's to create, …).
 */
export type DeployAction = 'create' | 'update' | 'delete' | 'blocked';

/**
 * Field names, as the constructs call them: flag metadata (`description`, `tags`, `owners`,
 * `rolloutStatus`, `trafficType`, `owner`), a whole object (`flag`, `segment`, `definition`),
 * definition parts (`treatments`, `configs`, `targets`, `rules`, `defaultRule`, `limitExposure`,
 * `defaultTreatment`, `baselineTreatment`, `prerequisites`, `killed`, `flagSets`) and segment `keys`.
 */
export type Field =
  | 'flag' | 'segment' | 'flagSet' | 'definition' | 'flagSets' | 'ruleBasedSegment' | 'largeSegment'
  | 'description' | 'tags' | 'owners' | 'rolloutStatus' | 'trafficType' | 'owner'
  | 'treatments' | 'configs' | 'targets' | 'rules' | 'defaultRule' | 'limitExposure' | 'defaultTreatment' | 'baselineTreatment' | 'prerequisites' | 'killed'
  | 'keys';

export interface Difference {
  readonly kind: ObjectKind;
  readonly name: string;
  /** The environment as the code names it; absent for workspace-level fields. */
  readonly environment?: string;
  readonly field: Field;
  readonly action: DeployAction;
  /**
   * One line per change, FME's value first and the code's second:
   * `~ limit exposure: 100% → 50%`, `+ rule 2: if country in [US, CA] → on`, `- target on: key qa_bob`.
   */
  readonly details: string[];
  /** Id of a change request open on this definition in FME (approval-gated environments). */
  readonly openChangeRequest?: string;
  /** Id of the latest change request FME rejected for this object in this environment (approval-gated environments). */
  readonly rejectedChangeRequest?: string;
}

/** `new_checkout/Production/killed`, `new_checkout/description`: what `--ignore` patterns match. */
export function differencePath(d: Pick<Difference, 'name' | 'environment' | 'field'>): string {
  return d.environment === undefined ? `${d.name}/${d.field}` : `${d.name}/${d.environment}/${d.field}`;
}

/** `flag new_checkout / Production`. */
export function objectTitle(d: Pick<Difference, 'kind' | 'name' | 'environment'>): string {
  return d.environment === undefined ? `${d.kind} ${d.name}` : `${d.kind} ${d.name} / ${d.environment}`;
}
