import { problem, Problem } from '../problem';

/**
 * FME's limit on IDs per large segment: one million, more on request (Split release notes of
 * 2025-01-07 and the "Create a segment" help article; docs/fme-api.md#large-segments). A higher
 * limit granted to an account is not visible to synthesis, so this is the documented default.
 */
export const MAX_LARGE_SEGMENT_KEYS = 1_000_000;

/** The keys of one large segment's keys file, parsed. */
export interface ParsedKeysFile {
  readonly keys: string[];
  readonly problems: Problem[];
}

/**
 * Parses a keys file: one key per line (`\n` or `\r\n`), no header, a final newline optional. Pure.
 *
 * The rules are the standard segment's (non-empty keys; docs/rules.md#segment-keys) plus what a
 * one-column CSV upload needs: no empty line (it would be an empty key), no duplicate (FME stores
 * a set; a duplicate is almost always a broken export), no comma or double quote (the file is
 * uploaded as CSV, where both change what a line means), no leading or trailing blanks (an SDK
 * key never matches them), and at most {@link MAX_LARGE_SEGMENT_KEYS} keys.
 *
 * @param where e.g. `keys file users.csv for environment Production`, for messages
 */
export function parseLargeSegmentKeys(content: string, where: string): ParsedKeysFile {
  const problems: Problem[] = [];
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const keys: string[] = [];
  const seen = new Set<string>();
  const bad = (kind: string, line: number, extra = ''): void => {
    problems.push(problem('large segment keys', `${where}, line ${line}: ${kind}${extra}`));
  };
  lines.forEach((raw, i) => {
    if (problems.length >= 5) return; // enough to fix the file; a broken export would list thousands
    const key = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const line = i + 1;
    if (key.length === 0) {
      bad('empty line', line, '; remove it (every line is one key)');
    } else if (key.trim() !== key) {
      bad('leading or trailing blanks', line, `; an SDK key ${JSON.stringify(key.trim())} would not match`);
    } else if (/[,"]/.test(key)) {
      bad('comma or double quote', line, '; the file is uploaded as a one-column CSV, one key per line');
    } else if (seen.has(key)) {
      bad(`duplicate key ${JSON.stringify(key)}`, line, '; list each key once');
    } else {
      seen.add(key);
      keys.push(key);
    }
  });
  if (problems.length === 0 && keys.length === 0) {
    problems.push(problem('large segment keys', `${where}: the file holds no key; a large segment in an environment needs at least one`));
  }
  if (lines.length > MAX_LARGE_SEGMENT_KEYS) {
    problems.push(problem('large segment keys', `${where}: ${lines.length} keys; FME allows at most ${MAX_LARGE_SEGMENT_KEYS} per large segment unless raised for the account`));
  }
  return { keys, problems };
}

/** The file content the handler uploads: the keys, one per line, `\n`-terminated (what the SHA-256 covers). */
export function keysFileContent(keys: readonly string[]): string {
  return keys.length === 0 ? '' : `${keys.join('\n')}\n`;
}
