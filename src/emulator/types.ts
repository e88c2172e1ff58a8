/**
 * Public option and result types of the emulator's programmatic API (`startEmulator`).
 * The names are fixed by the team's emulator contract; keep them stable.
 */

/** How to start an emulator. Every field is optional. */
export interface EmulatorOptions {
  /** TCP port; `0` picks a free port at run time. @default 0 */
  readonly port?: number;
  /** Listen address; anything that is not a loopback address is rejected. @default '127.0.0.1' */
  readonly host?: string;
  /** JSON file the data persists to (written atomically). @default - in memory only */
  readonly dataFile?: string;
  /** Admin API keys, sent as `Authorization: Bearer K` or `x-api-key: K`. @default ['emulator-admin-key'] */
  readonly adminApiKeys?: string[];
  /**
   * Extra SDK keys. A bare entry `KEY` serves the first environment of the first workspace;
   * `KEY=ENV` serves environment `ENV` (name or id). Every environment also has its own key
   * `sdk-<environment name>` (see README). @default ['emulator-sdk-key']
   */
  readonly sdkKeys?: string[];
  /** Objects that exist before any stack runs; used only when the data file does not exist yet. @default - see EmulatorSeed */
  readonly seed?: EmulatorSeed;
  /** Seeded fault injection on the Admin API. @default - no faults */
  readonly faults?: FaultOptions;
  /** Token-bucket rate limit on the Admin API. @default - unlimited */
  readonly rateLimit?: RateLimitOptions;
  /**
   * How to answer where FME's behaviour is not confirmed by public sources (the fidelity table in
   * README.md lists each such behaviour). `'strict'` refuses what FME may refuse, so code that works
   * here works either way; `'lenient'` accepts it. Confirmed rules apply in both modes.
   * @default 'strict'
   */
  readonly strictness?: EmulatorStrictness;
}

/** See `EmulatorOptions.strictness`. */
export type EmulatorStrictness = 'strict' | 'lenient';

/** An environment in a seeded workspace. */
export interface EmulatorSeedEnvironment {
  readonly name: string;
  readonly id?: string;
  readonly production?: boolean;
  /** Direct writes answer 403 and changes go through change requests. @default false */
  readonly approvalsRequired?: boolean;
  /**
   * With approvals: submitters choose their approvers, so every change request must name at least
   * one; otherwise the environment fixes the approvers and a change request must name none.
   * @default false
   */
  readonly submittersChooseApprovers?: boolean;
}

/** A segment that exists before any stack runs. */
export interface EmulatorSeedSegment {
  readonly name: string;
  readonly trafficType: string;
  /** Keys per environment name; the segment is activated in each listed environment. */
  readonly keys?: Record<string, string[]>;
}

/** A flag that exists before any stack runs (metadata only, no definitions). */
export interface EmulatorSeedFlag {
  readonly name: string;
  readonly trafficType: string;
  readonly description?: string;
}

/** An attribute of a seeded traffic type's schema. */
export interface EmulatorSeedAttribute {
  /** Traffic type name (one of the workspace's `trafficTypes`). */
  readonly trafficType: string;
  /** The attribute id: the name SDKs pass to getTreatment. */
  readonly id: string;
  /** @default - none (null) */
  readonly dataType?: string;
}

/** A seeded workspace. */
export interface EmulatorSeedWorkspace {
  readonly name: string;
  readonly id?: string;
  readonly requiresTitleAndComments?: boolean;
  /** Harness organization identifier (with `projectIdentifier`): the workspace is that Harness project. @default - none (a plain Split workspace) */
  readonly organizationIdentifier?: string;
  /** Harness project identifier. @default - none */
  readonly projectIdentifier?: string;
  readonly environments: EmulatorSeedEnvironment[];
  readonly trafficTypes: string[];
  /** Attribute schemas of the traffic types. @default - none */
  readonly attributes?: EmulatorSeedAttribute[];
  readonly segments?: EmulatorSeedSegment[];
  readonly flags?: EmulatorSeedFlag[];
}

/**
 * Initial data. Default: workspace `Default` with environments `Staging` and `Production`
 * and traffic types `user` and `account`.
 */
export interface EmulatorSeed {
  readonly workspaces: EmulatorSeedWorkspace[];
}

/** Latency range in milliseconds. */
export interface LatencyRange {
  readonly min: number;
  readonly max: number;
}

/** Seeded fault injection (Admin API only; never `/api` or `/__emulator`). */
export interface FaultOptions {
  /** PRNG seed: the same seed and request sequence give the same faults. @default 1 */
  readonly seed?: number;
  /** Fraction 0..1 of requests answered 500/502/503. @default 0 */
  readonly errorRate?: number;
  /** Fraction 0..1 of requests whose socket is destroyed without an answer. @default 0 */
  readonly resetRate?: number;
  /** Added latency, drawn uniformly from the range (max 60000). @default - none */
  readonly latencyMs?: LatencyRange;
  /** Regex source; only requests whose `METHOD path` matches get faults. @default - all */
  readonly match?: string;
  /**
   * Stop injecting errors and resets after this many (an extension of the team contract):
   * "the first N calls fail, then the API recovers". @default - unlimited
   */
  readonly maxFaults?: number;
}

/** Token bucket per organisation (and per client IP), like FME's org/IP limits. */
export interface RateLimitOptions {
  /** Refill rate; may be fractional (0.01 = one request per 100 s). */
  readonly requestsPerSecond: number;
  /** Bucket size. @default requestsPerSecond, at least 1 */
  readonly burst?: number;
}

/** Admin API call counters. */
export interface EmulatorCounters {
  /** Every Admin API request received (including rate-limited and faulted ones). */
  readonly total: number;
  /** GET requests. */
  readonly reads: number;
  /** Non-GET requests. */
  readonly writes: number;
  /** Requests answered 429. */
  readonly rateLimited: number;
  /** Requests that got an injected fault (error or reset; latency alone does not count). */
  readonly faults: number;
  /** Count per route pattern, e.g. `'GET /splits/ws/:ws/:flag/environments/:env'`. */
  readonly byRoute: Record<string, number>;
}

/** A started emulator. */
export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `url + '/internal/api/v2'` */
  readonly adminBaseUrl: string;
  /** `url + '/api'` */
  readonly sdkBaseUrl: string;
  readonly port: number;
  counters(): EmulatorCounters;
  resetCounters(): void;
  setFaults(f?: FaultOptions): void;
  setRateLimit(r?: RateLimitOptions): void;
  /** Closes the server and flushes the data file. */
  stop(): Promise<void>;
}
