import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { expectSchemaValid } from './harness-schema';
import { newStack, violations } from './support/helpers';
import { CustomStage, FmePipeline, FmePipelineProps, HarnessDuration, PipelineStorage, WaitStep } from '../../src/pipeline';

/**
 * Issue 13, defect 3: `deployWithStack` synthesizes a `harness_platform_pipeline` resource. No provider
 * can be downloaded here, so the resource JSON is checked against the arguments the provider documents:
 * harness/terraform-provider-harness, tag v0.45.1, docs/resources/platform_pipeline.md (restated in
 * docs/harness-pipelines.md, deploying with the stack).
 */
const DOCUMENTED = {
  resource: ['identifier', 'name', 'org_id', 'project_id', 'description', 'git_details', 'git_import_info', 'import_from_git',
    'pipeline_import_request', 'tags', 'template_applied', 'template_applied_pipeline_yaml', 'yaml'],
  required: ['identifier', 'name', 'org_id', 'project_id'],
  git_details: ['base_branch', 'branch_name', 'commit_message', 'connector_ref', 'file_path', 'is_harness_code_repo', 'last_commit_id',
    'last_object_id', 'repo_name', 'store_type'],
  git_import_info: ['branch_name', 'connector_ref', 'file_path', 'is_force_import', 'repo_name'],
  pipeline_import_request: ['pipeline_description', 'pipeline_name'],
};

/** Fails unless `resource` uses only documented arguments, in the documented shapes. */
function expectDocumentedArguments(resource: { [key: string]: any }): void {
  const meta = ['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each'];
  expect(Object.keys(resource).filter(k => !meta.includes(k) && !DOCUMENTED.resource.includes(k))).toEqual([]);
  for (const required of DOCUMENTED.required) expect(typeof resource[required]).toBe('string');
  for (const block of ['git_details', 'git_import_info', 'pipeline_import_request'] as const) {
    if (resource[block] === undefined) continue;
    expect(Array.isArray(resource[block]) && resource[block].length === 1).toBe(true); // Block List, Max: 1
    expect(Object.keys(resource[block][0]).filter(k => !DOCUMENTED[block].includes(k))).toEqual([]);
  }
  if (resource.git_details) expect(['INLINE', 'REMOTE']).toContain(resource.git_details[0].store_type);
  if (resource.tags) expect(resource.tags.every((t: unknown) => typeof t === 'string')).toBe(true); // Set of String, "name:value"
  if (resource.import_from_git !== undefined) expect(typeof resource.import_from_git).toBe('boolean');
}

/** Terraform reads `$${` as `${` and `%%{` as `%{`. */
function terraformLiteral(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fme-deploy-'));
}

interface Synthesized {
  readonly config: { [key: string]: any };
  readonly pipelinesDir: string;
  readonly pipeline: FmePipeline;
}

function synth(props: Partial<FmePipelineProps>, identifier = 'checkout_rollout'): Synthesized {
  const outdir = tmpdir();
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'flags');
  const pipeline = new FmePipeline(stack, identifier, { name: 'Checkout rollout', orgIdentifier: 'default', projectIdentifier: 'Default', ...props });
  new WaitStep(new CustomStage(pipeline, 'ramp'), 'wait', { duration: HarnessDuration.minutes(10) });
  app.synth();
  const stackDir = path.join(outdir, 'stacks', 'flags');
  return { config: JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')), pipelinesDir: path.join(stackDir, 'pipelines'), pipeline };
}

function onlyPipelineResource(config: { [key: string]: any }): { [key: string]: any } {
  const resources = Object.values(config.resource?.harness_platform_pipeline ?? {}) as { [key: string]: any }[];
  expect(resources).toHaveLength(1);
  return resources[0];
}

