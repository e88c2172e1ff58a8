import { IncomingMessage, ServerResponse } from 'http';
import { ApiError, errorEnvelope } from './errors';

/** Largest request body accepted (a segment upload of 10,000 long keys fits easily). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

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
