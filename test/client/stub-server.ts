import * as http from 'http';
import { AddressInfo } from 'net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** What the stub does with one request. `reset` destroys the socket; `hang` never answers. */
export type StubReply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | 'reset'
  | 'hang';

export type StubResponder = (req: RecordedRequest, index: number) => StubReply;

/** A tiny HTTP server on 127.0.0.1:0 that answers from a responder and records every request. */
export class StubServer {
  public static async start(responder: StubResponder): Promise<StubServer> {
    const s = new StubServer(responder);
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    return s;
  }

  public readonly requests: RecordedRequest[] = [];
  private readonly server: http.Server;
  private readonly hanging: http.ServerResponse[] = [];

  private constructor(private responder: StubResponder) {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        const rec = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
        this.requests.push(rec);
        const reply = this.responder(rec, this.requests.length - 1);
        if (reply === 'reset') { req.socket.destroy(); return; }
        if (reply === 'hang') { this.hanging.push(res); return; }
        const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
        res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
        res.end(text);
      });
    });
  }

  public get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/internal/api/v2`;
  }

  public setResponder(responder: StubResponder): void {
    this.responder = responder;
  }

  public async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A virtual clock: `sleep` advances time instantly and records every wait. */
export class FakeRuntime {
  public time = 1_700_000_000_000;
  public readonly sleeps: number[] = [];
  constructor(private readonly randomValue = 0.5) {}
  public now = (): number => this.time;
  public sleep = async (ms: number): Promise<void> => { this.sleeps.push(ms); this.time += ms; };
  public random = (): number => this.randomValue;
}
