import * as fs from 'fs';
import * as path from 'path';

/** What one pipeline writes when the app synthesizes. @internal */
export interface PipelineFiles {
  readonly outdir: string;
  readonly stackDir: string;
  readonly identifier: string;
  readonly yaml: string;
  readonly repositoryPath?: string;
}

/**
 * Writes `<outdir>/<stackDir>/pipelines/<identifier>.yaml` and, if asked, a copy at `repositoryPath`
 * (relative to the working directory `cdktf synth` runs in) for committing. Git metadata is not
 * written as a file (no Harness tool would read it): it goes into the `harness_platform_pipeline`
 * resource of a pipeline deployed with the stack.
 *
 * @internal
 */
export function writePipelineFiles(files: PipelineFiles): void {
  const dir = path.join(files.outdir, files.stackDir, 'pipelines');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${files.identifier}.yaml`), files.yaml);
  if (files.repositoryPath) {
    const target = path.resolve(process.cwd(), files.repositoryPath);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, files.yaml);
  }
}