describe('deploy with the stack: harness_platform_pipeline', () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  test('without the opt-in, the stack has no Harness resource and no Harness provider requirement', () => {
    const { config } = synth({});
    expect(config.resource?.harness_platform_pipeline).toBeUndefined();
    expect(config.terraform?.required_providers?.harness).toBeUndefined();
  });

  test('inline: the resource carries the org, project and exactly the synthesized file as yaml; the provider is pinned', () => {
    const { config, pipelinesDir, pipeline } = synth({
      deployWithStack: true,
      description: 'Costs ${cost} and %{if} nothing', // Terraform template syntax in user text
      tags: { team: 'checkout', beta: '' },
    });
    expect(config.terraform.required_providers.harness).toEqual({ source: 'harness/harness', version: '0.45.1' });
    const resource = onlyPipelineResource(config);
    expectDocumentedArguments(resource);
    expect(resource).toMatchObject({ identifier: 'checkout_rollout', name: 'Checkout rollout', org_id: 'default', project_id: 'Default' });
    expect(resource.tags).toEqual(['team:checkout', 'beta']);
    expect(resource.git_details).toBeUndefined();
    const file = fs.readFileSync(path.join(pipelinesDir, 'checkout_rollout.yaml'), 'utf8');
    expect(file).toContain('Costs ${cost} and %{if} nothing');
    expect(resource.yaml).not.toMatch(/(^|[^$])\$\{/); // no template sequence left for Terraform to evaluate
    expect(terraformLiteral(resource.yaml)).toBe(file);
    expect(terraformLiteral(resource.description)).toBe('Costs ${cost} and %{if} nothing');
    expect(pipeline.harnessResource).toBeDefined();
    expectSchemaValid(file);
  });

  test('remote (Git Experience): git_details with the Git settings, the same yaml, and a checked .harness/ layout', () => {
    const repo = tmpdir();
    process.chdir(repo);
    const { config, pipelinesDir } = synth({
      deployWithStack: true,
      harnessProviderVersion: '0.45.0',
      repositoryPath: '.harness/checkout_rollout.yaml',
      storage: PipelineStorage.remote({
        connectorRef: 'account.github',
        repoName: 'platform-flags',
        filePath: '.harness/checkout_rollout.yaml',
        branch: 'main',
        commitMessage: 'Update checkout rollout',
        baseBranch: 'develop',
      }),
    });
    expect(config.terraform.required_providers.harness).toEqual({ source: 'harness/harness', version: '0.45.0' });
    const resource = onlyPipelineResource(config);
    expectDocumentedArguments(resource);
    expect(resource.git_details).toEqual([{
      store_type: 'REMOTE',
      connector_ref: 'account.github',
      repo_name: 'platform-flags',
      file_path: '.harness/checkout_rollout.yaml',
      branch_name: 'main',
      commit_message: 'Update checkout rollout',
      base_branch: 'develop',
    }]);
    const file = fs.readFileSync(path.join(pipelinesDir, 'checkout_rollout.yaml'), 'utf8');
    expect(terraformLiteral(resource.yaml)).toBe(file);
    expect(fs.readFileSync(path.join(repo, '.harness', 'checkout_rollout.yaml'), 'utf8')).toBe(file);
    // Git metadata lives in the resource; no side file that no Harness tool reads.
    expect(fs.readdirSync(pipelinesDir)).toEqual(['checkout_rollout.yaml']);
  });

  test('remote, imported from Git: import_from_git with git_import_info, no yaml sent', () => {
    const repo = tmpdir();
    process.chdir(repo);
    const { config } = synth({
      deployWithStack: true,
      description: 'Ramp',
      repositoryPath: '.harness/checkout_rollout.yaml',
      storage: PipelineStorage.remote({
        connectorRef: 'account.github', repoName: 'platform-flags', filePath: 'infra/.harness/checkout_rollout.yaml', branch: 'main', importFromGit: true,
      }),
    });
    const resource = onlyPipelineResource(config);
    expectDocumentedArguments(resource);
    expect(resource.import_from_git).toBe(true);
    expect(resource.git_import_info).toEqual([{
      branch_name: 'main', file_path: 'infra/.harness/checkout_rollout.yaml', connector_ref: 'account.github', repo_name: 'platform-flags',
    }]);
    expect(resource.pipeline_import_request).toEqual([{ pipeline_name: 'Checkout rollout', pipeline_description: 'Ramp' }]);
    expect(resource.yaml).toBeUndefined();
    expect(resource.git_details).toBeUndefined();
  });
});

