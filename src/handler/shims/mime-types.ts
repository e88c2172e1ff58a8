/**
 * Stand-in for the `mime-types` package inside the handler bundle. axios pulls it in through
 * `form-data`, whose MIME database is 44 % of the bundle; the handler never uploads files, so
 * every lookup may answer "unknown". `lookup` is the only function `form-data` calls. Wired up
 * with esbuild `--alias:mime-types=<this file>`.
 */
export const lookup = (_path: string): false => false;
