/**
 * How the handler sends the Admin API key (docs/fme-api.md#authentication).
 */
export enum AuthScheme {
  /** `x-api-key: <key>`: Harness API keys and service-account tokens (what Harness's own clients send). */
  API_KEY_HEADER = 'x-api-key',
  /** `Authorization: Bearer <key>`: legacy Split Admin API keys (what Split's clients send). */
  BEARER = 'bearer',
}

/** The Admin API v2 path under an FME host. */
const ADMIN_API_PATH = '/internal/api/v2';

/**
 * Where the handler reaches FME's Admin API, and how it authenticates (docs/fme-api.md#authentication).
 *
 * @example
 * new FmeConfig(stack, 'Fme', { endpoint: FmeEndpoint.harness(), organizationIdentifier: 'default', projectIdentifier: 'shop' });
 */
export class FmeEndpoint {
  /**
   * `https://api.split.io/internal/api/v2` with a Harness API key or token in `x-api-key`: the
   * default, for accounts on Harness.
   */
  public static splitApi(): FmeEndpoint {
    return new FmeEndpoint(`https://api.split.io${ADMIN_API_PATH}`, AuthScheme.API_KEY_HEADER);
  }

  /**
   * Harness's gateway (`<gateway>/internal/api/v2`), as Harness's own Terraform provider reaches FME,
   * with a Harness API key or token in `x-api-key`.
   *
   * @param gatewayUrl the FME gateway of the Harness cluster
   */
  public static harness(gatewayUrl: string = 'https://app.harness.io/fme'): FmeEndpoint {
    return new FmeEndpoint(`${gatewayUrl.replace(/\/+$/, '')}${ADMIN_API_PATH}`, AuthScheme.API_KEY_HEADER);
  }

  /** `https://api.split.io/internal/api/v2` with a legacy Split Admin API key sent as `Authorization: Bearer`. */
  public static splitLegacy(): FmeEndpoint {
    return new FmeEndpoint(`https://api.split.io${ADMIN_API_PATH}`, AuthScheme.BEARER);
  }

  /**
   * Any Admin API v2 base URL (a proxy, the local emulator).
   *
   * @param apiBaseUrl the Admin API v2 base URL, ending in `/internal/api/v2`
   * @param authScheme how to send the key
   */
  public static custom(apiBaseUrl: string, authScheme: AuthScheme = AuthScheme.API_KEY_HEADER): FmeEndpoint {
    return new FmeEndpoint(apiBaseUrl, authScheme);
  }

  /** The Admin API v2 base URL. */
  public readonly apiBaseUrl: string;
  /** How the key is sent. */
  public readonly authScheme: AuthScheme;

  private constructor(apiBaseUrl: string, authScheme: AuthScheme) {
    this.apiBaseUrl = apiBaseUrl;
    this.authScheme = authScheme;
  }
}
