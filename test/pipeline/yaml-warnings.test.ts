import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { parse } from 'yaml';
import { expectSchemaValid } from './harness-schema';
import { CustomStage, FmePipeline, HarnessDuration, PipelineVariable, WaitStep } from '../../src/pipeline';
import { renderYaml } from '../../src/pipeline/yaml';

/** Strings a YAML parser reads as directives, flow collections or tags when they stand alone. */
const TEMPLATE_LIKE = ['%s%s%n', '{{7*7}}', '%YAML 1.2', '%TAG ! tag:example.com,2000:', '${jndi:ldap://x}', '#{7*7}', '!!python/object x', '%'];

/** Runs `fn`, collecting everything passed to `process.emitWarning` or written to stderr. */
function captureWarnings<T>(fn: () => T): { result: T; warnings: string[] } {
  const warnings: string[] = [];
  const emit = jest.spyOn(process, 'emitWarning').mockImplementation((w: string | Error) => {
    warnings.push(typeof w === 'string' ? w : `${w.name}: ${w.message}`);
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    warnings.push(String(chunk));
    return true;
  });
  try {
    return { result: fn(), warnings };
  } finally {
    emit.mockRestore();
    stderr.mockRestore();
  }
}

function templatePipeline(stack: TerraformStack): FmePipeline {
  const pipeline = new FmePipeline(stack, 'templates', {
    name: 'Templates',
    orgIdentifier: 'default',
    projectIdentifier: 'Default',
    description: TEMPLATE_LIKE.join(' | '),
    tags: Object.fromEntries(TEMPLATE_LIKE.map((v, i) => [`t${i}`, v])),
    variables: TEMPLATE_LIKE.map((value, i) => PipelineVariable.string(`v${i}`, { value })),
  });
  new WaitStep(new CustomStage(pipeline, 's', { name: 'Stage' }), 'w', { duration: HarnessDuration.minutes(1) });
  return pipeline;
}

function expectExactStrings(yaml: string): void {
  for (const version of ['1.1', '1.2'] as const) {
    const doc = parse(yaml, { version }).pipeline;
    expect(doc.description).toBe(TEMPLATE_LIKE.join(' | '));
    expect(Object.values(doc.tags)).toEqual(TEMPLATE_LIKE);
    expect(doc.variables.map((v: { value: string }) => v.value)).toEqual(TEMPLATE_LIKE);
  }
}

describe('YAML rendering prints no warnings', () => {
  test('the capture sees what the yaml package warns about (control)', () => {
    const { warnings } = captureWarnings(() => parse('%unknown directive\n---\nx'));
    expect(warnings.join('\n')).toMatch(/YAMLWarning/);
  });

  test.each(TEMPLATE_LIKE)('renderYaml of %j warns about nothing and reads back exactly', (value) => {
    const { result, warnings } = captureWarnings(() => renderYaml({ v: value }));
    expect(warnings).toEqual([]);
    expect(parse(result, { version: '1.1' }).v).toBe(value);
    expect(parse(result).v).toBe(value);
  });

  test('toYaml of a pipeline full of template-like strings warns about nothing and round-trips', () => {
    const pipeline = templatePipeline(new TerraformStack(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'fme-yaml-')) }), 'stack'));
    const { result, warnings } = captureWarnings(() => pipeline.toYaml());
    expect(warnings).toEqual([]);
    expectExactStrings(result);
    expectSchemaValid(result);
  });

  test('app.synth() of that pipeline warns about nothing and writes the exact strings', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-yaml-'));
    const app = new App({ outdir });
    templatePipeline(new TerraformStack(app, 'flags'));
    const { warnings } = captureWarnings(() => app.synth());
    expect(warnings.filter((w) => /YAML|Warning|directive|stringified/i.test(w))).toEqual([]);
    expectExactStrings(fs.readFileSync(path.join(outdir, 'stacks', 'flags', 'pipelines', 'templates.yaml'), 'utf8'));
  });
});

describe('YAML rendering writes no anchors or aliases', () => {
  test('an object and an array used twice are written out twice', () => {
    const shared = { type: 'Retry', spec: { retryCount: 2, retryIntervals: ['10s'] } };
    const list = ['a', 'b'];
    const yaml = renderYaml({ first: shared, second: shared, nested: { again: shared }, l1: list, l2: list });
    expect(yaml).not.toMatch(/[&*]a\d/);
    expect(yaml).not.toMatch(/(^|\s)[&*][\w-]+/m);
    const read = parse(yaml);
    expect(read.first).toEqual(shared);
    expect(read.second).toEqual(shared);
    expect(read.nested.again).toEqual(shared);
    expect(read.l2).toEqual(list);
  });
});
