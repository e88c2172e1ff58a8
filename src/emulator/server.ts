import { IncomingMessage, Server, ServerResponse, createServer } from 'http';
import { AddressInfo } from 'net';
import { publishDueChangeRequests } from './admin/change-requests';
import { receiveUpload } from './admin/large-segment-uploads';
import { AdminHandler } from './admin/request';
import { adminRouter, adminV3Router } from './admin/routes';
import { ControlHandler, controlRouter } from './control';
import { Counters } from './counters';
import { ApiError } from './errors';
import { FaultInjector } from './faults';
import { parseJsonBody, readBody, requestPath, sendError, sendJson } from './http-io';
import { RateLimiter } from './rate-limit';
import { Router } from './router';
import { SdkHandler, sdkRouter } from './sdk/routes';
import { environmentForSdkKey } from './sdk-keys';
import { Store } from './store';
import type { EmulatorStrictness } from './types';

export const ADMIN_PREFIX = '/internal/api/v2';
/**
 * Admin API v3 (flag sets): Harness's Go client uses `/internal/api/v3`, Split's Python client and
 * a community Terraform provider `/api/v3` (docs/fme-api.md#flag-sets); both are served.
 */
export const ADMIN_V3_PREFIXES = ['/internal/api/v3', '/api/v3'] as const;
export const SDK_PREFIX = '/api';
export const CONTROL_PREFIX = '/__emulator';
/** Where pre-signed large segment upload URLs point (same server, like FME's storage URLs: docs/fme-api.md#large-segments). */
export const UPLOAD_PREFIX = '/large-segment-uploads';

/** SDK POSTs (impressions, events, telemetry) are accepted and discarded. */
const DISCARDED_SDK_POSTS = [/^\/testImpressions\/(bulk|count)$/, /^\/events\/bulk$/, /^\/v1\/metrics\/[^/]+$/, /^\/v1\/keys\/[^/]+$/];

export interface ServerConfig {
  readonly store: Store;
  readonly adminApiKeys: readonly string[];
  readonly sdkKeys: readonly string[];
  readonly counters: Counters;
  readonly faults: FaultInjector;
  readonly rateLimiter: RateLimiter;
  /** See `EmulatorOptions.strictness`. */
  readonly strictness: EmulatorStrictness;
}

/**
 * One HTTP server for the whole emulator: the Admin API under `/internal/api/v2` (auth,
 * counters, rate limits, faults), the SDK API under `/api`, controls under `/__emulator`.
 */
export class EmulatorServer {
  private readonly admin: Router<AdminHandler> = adminRouter();
  private readonly adminV3: Router<AdminHandler> = adminV3Router();
  private readonly sdk: Router<SdkHandler> = sdkRouter();
  private readonly control: Router<ControlHandler> = controlRouter();
  private readonly server: Server;

