import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { parse } from 'yaml';
import { expectSchemaValid } from './harness-schema';
import { buildRolloutStack } from '../../examples/pipelines/progressive-rollout-with-stack';

/** The README's "deploy a progressive rollout with the stack" example, synthesized as a whole app. */
describe('examples/pipelines/progressive-rollout-with-stack', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-rollout-stack-'));
  const app = new App({ outdir });
  buildRolloutStack(app, 'flags', 'http://127.0.0.1:9/internal/api/v2');
  app.synth();
  const stackDir = path.join(outdir, 'stacks', 'flags');
  const config = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  const file = fs.readFileSync(path.join(stackDir, 'pipelines', 'checkout_rollout.yaml'), 'utf8');

  test('one deploy creates the FME flag and the Harness pipeline', () => {
    expect(Object.keys(config.resource.terraform_data).length).toBeGreaterThan(0);
    const pipelines = Object.values(config.resource.harness_platform_pipeline) as any[];
    expect(pipelines).toHaveLength(1);
    expect(pipelines[0]).toMatchObject({ identifier: 'checkout_rollout', org_id: 'default', project_id: 'shop' });
    expect(pipelines[0].git_details[0]).toMatchObject({ store_type: 'REMOTE', file_path: '.harness/checkout_rollout.yaml', branch_name: 'main' });
    expect(pipelines[0].yaml.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')).toBe(file);
    expect(config.terraform.required_providers.harness).toEqual({ source: 'harness/harness', version: '0.45.1' });
  });

  test('the pipeline creates the Production definition, restores, ramps, and validates against the schema', () => {
    expectSchemaValid(file);
    const steps = parse(file).pipeline.stages[0].stage.spec.execution.steps.map((s: any) => `${s.step.type}:${s.step.identifier}`);
    expect(steps.slice(0, 3)).toEqual(['FmeFlagDefinitionInstructions:ramp_5', 'FmeFlagRestore:restore', 'Wait:wait_after_5']);
    const first = parse(file).pipeline.stages[0].stage.spec.execution.steps[0].step.spec;
    expect(first.defaultDefinition.defaultTreatment).toBe('off');
    expect(first.instructions).toEqual([{ type: 'SetDefaultAllocations', value: [{ treatment: 'on', amount: 5 }, { treatment: 'off', amount: 95 }] }]);
  });
});
