import { App, TerraformStack } from 'cdktf';
import { CustomStage, FmePipeline } from '../../../src/pipeline';

/** A stack to build pipelines in (never synthesized unless a test does it). */
export function newStack(): TerraformStack {
  return new TerraformStack(new App({ outdir: '/tmp/unused-cdktf-out' }), 'stack');
}

/** A pipeline with one Custom stage, for tests of single steps. */
export function pipelineWithStage(identifier = 'p'): { pipeline: FmePipeline; stage: CustomStage } {
  const pipeline = new FmePipeline(newStack(), identifier, { name: 'Test pipeline', orgIdentifier: 'default', projectIdentifier: 'Default' });
  const stage = new CustomStage(pipeline, 'stage1', { name: 'Stage 1' });
  return { pipeline, stage };
}

/** The messages `toYaml()` rejects with, or [] when it renders. */
export function violations(pipeline: FmePipeline): string[] {
  try {
    pipeline.toYaml();
    return [];
  } catch (e: any) {
    if (!Array.isArray(e.violations)) throw e;
    return e.violations;
  }
}
