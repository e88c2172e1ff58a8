import { Construct } from 'constructs';
import { Matcher } from '../../model/matcher';
import { environmentErrors, fmeNameErrors, tagErrors } from '../rules/fme-names';
import { matcherErrors, ruleMatchersErrors } from '../rules/matchers';
import { addRule } from '../validation';
import { renderMatcher } from './matchers';
import { Step, StepOptions } from './step';

/** Options of the segment steps. */
export interface FmeSegmentStepOptions extends StepOptions {
  /** The segment's name (`^[a-zA-Z][-_a-zA-Z0-9]*$`) or an expression. */
  readonly segmentName: string;
}

/** Base of the segment steps. */
export abstract class FmeSegmentStep extends Step {
  /** The segment name written to YAML. */
  public readonly segmentName: string;

  protected constructor(scope: Construct, id: string, stepType: string, options: FmeSegmentStepOptions) {
    super(scope, id, stepType, options);
    this.segmentName = options.segmentName;
    addRule(this, () => fmeNameErrors(this.segmentName, 'segment name'));
  }

  /** @internal */
  public _changesFme(): boolean {
    return true;
  }
}

/** FME segment kinds. */
export enum SegmentType {
  /** Fewer than 100,000 keys. */
  STANDARD = 'Standard',
  /** More than 100,000 keys (client-side SDKs only). */
  LARGE = 'Large',
  /** Membership computed from targeting rules. */
  RULE_BASED = 'RuleBased',
}

/** Props of `FmeSegmentCreate`. */
export interface FmeSegmentCreateProps extends FmeSegmentStepOptions {
  /** The traffic type (case-sensitive), e.g. `user`. */
  readonly trafficType: string;
  /**
   * The segment kind.
   * @default SegmentType.STANDARD
   */
  readonly segmentType?: SegmentType;
  /**
   * The segment's description.
   * @default - none
   */
  readonly segmentDescription?: string;
  /**
   * Owners (at least one when given).
   * @default - the admin team
   */
  readonly owners?: string[];
  /**
   * Tags (at most 20).
   * @default - none
   */
  readonly tags?: string[];
}

/** Segment Create (`FmeSegmentCreate`). */
export class FmeSegmentCreate extends FmeSegmentStep {
  private readonly props: FmeSegmentCreateProps;

  constructor(scope: Construct, id: string, props: FmeSegmentCreateProps) {
    super(scope, id, 'FmeSegmentCreate', props);
    this.props = props;
    addRule(this, () => [
      ...tagErrors(props.tags, 'tags'),
      ...(props.owners !== undefined && props.owners.length === 0 ? ['[segment-owners] owners, when given, must list at least one owner.'] : []),
    ]);
  }

  protected renderSpec(): { [key: string]: any } {
    const p = this.props;
    const spec: { [key: string]: any } = {
      name: this.segmentName, trafficType: p.trafficType, segmentType: p.segmentType ?? SegmentType.STANDARD,
    };
    if (p.segmentDescription !== undefined) spec.description = p.segmentDescription;
    if (p.owners !== undefined) spec.owners = [...p.owners];
    if (p.tags !== undefined) spec.tags = [...p.tags];
    return spec;
  }
}

/** Props of `FmeSegmentUpdate`. */
export interface FmeSegmentUpdateProps extends FmeSegmentStepOptions {
  /**
   * New description.
   * @default - unchanged
   */
  readonly segmentDescription?: string;
  /**
   * New owners.
   * @default - unchanged
   */
  readonly owners?: string[];
  /**
   * New tags (at most 20).
   * @default - unchanged
   */
  readonly tags?: string[];
}

/** Segment Update (`FmeSegmentUpdate`): metadata only; Harness skips the step when nothing is set. */
export class FmeSegmentUpdate extends FmeSegmentStep {
  private readonly props: FmeSegmentUpdateProps;

  constructor(scope: Construct, id: string, props: FmeSegmentUpdateProps) {
    super(scope, id, 'FmeSegmentUpdate', props);
    this.props = props;
    addRule(this, () => tagErrors(props.tags, 'tags'));
  }

  protected renderSpec(): { [key: string]: any } {
    const p = this.props;
    const spec: { [key: string]: any } = { name: this.segmentName };
    if (p.segmentDescription !== undefined) spec.description = p.segmentDescription;
    if (p.owners !== undefined) spec.owners = [...p.owners];
    if (p.tags !== undefined) spec.tags = [...p.tags];
    return spec;
  }
}

