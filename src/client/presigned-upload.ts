/**
 * The PUT of a large segment's keys file to the pre-signed URL FME returns with an `UPLOAD` change
 * request (docs/fme-api.md#large-segments). It is not an Admin API call: the URL carries its own
 * authorization, so the API key is never sent there (the transport that adds it is not used), and
 * the URL (a bearer credential while it is valid) never reaches an error message or a log line.
 *
 * The public clients send the whole file in one request (Split's Python client
 * `large_segment_definition_microclient.py` `upload_file`); so does this: the file is read once
 * (at most 1,000,000 keys, tens of MB) and written to the request in pieces of
 * {@link KEYS_PER_PIECE} lines, so that progress can be reported on long uploads.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import { FmeApiError, OperationContext } from './errors';

/** Lines written per piece (and per progress report). */
export const KEYS_PER_PIECE = 40_000;

export interface PresignedUpload {
  readonly url: string;
  /** Method FME names (`PUT` in every public client). */
  readonly method?: string;
  /** Headers FME names; values may be lists (the first is sent), `Host` is taken from the URL. */
  readonly headers?: Record<string, string[] | string>;
}

/**
 * Sends `file` (one key per line, `\n`-terminated) to the pre-signed URL in pieces; `progress` is called
 * after each piece with the keys sent so far. Rejects with an `FmeApiError` naming only the URL's origin.
 */
export async function uploadKeysFile(
  target: PresignedUpload, file: string, context: OperationContext, progress: (sent: number) => void,
): Promise<void> {
  const url = new URL(target.url);
  const method = (target.method ?? 'PUT').toUpperCase();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(target.headers ?? {})) {
    if (name.toLowerCase() === 'host') continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') headers[name] = first;
  }
  const content = fs.readFileSync(file);
  headers['Content-Type'] = headers['Content-Type'] ?? 'text/csv';
  headers['Content-Length'] = String(content.length);
  const started = Date.now();
  const fail = (status: number | undefined, message: string) => new FmeApiError({
    // The origin only: a pre-signed URL's path or query may carry its credential.
    ...context, method, path: `${url.origin}/…`, status, fmeMessage: message.slice(0, 300), attempts: 1, elapsedMs: Date.now() - started,
  });
  const send = url.protocol === 'https:' ? https.request : http.request;
  await new Promise<void>((resolve, reject) => {
    const req = send(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(fail(status, Buffer.concat(chunks).toString('utf8') || '(empty response body)'));
      });
    });
    req.on('error', (e) => reject(fail(undefined, (e as NodeJS.ErrnoException).code ?? e.message)));
    void (async () => {
      let offset = 0;
      let sent = 0;
      while (offset < content.length) {
        let end = offset;
        for (let n = 0; n < KEYS_PER_PIECE && end < content.length; n++) {
          const nl = content.indexOf(0x0a, end);
          end = nl < 0 ? content.length : nl + 1;
          sent++;
        }
        if (!req.write(content.subarray(offset, end))) await new Promise((r) => req.once('drain', r));
        offset = end;
        progress(sent);
      }
      req.end();
    })();
  });
}
