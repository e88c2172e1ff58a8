import { Construct } from 'constructs';
import { TerraformResource, TerraformStack } from '../cdk-runtime';
import { PipelineGitDetails } from './storage';
import { escapeTerraformTemplate } from '../spec/encode';

/**
 * The version of the Harness Terraform provider (`harness/harness`) the `harness_platform_pipeline`
 * resource below was written against: tag v0.45.1 of harness/terraform-provider-harness, whose
 * `docs/resources/platform_pipeline.md` lists the arguments used here (restated in
 * docs/harness-pipelines.md, deploying with the stack).
 */
export const HARNESS_PROVIDER_VERSION = '0.45.1';

/** What the resource needs from its pipeline. @internal */
export interface HarnessPipelineResourceConfig {
  readonly identifier: string;
  readonly name: string;
  readonly orgIdentifier: string;
  readonly projectIdentifier: string;
  readonly description?: string;
  /** Harness tags, as the YAML has them (`key → value`). */
  readonly tags: { [key: string]: string };
  /** The pipeline YAML, rendered at synth (after the rules ran). */
  readonly yaml: () => string;
  readonly gitDetails?: PipelineGitDetails;
  /** Import the file Harness reads from Git instead of sending the YAML. */
  readonly importFromGit: boolean;
  readonly providerVersion: string;
}

/**
 * `harness_platform_pipeline`, synthesized without a generated provider binding (none can be
 * downloaded at build time, and the library should not make every user install one): the arguments
 * are written the way the provider documents them. The provider itself is configured by the user —
 * `HARNESS_ACCOUNT_ID`, `HARNESS_PLATFORM_API_KEY` and `HARNESS_ENDPOINT` in the environment, or a
 * `provider "harness"` block from a generated binding — so no provider block is written here; the
 * stack only pins the provider's source and version in `required_providers`.
 *
 * No `terraformGeneratorMetadata`: cdktf would then insist on a provider construct in the stack.
 *
 * @internal
 */
export class HarnessPipelineResource extends TerraformResource {
  /** The Terraform resource type. */
  public static readonly tfResourceType = 'harness_platform_pipeline';

  private readonly config: HarnessPipelineResourceConfig;

  constructor(scope: Construct, id: string, config: HarnessPipelineResourceConfig) {
    super(scope, id, { terraformResourceType: HarnessPipelineResource.tfResourceType });
    this.config = config;
    // One entry per stack, whatever the number of pipelines: overriding the same path twice is harmless.
    TerraformStack.of(this).addOverride('terraform.required_providers.harness', { source: 'harness/harness', version: config.providerVersion });
  }

  /** The same arguments for `hclOutput` apps, in the typed form cdktf's HCL renderer reads. */
  protected synthesizeHclAttributes(): { [name: string]: any } {
    return toHclAttributes(this.synthesizeAttributes());
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    const c = this.config;
    const out: { [name: string]: any } = {
      identifier: c.identifier,
      name: c.name,
      org_id: c.orgIdentifier,
      project_id: c.projectIdentifier,
    };
    if (c.description !== undefined) out.description = escapeTerraformTemplate(c.description);
    // The provider compares `tags` with the YAML's tags ("name:value" strings); none → not set.
    const tags = Object.keys(c.tags).map(k => (c.tags[k] === '' ? k : `${k}:${c.tags[k]}`));
    if (tags.length > 0) out.tags = tags.map(escapeTerraformTemplate);
    const git = c.gitDetails;
    if (git && c.importFromGit) {
      // Harness reads the committed file: no `yaml` is sent (it would be pushed back to Git on update).
      out.import_from_git = true;
      out.git_import_info = [{
        branch_name: git.branchName, file_path: git.filePath, connector_ref: git.connectorRef, repo_name: git.repoName,
      }];
      out.pipeline_import_request = [{
        pipeline_name: c.name,
        ...(c.description !== undefined ? { pipeline_description: escapeTerraformTemplate(c.description) } : {}),
      }];
      return out;
    }
    // Terraform would evaluate `${…}` and `%{…}` in the text; escaped, it reads the YAML verbatim.
    out.yaml = escapeTerraformTemplate(c.yaml());
    if (git) {
      out.git_details = [{
        store_type: git.storeType,
        connector_ref: git.connectorRef,
        repo_name: git.repoName,
        file_path: git.filePath,
        branch_name: git.branchName,
        ...(git.commitMessage !== undefined ? { commit_message: escapeTerraformTemplate(git.commitMessage) } : {}),
        ...(git.baseBranch !== undefined ? { base_branch: git.baseBranch } : {}),
      }];
    }
    return out;
  }
}

/**
 * JSON-style arguments in the shape cdktf's HCL renderer expects from generated bindings: strings and
 * booleans as simple attributes, string lists as sets, lists of objects as (nested) blocks.
 */
function toHclAttributes(attributes: { [name: string]: any }): { [name: string]: any } {
  const out: { [name: string]: any } = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'string') out[name] = { value, isBlock: false, type: 'simple', storageClassType: 'string' };
    else if (typeof value === 'boolean') out[name] = { value, isBlock: false, type: 'simple', storageClassType: 'boolean' };
    else if (Array.isArray(value) && value.every(v => typeof v === 'string')) out[name] = { value, isBlock: false, type: 'set', storageClassType: 'stringList' };
    else if (Array.isArray(value)) out[name] = { value: value.map(toHclAttributes), isBlock: true, type: 'list', storageClassType: `${name}List` };
  }
  return out;
}
