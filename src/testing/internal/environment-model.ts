import { effectiveDefinition, segmentKeysIn } from './effective-definitions';
import { sdkSplits } from './sdk-splits';
import { SplitEvaluator } from './split-evaluator';
import type { SynthesizedSpecs } from './synthesized-specs';
import { sdkRuleBasedSegment } from '../../emulator/sdk/rbs-translation';
import type { SdkSplit } from '../../emulator/sdk/split-translation';

/** One answer of the SDK evaluator, with what decided it. */
export interface EnvironmentEvaluation {
  readonly treatment: string;
  /** The matched condition as the SDK labels it (`default rule`, `whitelisted`, `country in list [US]`, `killed`, …). */
  readonly label: string;
  readonly config?: string;
  /** The answer depends on the key's hash bucket, so on FME's random seeds (docs/testing.md#percentages). */
  readonly bucketed: boolean;
}

/** The SDK's label when limit exposure (traffic allocation) left the key out. */
const NOT_IN_SPLIT = 'not in split';
/** Numbers each condition's label (`3|country in list [US]`) so the answer tells which condition decided. */
const NUMBERED_LABEL = /^(\d+)\|([\s\S]*)$/;

/**
 * Everything the synthesized stack deploys to one environment, loaded into an SDK storage: the
 * definitions of every flag the stack decides there (dependencies are evaluated against them) and
 * the keys of every segment the stack declares there.
 */
export class EnvironmentModel {
  private readonly splits = new Map<string, SdkSplit>();
  private readonly evaluator: SplitEvaluator;

  constructor(specs: SynthesizedSpecs, environment: string) {
    const definitions = specs.flags.flatMap((flag) => {
      const definition = effectiveDefinition(flag, environment);
      return definition ? [{ flagName: flag.flagName, trafficType: flag.metadata?.trafficType ?? 'user', definition }] : [];
    });
    for (const split of sdkSplits(environment, definitions)) {
      split.conditions.forEach((c, i) => { c.label = `${i}|${c.label}`; });
      this.splits.set(split.name, split);
    }
    const segments = new Map<string, string[]>();
    for (const segment of specs.segments) {
      const keys = segmentKeysIn(segment, environment);
      if (keys) segments.set(segment.segmentName, keys);
    }
    // Rule-based segments in the SDK's own format, by the emulator's translation (docs/fme-api.md#sdk-splitchanges).
    const ruleBased = specs.ruleBasedSegments.flatMap((s) => {
      const definition = s.environments.find((e) => e.environment === environment)?.definition;
      return definition ? [sdkRuleBasedSegment(s.segmentName, s.metadata.trafficType, definition, 1)] : [];
    });
    this.evaluator = new SplitEvaluator([...this.splits.values()], segments, ruleBased, specs.largeSegmentKeys?.get(environment));
  }

  /** Whether the stack decides the flag's definition in this environment. */
  public has(flagName: string): boolean {
    return this.splits.has(flagName);
  }

  public evaluate(flagName: string, key: string, attributes?: Record<string, unknown>): EnvironmentEvaluation {
    const result = this.evaluator.evaluate(flagName, key, attributes);
    const split = this.splits.get(flagName);
    const numbered = NUMBERED_LABEL.exec(result.label);
    const condition = numbered && split ? split.conditions[Number(numbered[1])] : undefined;
    const bucketed = result.label === NOT_IN_SPLIT || (condition !== undefined && condition.conditionType === 'ROLLOUT'
      && (split!.trafficAllocation < 100 || condition.partitions.filter((p) => p.size > 0).length > 1));
    return {
      treatment: result.treatment,
      label: numbered ? numbered[2] : result.label,
      ...(result.config !== null ? { config: result.config } : {}),
      bucketed,
    };
  }
}
