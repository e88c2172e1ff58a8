import { IConstruct } from 'constructs';
import { PlanModel } from '../../model/plan';
import { RuleBasedSegmentRule } from '../../model/rule-based-segment-rule';
import { Treatment } from '../../model/treatment';
import { BucketSpec, FlagMetadataSpec, RemovalPolicySpec, TargetListSpec } from '../../spec/resource-spec';
import { ExcludedSegment } from '../excluded-segment';
import { IFeatureFlag } from '../flag-reference';

/**
 * What each FME construct contributes to the stack. `FmeConfig` collects the parts of every
 * construct in its stack at synth time and composes one resource spec per FME object.
 */
interface PartBase {
  /** Construct path, for error messages. */
  readonly path: string;
}

/** A `FeatureFlag`: the stack owns the flag itself. */
export interface FlagOwnerPart extends PartBase {
  readonly kind: 'flag';
  readonly flagName: string;
  readonly trafficType: string;
  readonly metadata: FlagMetadataSpec;
  readonly treatments: Treatment[];
  readonly removalPolicy?: RemovalPolicySpec;
  /** Stack the flag may be taken over from (explicit transfer, docs/ownership.md). */
  readonly transferFrom?: string;
}

interface FlagEnvironmentPartBase extends PartBase {
  readonly flagName: string;
  readonly environment: string;
  /** Known when the flag was given as a construct or with an explicit traffic type. */
  readonly trafficType?: string;
  readonly flag?: IFeatureFlag;
}

/** A `RolloutPlan`: the whole definition of a flag in an environment. */
export interface PlanPart extends FlagEnvironmentPartBase {
  readonly kind: 'plan';
  readonly plan: PlanModel;
  /** Whether the plan set its own default rule (a `DefaultAllocation` then conflicts). */
  readonly explicitDefaultRule: boolean;
  readonly removalPolicy?: RemovalPolicySpec;
  /** Stack the definition may be taken over from (explicit transfer, docs/ownership.md). */
  readonly transferFrom?: string;
}

/** An `IndividualTargets`: set (replace) or add/remove (incremental). */
export interface TargetsPart extends FlagEnvironmentPartBase {
  readonly kind: 'targets';
  readonly mode: 'set' | 'incremental';
  readonly set?: Record<string, TargetListSpec>;
  readonly add?: Record<string, TargetListSpec>;
  readonly remove?: Record<string, TargetListSpec>;
}

/** A `DefaultAllocation`: the default rule. */
export interface AllocationPart extends FlagEnvironmentPartBase {
  readonly kind: 'allocation';
  readonly buckets: BucketSpec[];
}

/** A `KillSwitch`. */
export interface KillPart extends FlagEnvironmentPartBase {
  readonly kind: 'kill';
  readonly killed: boolean;
}

/** A `Segment`. */
export interface SegmentPart extends PartBase {
  readonly kind: 'segment';
  readonly segmentName: string;
  readonly trafficType: string;
  readonly description?: string;
  /** Environment → keys (set mode: the segment holds exactly these keys). */
  readonly keys: ReadonlyMap<string, string[]>;
  readonly removalPolicy?: RemovalPolicySpec;
  /** Stack the segment may be taken over from (explicit transfer, docs/ownership.md). */
  readonly transferFrom?: string;
}

/** A `FlagSet`. */
export interface FlagSetPart extends PartBase {
  readonly kind: 'flagSet';
  readonly flagSetName: string;
  readonly description?: string;
  readonly removalPolicy?: RemovalPolicySpec;
  /** Stack the flag set may be taken over from (explicit transfer, docs/ownership.md). */
  readonly transferFrom?: string;
}

/** What a `RuleBasedSegment` declares in one environment. */
export interface RuleBasedSegmentEnvironmentPart {
  readonly rules: RuleBasedSegmentRule[];
  readonly excludedKeys: string[];
  readonly excludedSegments: ExcludedSegment[];
}

/** A `RuleBasedSegment`. */
export interface RuleBasedSegmentPart extends PartBase {
  readonly kind: 'ruleBasedSegment';
  readonly segmentName: string;
  readonly trafficType: string;
  readonly description?: string;
  /** Environment → its definition (set mode: the live definition is replaced). */
  readonly environments: ReadonlyMap<string, RuleBasedSegmentEnvironmentPart>;
  readonly removalPolicy?: RemovalPolicySpec;
  /** Stack the segment may be taken over from (explicit transfer, docs/ownership.md). */
  readonly transferFrom?: string;
}

/** One environment's keys file of a `LargeSegment`, read and checked at synth. */
export interface LargeSegmentFile {
  /** Absolute path of the user's file (for messages only). */
  readonly source: string;
  /** The keys, one per line, `\n`-terminated: what is written next to the stack and uploaded. */
  readonly content: string;
  /** SHA-256 (hex) of `content`. */
  readonly sha256: string;
  readonly keyCount: number;
}

/** A `LargeSegment`. */
export interface LargeSegmentPart extends PartBase {
  readonly kind: 'largeSegment';
  readonly segmentName: string;
  readonly trafficType: string;
  readonly description?: string;
  /** Environment → its keys file. */
  readonly files: ReadonlyMap<string, LargeSegmentFile>;
  readonly removalPolicy?: RemovalPolicySpec;
  readonly transferFrom?: string;
}

export type FlagEnvironmentPart = PlanPart | TargetsPart | AllocationPart | KillPart;
export type Part = FlagOwnerPart | FlagEnvironmentPart | SegmentPart | FlagSetPart | RuleBasedSegmentPart | LargeSegmentPart;

// Also read (never written) by the pipeline's ownership rules (src/pipeline/rules/declared-parts.ts),
// which may not import this layer: keep the key and the fields kind, path, flagName, environment,
// flagSetName (FlagSetPart) and plan.flagSets (PlanPart: undefined = the plan leaves the definition's
// sets alone) (test/pipeline/stack-ownership.test.ts, test/pipeline/stack-flag-sets.test.ts).
const PARTS = Symbol.for('cdktf-harness-fme.parts');

/**
 * Marks a construct as contributing parts. The producer runs at synth time, so parts reflect
 * changes made after construction (e.g. `Segment.addKeys`). A symbol keeps it out of the jsii API.
 */
export function registerParts(construct: IConstruct, produce: () => Part[]): void {
  Object.defineProperty(construct, PARTS, { value: produce, enumerable: false });
}

export function partsOf(construct: IConstruct): Part[] {
  const produce = (construct as unknown as Record<symbol, (() => Part[]) | undefined>)[PARTS];
  return produce ? produce() : [];
}
