/** Placeholder shown wherever a secret would otherwise appear. */
export const REDACTED = '<redacted>';

/**
 * Removes every occurrence of `secret` from `text`. Used on anything that might echo a
 * request back (FME messages, network error texts) before it reaches an error or a log.
 */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) {
    return text;
  }
  return text.split(secret).join(REDACTED);
}