describe('HCL output (App hclOutput)', () => {
  test('the resource is written with its arguments and blocks', () => {
    const outdir = tmpdir();
    const app = new App({ outdir, hclOutput: true });
    // cdktf 0.21's stack synthesizer reads HCL mode from this variable, not from the App option.
    process.env.SYNTH_HCL_OUTPUT = 'true';
    let stack: TerraformStack;
    try {
      stack = new TerraformStack(app, 'flags');
    } finally {
      delete process.env.SYNTH_HCL_OUTPUT;
    }
    const pipeline = new FmePipeline(stack, 'checkout_rollout', {
      name: 'Checkout rollout',
      orgIdentifier: 'default',
      projectIdentifier: 'Default',
      deployWithStack: true,
      tags: { team: 'web' },
      storage: PipelineStorage.remote({ connectorRef: 'account.github', repoName: 'platform-flags', filePath: '.harness/checkout_rollout.yaml', branch: 'main' }),
    });
    new WaitStep(new CustomStage(pipeline, 'ramp'), 'wait', { duration: HarnessDuration.minutes(10) });
    app.synth();
    const hcl = fs.readFileSync(path.join(outdir, 'stacks', 'flags', 'cdk.tf'), 'utf8');
    const block = hcl.slice(hcl.indexOf('resource "harness_platform_pipeline"'));
    expect(block).toMatch(/org_id\s*=\s*"default"/);
    expect(block).toMatch(/tags\s*=\s*\[\s*"team:web"\s*\]/);
    expect(block).toMatch(/git_details\s*\{[^}]*file_path\s*=\s*"\.harness\/checkout_rollout\.yaml"[^}]*\}/s);
    expect(block).toContain('yaml = <<EOF\npipeline:\n  name: Checkout rollout\n  identifier: checkout_rollout\n');
    expect(hcl).toMatch(/required_providers\s*\{[^}]*harness\s*=\s*\{[^}]*source\s*=\s*"harness\/harness"/s);
  });
});

describe('Git layout: repositoryPath and the remote filePath name one file', () => {
  function remotePipeline(filePath: string, repositoryPath?: string, importFromGit = false): FmePipeline {
    const pipeline = new FmePipeline(newStack(), 'checkout_rollout', {
      name: 'Checkout rollout',
      orgIdentifier: 'default',
      projectIdentifier: 'Default',
      repositoryPath,
      deployWithStack: importFromGit,
      storage: PipelineStorage.remote({ connectorRef: 'account.github', repoName: 'platform-flags', filePath, branch: 'main', importFromGit }),
    });
    new WaitStep(new CustomStage(pipeline, 'ramp'), 'wait', { duration: HarnessDuration.minutes(10) });
    return pipeline;
  }

  test('different paths are an error naming both', () => {
    expect(violations(remotePipeline('.harness/checkout_rollout.yaml', 'pipelines/checkout.yaml'))).toEqual([expect.stringMatching(
      /^\[stack\/checkout_rollout\] \[git-file-path\] repositoryPath "pipelines\/checkout.yaml" and the remote filePath "\.harness\/checkout_rollout\.yaml" name different files/)]);
  });

  test('the same path, or the app in a subfolder of the repository, passes', () => {
    expect(violations(remotePipeline('.harness/checkout_rollout.yaml', './.harness/checkout_rollout.yaml'))).toEqual([]);
    expect(violations(remotePipeline('infra/.harness/checkout_rollout.yaml', '.harness/checkout_rollout.yaml'))).toEqual([]);
    expect(violations(remotePipeline('other/.harness/checkout_rollout.yaml', 'x.harness/checkout_rollout.yaml'))).toHaveLength(1);
  });

  test('importing from Git needs the committed copy (repositoryPath)', () => {
    expect(violations(remotePipeline('.harness/checkout_rollout.yaml', undefined, true))).toEqual([expect.stringMatching(
      /\[git-file-path\] the pipeline is imported from Git \(importFromGit\), so synthesis must write the file Harness reads/)]);
  });
});
