import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import * as library from '../../src';

/**
 * The README's main example and its pipeline example, run exactly as printed (the package import
 * is pointed at this repository's sources), so the README cannot drift from the API.
 */
function readmeBlocks(): string[] {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

function run(source: string, outdir: string): void {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  // The snippet's own imports, resolved here: the package name means this repository's sources.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const requireShim = (name: string) => (name === 'cdktf-harness-fme' ? library : require(name));
  const previous = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = outdir;
  try {
    new Function('require', 'exports', js)(requireShim, {});
  } finally {
    if (previous === undefined) delete process.env.CDKTF_OUTDIR; else process.env.CDKTF_OUTDIR = previous;
  }
}

test('the README example synthesizes, and so does its pipeline example added to it', () => {
  const blocks = readmeBlocks();
  const main = blocks.find((b) => b.includes('new FmeConfig'))!;
  const pipeline = blocks.find((b) => b.includes('new ProgressiveRollout'))!;
  expect(main).toContain('app.synth()');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-readme-'));
  try {
    // The pipeline block continues the main one (it uses `stack` and `checkout`): splice it in before synth.
    const pipelineBody = pipeline.replace(/^import[^;]+;\n/m, '');
    const combined = main
      .replace(/\n\} from 'cdktf-harness-fme';/, "\n  ProgressiveRollout,\n} from 'cdktf-harness-fme';")
      .replace('app.synth();', `${pipelineBody}\napp.synth();`);
    run(combined, outdir);
    const stackDir = path.join(outdir, 'stacks', 'flags');
    const config = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(config.resource.terraform_data).some((id) => id.startsWith('Fme_Flag-new_checkout'))).toBe(true);
    expect(fs.readdirSync(path.join(stackDir, 'pipelines'))).toEqual(expect.arrayContaining([expect.stringMatching(/\.yaml$/)]));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