  constructor(private readonly config: ServerConfig) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(err => this.fail(res, err));
    });
    // SDK polling keeps connections alive; do not let them delay stop().
    this.server.keepAliveTimeout = 1000;
  }

  public listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  public close(): Promise<void> {
    return new Promise(resolve => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // `url` only for the query string: its `pathname` has dot segments removed (see `requestPath`).
    const url = new URL(req.url ?? '/', 'http://emulator');
    const path = requestPath(req.url);
    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) return this.handleControl(req, res, path.slice(CONTROL_PREFIX.length));
    if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) return this.handleAdmin(req, res, url, path, path.slice(ADMIN_PREFIX.length) || '/', this.admin);
    // Before the SDK prefix: `/api/v3/...` is Admin API, not SDK data plane.
    const v3 = ADMIN_V3_PREFIXES.find(p => path === p || path.startsWith(`${p}/`));
    if (v3) return this.handleAdmin(req, res, url, path, path.slice(v3.length) || '/', this.adminV3);
    if (path.startsWith(`${SDK_PREFIX}/`)) return this.handleSdk(req, res, url, path.slice(SDK_PREFIX.length));
    if (path.startsWith(`${UPLOAD_PREFIX}/`)) return this.handleUpload(req, res, path.slice(UPLOAD_PREFIX.length + 1));
    await readBody(req);
    sendError(res, new ApiError(404, `No such endpoint: ${req.method} ${path} (Admin API is under ${ADMIN_PREFIX}, SDK API under ${SDK_PREFIX})`));
  }

  private async handleControl(req: IncomingMessage, res: ServerResponse, rel: string): Promise<void> {
    const body = parseJsonBody(await readBody(req));
    const match = this.control.match(req.method ?? 'GET', rel);
    if (!match) throw new ApiError(404, `No emulator control ${req.method} ${CONTROL_PREFIX}${rel}`);
    sendJson(res, match.handler(this.config, body));
  }

  private async handleAdmin(
    req: IncomingMessage, res: ServerResponse, url: URL, path: string, rel: string, router: Router<AdminHandler>,
  ): Promise<void> {
    const { counters, faults, rateLimiter, store } = this.config;
    const method = req.method ?? 'GET';
    const match = router.match(method, rel);
    // v3 routes are counted as `GET /v3/flag-sets`, so they cannot pass for v2 routes.
    const routeKey = match && router === this.adminV3 ? match.key.replace(' /', ' /v3/') : match?.key;
    counters.request(method, routeKey ?? `${method} (no such route)`);

    const fault = faults.decide(method, [path, rel]);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.reset) {
      counters.faulted();
      req.socket.destroy();
      return;
    }
    const limit = rateLimiter.check(req.socket.remoteAddress ?? 'unknown');
    if (!limit.allowed) {
      counters.limited();
      await readBody(req);
      sendError(res, new ApiError(429, 'Too many requests: rate limit exceeded; retry after the X-RateLimit-Reset-Seconds headers'), limit.headers);
      return;
    }
    if (fault.errorStatus) {
      counters.faulted();
      await readBody(req);
      sendError(res, new ApiError(fault.errorStatus, `Injected fault: HTTP ${fault.errorStatus}`), limit.headers);
      return;
    }
    const rawBody = await readBody(req);
    const key = adminKey(req);
    if (key === undefined || !this.config.adminApiKeys.includes(key)) {
      sendError(res, new ApiError(401, 'Unauthorized: send a valid Admin API key as Authorization: Bearer <key> or x-api-key: <key>'), limit.headers);
      return;
    }
    if (!match) {
      sendError(res, new ApiError(404, `No such Admin API endpoint: ${method} ${path}`), limit.headers);
      return;
    }
    try {
      // Scheduled change requests whose time has come run first, as FME would have run them already.
      publishDueChangeRequests(store, Date.now(), this.config.strictness);
      const result = match.handler({
        store,
        params: match.params,
        query: url.searchParams,
        rawBody,
        callerKey: key,
        strictness: this.config.strictness,
        origin: ownOrigin(req),
        json: () => parseJsonBody(rawBody),
      });
      sendJson(res, result, 200, limit.headers);
    } catch (err) {
      this.fail(res, err, limit.headers);
    }
  }

  private async handleSdk(req: IncomingMessage, res: ServerResponse, url: URL, rel: string): Promise<void> {
    const method = req.method ?? 'GET';
    await readBody(req);
    if (method === 'POST' && DISCARDED_SDK_POSTS.some(re => re.test(rel))) {
      res.writeHead(200, { 'Content-Length': 0 });
      res.end();
      return;
    }
    if (method === 'GET' && rel === '/version') return sendJson(res, { version: 'cdktf-fme-emulator' });
    const auth = req.headers.authorization ?? '';
    const key = auth.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    const env = key === undefined ? undefined : environmentForSdkKey(this.config.store, this.config.sdkKeys, key);
    if (!env) {
      sendError(res, new ApiError(401, 'Invalid SDK key: use sdk-<environment name> or a configured sdkKeys entry (see the emulator README)'));
      return;
    }
    const match = this.sdk.match(method, rel);
    if (!match) throw new ApiError(404, `No such SDK endpoint: ${method} ${SDK_PREFIX}${rel}`);
    publishDueChangeRequests(this.config.store, Date.now(), this.config.strictness);
    sendJson(res, match.handler({ store: this.config.store, env, params: match.params, query: url.searchParams }));
  }

  /** The pre-signed upload URL of a large segment change request: no API key, the token is the credential. */
  private async handleUpload(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    const body = await readBody(req);
    this.config.counters.request(req.method ?? 'PUT', `${req.method ?? 'PUT'} ${UPLOAD_PREFIX}/:token`);
    if (req.method !== 'PUT') throw new ApiError(405, `Upload URLs take PUT, not ${req.method}`);
    receiveUpload(this.config.store, token, body);
    res.writeHead(200, { 'Content-Length': 0 });
    res.end();
  }

  private fail(res: ServerResponse, err: unknown, headers: Record<string, string> = {}): void {
    if (res.headersSent || res.destroyed) return;
    if (err instanceof ApiError) {
      sendError(res, err, headers);
      return;
    }
    // A bug in the emulator: answer 500 with the message so the test output shows it.
    sendError(res, new ApiError(500, `Emulator internal error: ${(err as Error)?.stack ?? String(err)}`), headers);
  }
}

function adminKey(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  const xApiKey = req.headers['x-api-key'];
  if (typeof xApiKey === 'string' && xApiKey !== '') return xApiKey.trim();
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/** The address the request reached, as an origin (`http://127.0.0.1:<port>`). */
function ownOrigin(req: IncomingMessage): string {
  const host = req.socket.localAddress ?? '127.0.0.1';
  const address = host.startsWith('::ffff:') ? host.slice(7) : host;
  return `http://${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort}`;
}
