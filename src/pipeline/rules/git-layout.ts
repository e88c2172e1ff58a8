import { PipelineGitDetails } from '../storage';

/**
 * Rule `repository-path`: the copy to commit is written inside the app's directory (relative, no
 * `..`) and is a YAML file.
 *
 * @internal
 */
export function repositoryPathErrors(repositoryPath: string | undefined): string[] {
  const rp = repositoryPath;
  if (rp === undefined) return [];
  if (rp.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(rp) || !/\.ya?ml$/.test(rp) || rp.split(/[\\/]/).includes('..')) {
    return [`[repository-path] repositoryPath "${rp}" must be a relative path inside the app's directory ending in .yaml or .yml.`];
  }
  return [];
}

/** `a/./b//c.yaml` → `a/b/c.yaml`, with `/` separators. */
function normalize(p: string): string {
  return p.replace(/\\/g, '/').split('/').filter(part => part !== '' && part !== '.').join('/');
}

/**
 * Rule `git-file-path`: with remote storage, the file synthesis writes for committing
 * (`repositoryPath`, relative to the app directory) and the file Harness reads (`filePath`, relative
 * to the repository root) must be the same file. The app directory may be a subfolder of the
 * repository, so `filePath` must equal `repositoryPath` or end in `/<repositoryPath>`. A pipeline
 * imported from Git needs the committed copy, so `repositoryPath` is then required.
 *
 * @internal
 */
export function gitLayoutErrors(repositoryPath: string | undefined, git: PipelineGitDetails | undefined, importsFromGit: boolean): string[] {
  if (!git) return [];
  if (repositoryPath === undefined) {
    return importsFromGit ? ['[git-file-path] the pipeline is imported from Git (importFromGit), so synthesis must write the file Harness reads: '
      + `set repositoryPath to "${git.filePath}" (or its path relative to the app directory).`] : [];
  }
  const local = normalize(repositoryPath);
  const remote = normalize(git.filePath);
  if (remote === local || remote.endsWith(`/${local}`)) return [];
  return [`[git-file-path] repositoryPath "${repositoryPath}" and the remote filePath "${git.filePath}" name different files: Harness would read `
    + `"${git.filePath}" in ${git.repoName} while the YAML is written to "${repositoryPath}". Use the same path (Harness Git Experience keeps `
    + 'pipelines under .harness/, e.g. .harness/<identifier>.yaml), or the filePath as seen from the repository root when the app is in a subfolder.'];
}
