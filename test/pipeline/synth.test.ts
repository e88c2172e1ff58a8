import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { expectSchemaValid } from './harness-schema';
import { buildDocsExamplePipeline } from '../../examples/pipelines/docs-example';
import { Allocation } from '../../src/model';
import { CustomStage, FmeFlagDefaultAllocation, FmePipeline, PipelineStorage, WaitStep, HarnessDuration } from '../../src/pipeline';

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fme-pipeline-synth-'));
}

describe('synthesis with a real App', () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  test('app.synth() writes <outdir>/stacks/<stack>/pipelines/<identifier>.yaml, equal to toYaml(), and a repository copy', () => {
    const outdir = tmpdir();
    const repo = tmpdir();
    process.chdir(repo); // repositoryPath is relative to the app's working directory
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'flags');
    const pipeline = buildDocsExamplePipeline(stack, { repositoryPath: 'harness/pipelines/fme_demo.yaml' });
    app.synth();

    const written = fs.readFileSync(path.join(outdir, 'stacks', 'flags', 'pipelines', 'fme_demo.yaml'), 'utf8');
    expect(written).toBe(pipeline.toYaml());
    expectSchemaValid(written);
    expect(fs.readFileSync(path.join(repo, 'harness', 'pipelines', 'fme_demo.yaml'), 'utf8')).toBe(written);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'flags', 'pipelines', 'fme_demo.git.json'))).toBe(false);
  });

  test('synthesis is byte-stable: two apps write identical files', () => {
    const outputs = [tmpdir(), tmpdir()].map(outdir => {
      const app = new App({ outdir });
      buildDocsExamplePipeline(new TerraformStack(app, 'flags'));
      app.synth();
      return fs.readFileSync(path.join(outdir, 'stacks', 'flags', 'pipelines', 'fme_demo.yaml'));
    });
    expect(outputs[0].equals(outputs[1])).toBe(true);
  });

  test('remote storage exposes gitDetails (the git_details fields) and writes no side file: Harness reads it from the resource', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'flags');
    const pipeline = new FmePipeline(stack, 'remote_one', {
      name: 'Remote',
      orgIdentifier: 'default',
      projectIdentifier: 'Default',
      storage: PipelineStorage.remote({ connectorRef: 'account.github', repoName: 'platform-flags', filePath: '.harness/remote_one.yaml', branch: 'main' }),
    });
    new WaitStep(new CustomStage(pipeline, 's'), 'w', { duration: HarnessDuration.minutes(1) });
    app.synth();
    const dir = path.join(outdir, 'stacks', 'flags', 'pipelines');
    const expected = { storeType: 'REMOTE', connectorRef: 'account.github', repoName: 'platform-flags', filePath: '.harness/remote_one.yaml', branchName: 'main' };
    expect(fs.existsSync(path.join(dir, 'remote_one.git.json'))).toBe(false);
    expect(pipeline.gitDetails).toEqual(expected);
    // The YAML carries no Git metadata: Harness keeps it beside the file.
    expect(fs.readFileSync(path.join(dir, 'remote_one.yaml'), 'utf8')).not.toMatch(/connector|branch/);
  });

  test('a rule violation fails app.synth() with the construct path and the rule, and writes no file', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'flags');
    const pipeline = new FmePipeline(stack, 'bad', { name: 'Bad', orgIdentifier: 'default', projectIdentifier: 'Default' });
    new FmeFlagDefaultAllocation(new CustomStage(pipeline, 's'), 'alloc', {
      flagName: 'x', environment: 'Production', allocation: [Allocation.of('on', 10)],
    });
    expect(() => app.synth()).toThrow(/flags\/bad\/s\/alloc\] \[percentage-sum\]/);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'flags', 'pipelines', 'bad.yaml'))).toBe(false);
  });
});
