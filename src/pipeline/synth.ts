import * as fs from 'fs';
import * as path from 'path';
import { PipelineGitDetails } from './storage';

/** What one pipeline writes when the app synthesizes. @internal */
export interface PipelineFiles {
  readonly outdir: string;
  readonly stackDir: string;
  readonly identifier: string;
  readonly yaml: string;
  readonly gitDetails?: PipelineGitDetails;
  readonly repositoryPath?: string;
}

/**
 * Writes `<outdir>/<stackDir>/pipelines/<identifier>.yaml`, for remote pipelines
 * `<identifier>.git.json` beside it, and, if asked, a copy at `repositoryPath` (relative to the
 * working directory `cdktf synth` runs in) for committing.
 *
 * @internal
 */
export function writePipelineFiles(files: PipelineFiles): void {
  const dir = path.join(files.outdir, files.stackDir, 'pipelines');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${files.identifier}.yaml`), files.yaml);
  if (files.gitDetails) {
    fs.writeFileSync(path.join(dir, `${files.identifier}.git.json`), `${JSON.stringify(files.gitDetails, null, 2)}\n`);
  }
  if (files.repositoryPath) {
    const target = path.resolve(process.cwd(), files.repositoryPath);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, files.yaml);
  }
}
