import * as path from 'path';
import type { SdkRuleBasedSegment } from '../../emulator/sdk/rbs-translation';
import type { SdkSplit } from '../../emulator/sdk/split-translation';

/** What the SDK's evaluator answers for one key (`IEvaluationResult` of splitio-commons). */
export interface SdkEvaluation {
  readonly treatment: string;
  /** The matched condition's label, `default rule`, `killed`, `not in split`, `definition not found`, … */
  readonly label: string;
  readonly config: string | null;
}

/** The parts of `@splitsoftware/splitio-commons` the kit uses (docs/testing.md#the-sdk-evaluator). */
interface Commons {
  readonly evaluateFeature: (
    log: unknown, key: string, splitName: string, attributes: Record<string, unknown> | undefined, storage: unknown,
  ) => SdkEvaluation;
  readonly SplitsCache: new () => { update(toAdd: SdkSplit[], toRemove: SdkSplit[], changeNumber: number): boolean };
  readonly SegmentsCache: new () => { update(name: string, added: string[], removed: string[], changeNumber: number): boolean };
  readonly RuleBasedSegmentsCache: new () => { update(toAdd: SdkRuleBasedSegment[], toRemove: SdkRuleBasedSegment[], changeNumber: number): boolean };
}

/** Thrown when neither `@splitsoftware/splitio` nor `@splitsoftware/splitio-commons` can be loaded. */
export class SplitSdkMissingError extends Error {
  constructor(cause: string) {
    super('the FME testing kit evaluates flags with the Split SDK\'s own evaluator, from @splitsoftware/splitio-commons; '
      + `install the SDK as a dev dependency: npm install --save-dev @splitsoftware/splitio@^11 (${cause})`);
    this.name = 'SplitSdkMissingError';
  }
}

const MODULES = {
  evaluator: 'cjs/evaluator',
  splits: 'cjs/storages/inMemory/SplitsCacheInMemory',
  segments: 'cjs/storages/inMemory/SegmentsCacheInMemory',
  ruleBasedSegments: 'cjs/storages/inMemory/RBSegmentsCacheInMemory',
};

let loaded: Commons | undefined;

/**
 * Loads the evaluator and in-memory caches of `@splitsoftware/splitio-commons` 2.x, the engine
 * inside `@splitsoftware/splitio` 11.x: the commons package as the user's project resolves it, else
 * the copy the SDK depends on. Loaded on first use, so the library does not need the SDK otherwise.
 */
function commons(): Commons {
  if (loaded) return loaded;
  const root = commonsRoot();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const load = (file: string) => require(path.join(root, file));
  loaded = {
    evaluateFeature: load(MODULES.evaluator).evaluateFeature,
    SplitsCache: load(MODULES.splits).SplitsCacheInMemory,
    SegmentsCache: load(MODULES.segments).SegmentsCacheInMemory,
    RuleBasedSegmentsCache: load(MODULES.ruleBasedSegments).RBSegmentsCacheInMemory,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return loaded;
}

function commonsRoot(): string {
  const pkg = '@splitsoftware/splitio-commons/package.json';
  const searched = [process.cwd(), __dirname];
  try {
    return path.dirname(require.resolve(pkg, { paths: searched }));
  } catch {
    try {
      const sdk = path.dirname(require.resolve('@splitsoftware/splitio/package.json', { paths: searched }));
      return path.dirname(require.resolve(pkg, { paths: [sdk] }));
    } catch (e) {
      throw new SplitSdkMissingError((e as Error).message.split('\n')[0]);
    }
  }
}

/** The SDK's logger interface, silenced: evaluation problems show in the answer's label. */
const SILENT_LOG = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLogLevel: () => {} };

/**
 * An SDK storage holding one environment's splits and segments, evaluated by the SDK's own
 * `evaluateFeature`, in process and synchronously (in-memory storage), with no server.
 */
export class SplitEvaluator {
  private readonly storage: { splits: unknown; segments: unknown; rbSegments: unknown; largeSegments: unknown };

  /**
   * @param largeSegments keys of large segments: the SDK's `IN_LARGE_SEGMENT` matcher asks
   * `storage.largeSegments.isInSegment(name, key)` (JS SDK commons `evaluator/matchers/large_segment.ts`),
   * which an in-memory segments cache answers as a client-side SDK's membership cache would
   */
  constructor(
    splits: SdkSplit[], segments: ReadonlyMap<string, string[]>, ruleBasedSegments: SdkRuleBasedSegment[] = [],
    largeSegments: ReadonlyMap<string, string[]> = new Map(),
  ) {
    const sdk = commons();
    const splitCache = new sdk.SplitsCache();
    splitCache.update(splits, [], 1);
    const segmentCache = new sdk.SegmentsCache();
    for (const [name, keys] of segments) segmentCache.update(name, keys, [], 1);
    const ruleBasedCache = new sdk.RuleBasedSegmentsCache();
    ruleBasedCache.update(ruleBasedSegments, [], 1);
    const largeSegmentCache = new sdk.SegmentsCache();
    for (const [name, keys] of largeSegments) largeSegmentCache.update(name, keys, [], 1);
    this.storage = { splits: splitCache, segments: segmentCache, rbSegments: ruleBasedCache, largeSegments: largeSegmentCache };
  }

  public evaluate(flagName: string, key: string, attributes?: Record<string, unknown>): SdkEvaluation {
    const result = commons().evaluateFeature(SILENT_LOG, key, flagName, attributes, this.storage);
    return { treatment: result.treatment, label: result.label, config: result.config ?? null };
  }
}
