import { IncomingMessage, ServerResponse } from 'http';
import { ApiError, errorEnvelope } from './errors';

/** Largest request body accepted (a segment upload of 10,000 long keys fits easily). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The request's path exactly as sent, without query string or fragment. Deliberately not
 * `new URL(req.url).pathname`: the WHATWG URL parser removes dot segments, `%2E` and `%2E%2E`
 * included, so `DELETE /splits/ws/W/flag/environments/%2E%2E` would route as `DELETE /splits/ws/W/flag`
 * and delete the flag. Kept raw, every segment reaches the router, which decodes it as a name
 * (`%2E%2E` is the environment named `..`, which does not exist: 404).
 */
export function requestPath(requestTarget: string | undefined): string {
  let target = requestTarget ?? '/';
  // Absolute form (`http://host/path`), which HTTP/1.1 servers must accept.
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  if (origin) target = target.slice(origin[0].length);
  const end = target.search(/[?#]/);
  const path = end === -1 ? target : target.slice(0, end);
  return path.startsWith('/') ? path : `/${path}`;
}

/** Reads the whole request body as UTF-8 text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, `Request body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a JSON body; an empty body is `undefined`, malformed JSON is a 400. */
export function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new ApiError(400, `Request body is not valid JSON: ${(e as Error).message}`);
  }
}

/** Sends a JSON value with status 200 (or the given status). */
export function sendJson(res: ServerResponse, value: unknown, status = 200, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value === undefined ? null : value);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Sends an error with FME's envelope (or no body, when the error says so). */
export function sendError(res: ServerResponse, error: ApiError, headers: Record<string, string> = {}): void {
  if (error.emptyBody) {
    res.writeHead(error.status, { ...headers, 'Content-Length': 0 });
    res.end();
    return;
  }
  sendJson(res, errorEnvelope(error.status, error.message, error.details), error.status, headers);
}
