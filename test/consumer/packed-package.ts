import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The repository root (where package.json is). */
export const ROOT = path.resolve(__dirname, '..', '..');

/** One file of `npm pack --dry-run --json`. */
export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

/** What `npm pack` reports for the package (docs/packaging.md). */
export interface PackReport {
  readonly filename: string;
  /** Bytes of the .tgz. */
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: PackedFile[];
  readonly bundled: string[];
}

/**
 * Fails with what to run when the build outputs the package ships are missing (`npm test` builds
 * them before jest runs; a lone `npx jest test/consumer` needs them built first).
 */
export function requireBuiltPackage(): void {
  const missing = ['lib/index.js', '.jsii', 'assets/handler/index.js', 'assets/cli/main.js'].filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (missing.length > 0) {
    throw new Error(`the package is not built (missing ${missing.join(', ')}): run \`npx projen pre-compile && npx projen compile && npx projen post-compile\` (or \`npm test\`)`);
  }
}

/** Runs `npm pack` in the repository (`--dry-run` lists without writing); throws with npm's output on failure. */
export function npmPack(args: string[]): PackReport {
  requireBuiltPackage();
  const result = spawnSync('npm', ['pack', '--json', '--ignore-scripts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`npm pack ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stderr}`);
  // npm may print notices before the JSON array.
  const json = result.stdout.slice(result.stdout.indexOf('['));
  return (JSON.parse(json) as PackReport[])[0];
}

/** `1,234.5 KB` */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KB`;
}