/** Props of `FmeSegmentDelete`. */
export interface FmeSegmentDeleteProps extends FmeSegmentStepOptions {}

/** Segment Delete (`FmeSegmentDelete`). */
export class FmeSegmentDelete extends FmeSegmentStep {
  constructor(scope: Construct, id: string, props: FmeSegmentDeleteProps) {
    super(scope, id, 'FmeSegmentDelete', props);
  }

  protected renderSpec(): { [key: string]: any } {
    return { name: this.segmentName };
  }
}

/** Props of `FmeSegmentAddRemoveTargets`. */
export interface FmeSegmentAddRemoveTargetsProps extends FmeSegmentStepOptions {
  /** The FME environment id (or name, or an expression). */
  readonly environment: string;
  /**
   * Keys to add.
   * @default []
   */
  readonly addKeys?: string[];
  /**
   * Keys to remove.
   * @default []
   */
  readonly removeKeys?: string[];
}

/** Segment Add/Remove Targets (`FmeSegmentAddRemoveTargets`): edits a segment's keys in one environment. */
export class FmeSegmentAddRemoveTargets extends FmeSegmentStep {
  private readonly props: FmeSegmentAddRemoveTargetsProps;

  constructor(scope: Construct, id: string, props: FmeSegmentAddRemoveTargetsProps) {
    super(scope, id, 'FmeSegmentAddRemoveTargets', props);
    this.props = props;
    addRule(this, () => [
      ...environmentErrors(props.environment),
      ...((props.addKeys ?? []).length + (props.removeKeys ?? []).length === 0
        ? ['[segment-keys-empty] give at least one key in addKeys or removeKeys (Harness fails the step otherwise).'] : []),
    ]);
  }

  protected renderSpec(): { [key: string]: any } {
    const p = this.props;
    return {
      segmentName: this.segmentName,
      environment: p.environment,
      addKeys: [...(p.addKeys ?? [])],
      removeKeys: [...(p.removeKeys ?? [])],
    };
  }
}

/** One rule of a rule-based segment: a key is a member when all matchers match. */
export interface SegmentRule {
  /**
   * The matchers (ANDed), built with the model's factories, e.g. `Matcher.numberAtLeast('orders', 10)`.
   * String values may be Harness expressions (`<+pipeline.variables.x>`).
   */
  readonly matchers: Matcher[];
}

/** Props of `FmeSegmentSetTargetingRules`. */
export interface FmeSegmentSetTargetingRulesProps extends FmeSegmentStepOptions {
  /** The FME environment id (or name, or an expression). */
  readonly environment: string;
  /** The rules of the rule-based segment (a key matching any rule is a member). */
  readonly rules: SegmentRule[];
  /**
   * Keys excluded from the segment.
   * @default - none
   */
  readonly excludeKeys?: string[];
  /**
   * Segments excluded from the segment.
   * @default - none
   */
  readonly excludeSegments?: string[];
  /**
   * Title of the change.
   * @default - none
   */
  readonly title?: string;
  /**
   * Comment on the change.
   * @default - none
   */
  readonly comment?: string;
}

/** Segment Set Targeting Rules (`FmeSegmentSetTargetingRules`): defines a rule-based segment's rules. */
export class FmeSegmentSetTargetingRules extends FmeSegmentStep {
  private readonly props: FmeSegmentSetTargetingRulesProps;

  constructor(scope: Construct, id: string, props: FmeSegmentSetTargetingRulesProps) {
    super(scope, id, 'FmeSegmentSetTargetingRules', props);
    this.props = props;
    addRule(this, () => [
      ...environmentErrors(props.environment),
      ...props.rules.flatMap((r, i) => [
        ...ruleMatchersErrors(r.matchers, `rules[${i}]`),
        ...r.matchers.flatMap((m, j) => matcherErrors(m, `rules[${i}].matchers[${j}]`)),
      ]),
    ]);
  }

  protected renderSpec(): { [key: string]: any } {
    const p = this.props;
    const spec: { [key: string]: any } = {
      segmentName: this.segmentName,
      environment: p.environment,
      rules: p.rules.map(r => ({ condition: { rules: r.matchers.map(renderMatcher) } })),
    };
    if (p.excludeKeys !== undefined) spec.excludeKeys = [...p.excludeKeys];
    if (p.excludeSegments !== undefined) spec.excludeSegments = [...p.excludeSegments];
    if (p.title !== undefined) spec.title = p.title;
    if (p.comment !== undefined) spec.comment = p.comment;
    return spec;
  }
}
