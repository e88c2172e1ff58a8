import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { newStack, resources, specOf, synthErrors } from './support';
import { FeatureFlag, FmeConfig, LargeSegment, Matcher, RemovalPolicy, RolloutPlan, TargetingRule } from '../../src';
import { FmeValidationError } from '../../src/model/errors';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-large-segment-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes a keys file and returns its absolute path. */
function keysFile(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function errorOf(build: () => unknown): FmeValidationError {
  try {
    build();
  } catch (e) {
    if (e instanceof FmeValidationError) return e;
    throw e;
  }
  throw new Error('nothing was thrown');
}

describe('LargeSegment', () => {
  test('spec names the keys file by content hash; inventory lists the segment and its environments', () => {
    const { stack } = newStack();
    const prod = keysFile('prod.csv', 'u3\r\nu1\nu2\n');
    const segment = new LargeSegment(stack, 'Vip', { largeSegmentName: 'vip', description: 'VIPs', environmentKeys: [{ environment: 'Production', keysFile: prod }] });
    segment.setKeysFile('Staging', keysFile('staging.csv', 's1'));
    const spec = specOf(stack, 'Fme_LargeSegment-vip');
    // The file content is normalized (LF, final newline) before hashing, and kept in the order given.
    expect(spec).toEqual({
      v: 2,
      kind: 'largeSegment',
      target: expect.any(Object),
      stack: 'test',
      segmentName: 'vip',
      metadata: { trafficType: 'user', description: 'VIPs' },
      removalPolicy: 'destroy',
      existing: 'adopt',
      environments: [
        { environment: 'Production', removalPolicy: 'destroy', keysFile: `fme-large-segments/${sha256('u3\nu1\nu2\n')}.csv`, sha256: sha256('u3\nu1\nu2\n'), keyCount: 3 },
        { environment: 'Staging', removalPolicy: 'destroy', keysFile: `fme-large-segments/${sha256('s1\n')}.csv`, sha256: sha256('s1\n'), keyCount: 1 },
      ],
    });
    expect(specOf(stack, 'Fme_Inventory').objects).toEqual([
      { t: 'largeSegment', segment: 'vip', policy: 'destroy' },
      { t: 'largeSegmentDefinition', segment: 'vip', env: 'Production', policy: 'destroy' },
      { t: 'largeSegmentDefinition', segment: 'vip', env: 'Staging', policy: 'destroy' },
    ]);
  });

  test('the keys are written next to cdk.tf.json, never into it or into state', () => {
    const outdir = fs.mkdtempSync(path.join(dir, 'out-'));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'ls');
    new FmeConfig(stack, 'Fme', { apiBaseUrl: 'http://127.0.0.1:9/internal/api/v2' });
    new LargeSegment(stack, 'Vip', { largeSegmentName: 'vip', environmentKeys: [{ environment: 'Production', keysFile: keysFile('secret.csv', 'very_unique_key_1\nvery_unique_key_2\n') }] });
    app.synth();
    const stackDir = path.join(outdir, 'stacks', 'ls');
    const written = path.join(stackDir, 'fme-large-segments', `${sha256('very_unique_key_1\nvery_unique_key_2\n')}.csv`);
    expect(fs.readFileSync(written, 'utf8')).toBe('very_unique_key_1\nvery_unique_key_2\n');
    expect(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')).not.toContain('very_unique_key');
    const bootstrap = JSON.parse(fs.readFileSync(path.join(stackDir, 'fme-bootstrap.json'), 'utf8'));
    expect(bootstrap.waves[0].map((s: any) => `${s.kind}:${s.segmentName}`)).toEqual(['largeSegment:vip']);
  });

  test('a relative keys file path is resolved against the directory the app runs in', () => {
    const { stack } = newStack();
    const file = keysFile('relative.csv', 'r1\n');
    new LargeSegment(stack, 'Rel', { largeSegmentName: 'rel', environmentKeys: [{ environment: 'Production', keysFile: path.relative(process.cwd(), file) }] });
    expect(specOf(stack, 'Fme_LargeSegment-rel').environments[0].sha256).toBe(sha256('r1\n'));
  });

  test('a flag targeting it depends on its resource; the state keeps no file name or digest', () => {
    const { stack } = newStack();
    const vip = new LargeSegment(stack, 'Vip', { largeSegmentName: 'vip', environmentKeys: [{ environment: 'Production', keysFile: keysFile('dep.csv', 'a\n') }] });
    const flag = new FeatureFlag(stack, 'F', { flagName: 'f', treatments: [{ name: 'on' }, { name: 'off' }] });
    new RolloutPlan(stack, 'P', {
      flag,
      environment: 'Production',
      defaultTreatment: 'off',
      rules: [TargetingRule.serve('on', [Matcher.inLargeSegment(vip.largeSegmentName)])],
    });
    const all = resources(stack);
    const flagId = Object.keys(all).find((id) => id.startsWith('Fme_Flag-f_'))!;
    const segmentId = Object.keys(all).find((id) => id.startsWith('Fme_LargeSegment-vip_'))!;
    expect(all[flagId].depends_on).toContain(`terraform_data.${segmentId}`);
    const identity = JSON.parse(all[segmentId].triggers_replace.identity);
    expect(identity.environments).toEqual([{ environment: 'Production', removalPolicy: 'destroy', keysFile: '', sha256: '', keyCount: 0 }]);
    expect(all[segmentId].triggers_replace['keys Production']).toBe(`1 keys · sha256 ${sha256('a\n').slice(0, 12)}`);
    expect(specOf(stack, 'Fme_Flag-f').environments[0].definition.rules[0].condition.matchers).toEqual([{ type: 'IN_LARGE_SEGMENT', string: 'vip' }]);
  });

  test('a missing file fails synthesis with the construct path and the rule', () => {
    const { stack } = newStack();
    new LargeSegment(stack, 'Vip', { largeSegmentName: 'vip', environmentKeys: [{ environment: 'Production', keysFile: path.join(dir, 'nope.csv') }] });
    expect(synthErrors(stack)).toMatch(new RegExp('^\\[test/Vip\\] large segment keys: keys file .*nope\\.csv for environment Production: .*nope\\.csv does not exist'));
  });

  test.each<[string, string, string]>([
    ['duplicate keys', 'a\nb\na\n', 'line 3: duplicate key "a"'],
    ['an empty line', 'a\n\nb\n', 'line 2: empty line'],
    ['an empty file', '', 'the file holds no key'],
  ])('a file with %s fails synthesis with the construct path and the rule', (name, content, message) => {
    const { stack } = newStack();
    new LargeSegment(stack, 'Vip', { largeSegmentName: 'vip', environmentKeys: [{ environment: 'Production', keysFile: keysFile(`${name}.csv`, content) }] });
    const errors = synthErrors(stack);
    expect(errors).toContain('[test/Vip] large segment keys: keys file');
    expect(errors).toContain(message);
  });

  test.each<[string, () => void, string]>([
    ['an invalid name', () => new LargeSegment(newStack().stack, 'S', { largeSegmentName: 'vip users' }), 'segment name: "vip users" is not a valid segment name'],
    ['an empty keys file path', () => new LargeSegment(newStack().stack, 'S', { largeSegmentName: 'v', environmentKeys: [{ environment: 'P', keysFile: '' }] }),
      'large segment keys: keysFile for P is empty'],
  ])('fails at construction for %s', (_, build, message) => {
    const error = errorOf(build);
    expect(error.constructPath).toBe('test/S');
    expect(error.message).toContain(message);
  });

  test('conflicts and ARCHIVE are reported at synth with construct paths', () => {
    const { stack } = newStack();
    const file = keysFile('conflict.csv', 'a\n');
    new LargeSegment(stack, 'A', { largeSegmentName: 'dup', environmentKeys: [{ environment: 'P', keysFile: file }] });
    new LargeSegment(stack, 'B', { largeSegmentName: 'dup' });
    new LargeSegment(stack, 'C', { largeSegmentName: 'arch', removalPolicy: RemovalPolicy.ARCHIVE });
    const errors = synthErrors(stack);
    expect(errors).toContain('[test/B] conflicting constructs: large segment "dup" is also declared by test/A');
    expect(errors).toContain('[test/C] removal policy: RemovalPolicy.ARCHIVE archives flags; FME has no archive for a large segment');
  });

  test('two stacks of one app declaring one large segment in one workspace fail synth, naming both', () => {
    const app = Testing.app();
    const [a, b] = ['a', 'b'].map((id) => {
      const stack = new TerraformStack(app, id);
      new FmeConfig(stack, 'Fme', { apiBaseUrl: 'http://127.0.0.1:9/internal/api/v2' });
      new LargeSegment(stack, 'Vip', { largeSegmentName: 'vip' });
      return stack;
    });
    expect(synthErrors(a)).toContain('[a/Vip] one owner: large segment "vip" is also declared by stack "b" (b/Vip) in the same FME workspace; '
      + 'one stack owns each object, so keep the LargeSegment in one of them');
    expect(synthErrors(b)).toContain('[b/Vip] one owner: large segment "vip" is also declared by stack "a" (a/Vip)');
  });
});
