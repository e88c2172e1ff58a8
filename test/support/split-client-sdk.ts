// The real @splitsoftware/splitio SDK's client-side factory (the one that evaluates large segments),
// run in Node against the local emulator (docs/fme-api.md#large-segments). The server-side factory
// of this package does not evaluate large segments; the client-side one reads `/memberships/{key}`
// (splitio-commons `sync/polling/updaters/mySegmentsUpdater.ts`) and needs Node's global fetch (Node 18+).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SplitFactory } = require('@splitsoftware/splitio/client');

export interface ClientSdkSession {
  /** The treatment of `flag` for the session's key. */
  getTreatment(flag: string): string;
  destroy(): Promise<void>;
}

/**
 * Starts a client-side SDK for one traffic key with large segments enabled, polling only, and
 * waits until it is ready.
 *
 * @param sdkBaseUrl the emulator's `sdkBaseUrl` (`http://127.0.0.1:PORT/api`)
 * @param sdkKey an SDK key of the environment to evaluate
 * @param key the traffic key
 */
export async function startClientSdk(sdkBaseUrl: string, sdkKey: string, key: string, readyTimeoutSeconds = 10): Promise<ClientSdkSession> {
  const factory = SplitFactory({
    core: { authorizationKey: sdkKey, key },
    urls: { sdk: sdkBaseUrl, events: sdkBaseUrl, auth: sdkBaseUrl, telemetry: sdkBaseUrl },
    streamingEnabled: false,
    sync: { largeSegmentsEnabled: true },
    startup: { readyTimeout: readyTimeoutSeconds, requestTimeoutBeforeReady: 5, retriesOnFailureBeforeReady: 2 },
    debug: false,
  });
  const client = factory.client();
  await client.ready();
  return {
    getTreatment: (flag) => client.getTreatment(flag),
    destroy: async () => { await client.destroy(); },
  };
}

/** The treatment of `flag` for each key, each from a fresh SDK session (what a browser would see on load). */
export async function treatmentsFor(sdkBaseUrl: string, sdkKey: string, flag: string, keys: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const sdk = await startClientSdk(sdkBaseUrl, sdkKey, key);
    try {
      out[key] = sdk.getTreatment(flag);
    } finally {
      await sdk.destroy();
    }
  }
  return out;
}
