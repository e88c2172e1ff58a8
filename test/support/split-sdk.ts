// The real @splitsoftware/splitio SDK, pointed at the local emulator (docs/fme-api.md#sdk-data-plane).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SplitFactory } = require('@splitsoftware/splitio');

export interface SdkClient {
  getTreatment(key: string, flag: string, attributes?: Record<string, unknown>): string;
  getTreatmentWithConfig(key: string, flag: string, attributes?: Record<string, unknown>): { treatment: string; config: string | null };
}

/** The SDK manager's view of one flag (`factory.manager().split(name)`), as far as the tests read it. */
export interface SdkSplitView {
  readonly name: string;
  readonly treatments: string[];
  /** Whether the SDK records impressions for the flag (`impressionsDisabled` of the split it received). */
  readonly impressionsDisabled: boolean;
}

export interface SdkSession {
  readonly client: SdkClient;
  /** The names of every flag the SDK holds (`factory.manager().names()`). */
  names(): string[];
  /** The manager's view of a flag; `null` when the SDK does not have it (never received, or archived). */
  split(name: string): SdkSplitView | null;
  /** Resolves after the SDK has fetched changes again (bounded by `timeoutMs`). */
  waitForUpdate(timeoutMs?: number): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * Starts a Split SDK factory against the emulator's SDK API with polling only (no streaming),
 * waits until it is ready and returns its client.
 *
 * @param sdkBaseUrl the emulator's `sdkBaseUrl` (`http://127.0.0.1:PORT/api`)
 * @param sdkKey an SDK key of the environment to evaluate
 * @param flagSets when given, the SDK fetches only the flags in these flag sets
 *   (`sync.splitFilters: [{ type: 'bySet', values }]`, sent as `/splitChanges?sets=...`)
 */
export async function startSdk(sdkBaseUrl: string, sdkKey: string, readyTimeoutSeconds = 10, flagSets?: string[]): Promise<SdkSession> {
  const factory = SplitFactory({
    core: { authorizationKey: sdkKey },
    ...(flagSets ? { sync: { splitFilters: [{ type: 'bySet', values: flagSets }] } } : {}),
    urls: { sdk: sdkBaseUrl, events: sdkBaseUrl, auth: sdkBaseUrl, telemetry: sdkBaseUrl },
    streamingEnabled: false,
    scheduler: { featuresRefreshRate: 1, segmentsRefreshRate: 1, impressionsRefreshRate: 300, eventsPushRate: 300, telemetryRefreshRate: 3600 },
    startup: { readyTimeout: readyTimeoutSeconds, requestTimeoutBeforeReady: 5, retriesOnFailureBeforeReady: 2 },
    debug: false,
  });
  const client = factory.client();
  await client.ready();
  const manager = factory.manager();
  return {
    client,
    split: (name) => manager.split(name),
    names: () => manager.names(),
    waitForUpdate: (timeoutMs = 10_000) => new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the SDK saw no update within ${timeoutMs} ms`)), timeoutMs);
      client.once(client.Event.SDK_UPDATE, () => { clearTimeout(timer); resolve(); });
    }),
    destroy: async () => { await client.destroy(); },
  };
}
