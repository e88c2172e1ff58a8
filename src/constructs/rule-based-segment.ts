import { Construct } from 'constructs';
import { ExcludedSegment } from './excluded-segment';
import { registerParts } from './internal/parts';
import { checkProps, RULE_BASED_SEGMENT_PROPS } from './internal/prop-checks';
import { addCrossConstructValidation, throwIfProblems } from './internal/validation';
import { RemovalPolicy } from './policies';
import { stackIdProblems } from '../model/ownership';
import { problem, Problem } from '../model/problem';
import { IRuleBasedSegmentRef } from '../model/rule-based-segment-ref';
import { RuleBasedSegmentRule } from '../model/rule-based-segment-rule';
import { environmentProblems, segmentNameProblems, trafficTypeProblems } from '../model/rules/names';
import { ruleBasedSegmentRuleProblems } from '../model/rules/rule-based-segments';

/**
 * What a rule-based segment is in one environment: its rules and what it leaves out.
 */
export interface RuleBasedSegmentEnvironment {
  /** FME environment name or id. */
  readonly environment: string;
  /**
   * OR-ed rules: a key is in the segment when every matcher of some rule holds (at least one rule).
   */
  readonly rules: RuleBasedSegmentRule[];
  /**
   * Keys never in the segment, whatever the rules say.
   *
   * @default - no key is excluded
   */
  readonly excludedKeys?: string[];
  /**
   * Segments (standard or rule-based) whose keys are never in it.
   *
   * @default - no segment is excluded
   */
  readonly excludedSegments?: ExcludedSegment[];
}

/**
 * Properties of `RuleBasedSegment`.
 */
export interface RuleBasedSegmentProps {
  /** Segment name: a letter first, then letters, digits, `-` or `_`. */
  readonly segmentName: string;

  /**
   * Traffic type of the segment's keys.
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
   * The segment's rules and exclusions per environment.
   *
   * @default - the segment is not configured in any environment (add some with `addEnvironment`)
   */
  readonly environments?: RuleBasedSegmentEnvironment[];

  /**
   * What happens to the segment in FME when it leaves the code or the stack is destroyed.
   * `RemovalPolicy.ARCHIVE` is refused: FME archives flags only.
   *
   * @default - the `FmeConfig`'s removal policy
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Id of the stack that owns this segment now, when it moves to this stack (explicit transfer).
   *
   * @default - no transfer (the stack-wide `FmeConfig` `transferFrom` still applies)
   */
  readonly transferFrom?: string;
}

/**
 * A rule-based segment owned by this stack: keys are in it when they match its rules (evaluated
 * by the SDK with the attributes passed to `getTreatment`), unless excluded. Flags target it with
 * `Matcher.inRuleBasedSegment(segment)`. Its definition per environment replaces the live one.
 */
export class RuleBasedSegment extends Construct implements IRuleBasedSegmentRef {
  /** The segment's name in FME. */
  public readonly segmentName: string;
  /** The traffic type of the segment's keys. */
  public readonly trafficType: string;
  private readonly environments = new Map<string, { rules: RuleBasedSegmentRule[]; excludedKeys: string[]; excludedSegments: ExcludedSegment[] }>();

  constructor(scope: Construct, id: string, props: RuleBasedSegmentProps) {
    super(scope, id);
    checkProps(this, RULE_BASED_SEGMENT_PROPS, props);
    this.segmentName = props.segmentName;
    this.trafficType = props.trafficType ?? 'user';
    throwIfProblems(this, [
      ...segmentNameProblems(this.segmentName),
      ...trafficTypeProblems(this.trafficType),
      ...(props.transferFrom !== undefined ? stackIdProblems(props.transferFrom, false) : []),
    ]);
    for (const e of props.environments ?? []) this.addEnvironment(e);

    registerParts(this, () => [{
      kind: 'ruleBasedSegment',
      path: this.node.path,
      segmentName: this.segmentName,
      trafficType: this.trafficType,
      description: props.description,
      environments: new Map(this.environments),
      removalPolicy: props.removalPolicy,
      transferFrom: props.transferFrom,
    }]);
    addCrossConstructValidation(this);
  }

  /**
   * Configures the segment in an environment (replacing what an earlier call set there).
   */
  public addEnvironment(environment: RuleBasedSegmentEnvironment): void {
    const e = environment ?? ({} as RuleBasedSegmentEnvironment);
    const excludedKeys = e.excludedKeys ?? [];
    const excludedSegments = e.excludedSegments ?? [];
    throwIfProblems(this, [
      ...environmentProblems(e.environment),
      ...ruleBasedSegmentRuleProblems(e.environment, e.rules),
      ...this.referenceProblems(e.environment, excludedKeys, excludedSegments, e.rules),
    ]);
    this.environments.set(e.environment, { rules: [...e.rules], excludedKeys: [...excludedKeys], excludedSegments: [...excludedSegments] });
  }

  /** Exclusions, and segments its own matchers name: same traffic type, never itself. */
  private referenceProblems(environment: string, keys: string[], segments: ExcludedSegment[], rules: RuleBasedSegmentRule[]): Problem[] {
    const where = `environment "${environment}"`;
    const problems: Problem[] = [];
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string' || k.length === 0)) {
      problems.push(problem('rule-based segments', `${where}: excludedKeys must be non-empty strings`));
    }
    for (const m of (Array.isArray(rules) ? rules : []).flatMap((r) => (r instanceof RuleBasedSegmentRule ? r.matchers : []))) {
      const ref = m?._ruleBasedSegment;
      if (ref && ref.trafficType !== this.trafficType) {
        problems.push(problem('traffic type', `${where}: ${m.description} has traffic type ${ref.trafficType}, not ${this.trafficType}; refer to a segment of the same traffic type`));
      }
    }
    for (const s of Array.isArray(segments) ? segments : []) {
      if (!(s instanceof ExcludedSegment)) {
        problems.push(problem('rule-based segments', `${where}: excludedSegments entries must be made with ExcludedSegment factories`));
        continue;
      }
      problems.push(...segmentNameProblems(s.segmentName));
      if (s._kind === 'ruleBased' && s.segmentName === this.segmentName) {
        problems.push(problem('rule-based segments', `${where}: the segment excludes itself; remove it from excludedSegments`));
      }
      if (s._trafficType !== undefined && s._trafficType !== this.trafficType) {
        problems.push(problem('traffic type', `${where}: excluded segment "${s.segmentName}" has traffic type ${s._trafficType}, not ${this.trafficType}; exclude a segment of the same traffic type`));
      }
    }
    return problems;
  }
}
