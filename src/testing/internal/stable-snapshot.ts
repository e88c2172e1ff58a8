import { decodeTerraformString } from './synthesized-specs';
import { DEFAULT_API_BASE_URL } from '../../constructs/fme-config';

/** Placeholders the snapshot prints instead of values that vary with the machine or the library version. */
export const PLACEHOLDERS = {
  handler: '<handler>',
  apiBaseUrl: '<FME_API_BASE_URL>',
  sha256: '<sha256>',
} as const;

/** `assets/<asset id>/<library version>/index.js`: the handler asset's path in a stack (src/constructs/internal/handler-asset.ts). */
const HANDLER_PATH = /assets\/[^/\s"]+\/[^/\s"]+\/index\.js/g;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The synthesized stack as a snapshot that only the code changes: every spec (an escaped JSON
 * string in the configuration) decoded into nested JSON, so a diff shows the changed rule on its
 * own line; the handler asset path (it carries the library version) and every digest (they cover
 * the API URL) replaced by placeholders; and the Admin API base URL replaced when it is the one
 * the machine supplies — `$FME_API_BASE_URL` at synth, else the default — rather than one the code
 * sets. Pretty-printed JSON, two spaces.
 */
export function stableSnapshot(terraformJson: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const ambientUrls = new Set([DEFAULT_API_BASE_URL, ...(env.FME_API_BASE_URL ? [env.FME_API_BASE_URL] : [])]);
  return JSON.stringify(normalize(terraformJson, ambientUrls), undefined, 2);
}

/**
 * @param inConfiguration whether `value` is part of the Terraform configuration, where specs are
 * JSON strings; inside a decoded spec, strings stay strings (a treatment's configuration is JSON text)
 */
function normalize(value: unknown, ambientUrls: ReadonlySet<string>, inConfiguration = true): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v, ambientUrls, inConfiguration));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = normalize(v, ambientUrls, inConfiguration);
    return out;
  }
  if (typeof value !== 'string') return value;
  const embedded = inConfiguration ? embeddedJson(value) : undefined;
  if (embedded !== undefined) return normalize(embedded, ambientUrls, false);
  if (ambientUrls.has(value)) return PLACEHOLDERS.apiBaseUrl;
  if (SHA256.test(value)) return PLACEHOLDERS.sha256;
  return value.replace(HANDLER_PATH, PLACEHOLDERS.handler);
}

/** The object a string holds when it is a (template-escaped) JSON object, else undefined. */
function embeddedJson(text: string): unknown {
  if (!text.startsWith('{')) return undefined;
  try {
    return JSON.parse(decodeTerraformString(text));
  } catch {
    return undefined;
  }
}
