import { PipelineValidationError } from './errors';

/** Where Harness keeps the pipeline definition. */
export enum PipelineStoreType {
  /** In Harness itself. */
  INLINE = 'INLINE',
  /** In a Git repository Harness reads through a connector. */
  REMOTE = 'REMOTE',
}

/** Options of `PipelineStorage.remote`. */
export interface RemotePipelineStorageOptions {
  /** The Harness Git connector, e.g. `account.github` or `myGitConnector`. */
  readonly connectorRef: string;
  /** The repository name as the connector sees it, e.g. `platform-flags`. */
  readonly repoName: string;
  /** The pipeline file's path in the repository, e.g. `.harness/pipelines/checkout_rollout.yaml`. */
  readonly filePath: string;
  /** The branch Harness reads the pipeline from. */
  readonly branch: string;
  /**
   * The commit message Harness uses when it writes the file.
   * @default - Harness's default
   */
  readonly commitMessage?: string;
  /**
   * The branch a new branch is cut from when Harness writes to a new branch.
   * @default - not set
   */
  readonly baseBranch?: string;
  /**
   * How a pipeline deployed with the stack (`FmePipeline` `deployWithStack`) reaches Git. `false`:
   * Terraform sends the YAML and Harness commits it to `filePath` on `branch`. `true`: you commit the
   * file yourself (set `repositoryPath` so synthesis writes it where `filePath` says) and Terraform
   * imports it (`import_from_git`); Harness then reads every change from Git.
   * @default false
   */
  readonly importFromGit?: boolean;
}

/**
 * Harness's Git metadata for a remote pipeline, with the field names of the Terraform
 * `harness_platform_pipeline` resource's `git_details` block (camelCase, as cdktf providers expose it).
 * The pipeline YAML has no place for it: Harness keeps it beside the file.
 */
export interface PipelineGitDetails {
  /** Always `REMOTE`. */
  readonly storeType: string;
  /** The Harness Git connector. */
  readonly connectorRef: string;
  /** The repository name. */
  readonly repoName: string;
  /** The file's path in the repository. */
  readonly filePath: string;
  /** The branch. */
  readonly branchName: string;
  /**
   * The commit message.
   * @default - not set
   */
  readonly commitMessage?: string;
  /**
   * The base branch.
   * @default - not set
   */
  readonly baseBranch?: string;
}

/**
 * Inline (in Harness) or remote (in Git) storage of a pipeline.
 *
 * The YAML is identical for both kinds of storage: Harness keeps the Git metadata beside the file.
 * For remote storage `FmePipeline.gitDetails` holds it (`PipelineGitDetails`, the `git_details` of
 * `harness_platform_pipeline`), and a pipeline deployed with the stack (`deployWithStack`) writes it
 * into that resource. Harness Git Experience keeps pipelines under `.harness/` by convention, e.g.
 * `.harness/<identifier>.yaml` (docs/harness-pipelines.md, deploying with the stack).
 */
export class PipelineStorage {
  /** Stored in Harness. */
  public static inline(): PipelineStorage {
    return new PipelineStorage(PipelineStoreType.INLINE, false);
  }

  /** Stored in Git. */
  public static remote(options: RemotePipelineStorageOptions): PipelineStorage {
    for (const [field, value] of Object.entries({
      connectorRef: options.connectorRef, repoName: options.repoName, filePath: options.filePath, branch: options.branch,
    })) {
      if (!value || value.trim() === '') throw new PipelineValidationError(`Remote pipeline storage: ${field} must not be empty.`);
    }
    if (!/\.ya?ml$/.test(options.filePath) || options.filePath.startsWith('/')) {
      throw new PipelineValidationError(
        `Remote pipeline storage: filePath "${options.filePath}" must be a relative path ending in .yaml or .yml.`);
    }
    return new PipelineStorage(PipelineStoreType.REMOTE, options.importFromGit ?? false, {
      storeType: PipelineStoreType.REMOTE,
      connectorRef: options.connectorRef,
      repoName: options.repoName,
      filePath: options.filePath,
      branchName: options.branch,
      ...(options.commitMessage !== undefined ? { commitMessage: options.commitMessage } : {}),
      ...(options.baseBranch !== undefined ? { baseBranch: options.baseBranch } : {}),
    });
  }

  /** Inline or remote. */
  public readonly storeType: PipelineStoreType;
  /** The Git metadata, for remote storage. */
  public readonly gitDetails?: PipelineGitDetails;
  /** Whether a pipeline deployed with the stack is imported from Git (see `RemotePipelineStorageOptions.importFromGit`). */
  public readonly importFromGit: boolean;

  private constructor(storeType: PipelineStoreType, importFromGit: boolean, gitDetails?: PipelineGitDetails) {
    this.storeType = storeType;
    this.importFromGit = importFromGit;
    this.gitDetails = gitDetails;
  }
}
