/**
 * The README's "Rule-based and large segments" example (the block after `<!-- example: segments -->`),
 * run exactly as printed in a scratch directory (it writes its keys file there), with the package
 * import pointed at this repository's sources. Then the synthesized specs are checked: the rule-based
 * segment's rules and exclusions, and the large segment's keys written next to `cdk.tf.json` and named
 * only by path and digest in the spec.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import * as library from '../../src';
import { decodedSpec } from '../constructs/support';

function exampleBlock(): string {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const at = readme.indexOf('<!-- example: segments -->');
  if (at < 0) throw new Error('README.md has no <!-- example: segments --> block');
  return /```ts\n([\s\S]*?)```/.exec(readme.slice(at))![1];
}

describe('README: rule-based and large segments', () => {
  const cwd = process.cwd();
  let dir: string;
  let specs: Record<string, any>;
  let stackDir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-readme-segments-'));
    process.chdir(dir);
    const js = ts.transpileModule(exampleBlock(), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const requireShim = (name: string) => (name === 'cdktf-harness-fme' ? library : require(name));
    const saved = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = path.join(dir, 'cdktf.out');
    try {
      new Function('require', 'exports', js)(requireShim, {});
    } finally {
      if (saved === undefined) delete process.env.CDKTF_OUTDIR; else process.env.CDKTF_OUTDIR = saved;
    }
    stackDir = path.join(dir, 'cdktf.out', 'stacks', 'segments');
    const config = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    specs = {};
    for (const r of Object.values<any>(config.resource.terraform_data)) {
      const id = r['//'].metadata.path.split('/').pop();
      if (id !== 'Bootstrap') specs[id] = decodedSpec(r);
    }
  });
  afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the rule-based segment carries both rules and its exclusions', () => {
    expect(specs['RuleBasedSegment-power_users'].environments[0].definition).toEqual({
      rules: [
        {
          condition: {
            combiner: 'AND',
            matchers: [
              { type: 'GREATER_THAN_OR_EQUAL_NUMBER', attribute: 'sessions_per_week', number: 5 },
              { type: 'IN_LIST_STRING', attribute: 'plan', strings: ['pro', 'enterprise'] },
            ],
          },
        },
        { condition: { combiner: 'AND', matchers: [{ type: 'BOOLEAN', attribute: 'employee', bool: true }] } },
      ],
      excludedKeys: ['load_test_bot'],
      excludedSegments: [{ name: 'blocked_users', type: 'standard_segment' }],
    });
  });

  test('the large segment keys go to a file next to cdk.tf.json, not into the spec', () => {
    const [env] = specs['LargeSegment-vip_accounts'].environments;
    expect(env).toMatchObject({ environment: 'Production', keyCount: 3 });
    expect(env.keysFile).toBe(`fme-large-segments/${env.sha256}.csv`);
    expect(fs.readFileSync(path.join(stackDir, env.keysFile), 'utf8')).toBe('acct-0001\nacct-0002\nacct-0003\n');
    expect(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')).not.toContain('acct-0002');
  });

  test('the flag targets both', () => {
    const rules = specs['Flag-new_dashboard'].environments[0].definition.rules;
    expect(rules.map((r: any) => r.condition.matchers[0])).toEqual([
      { type: 'IN_RULE_BASED_SEGMENT', string: 'power_users' },
      { type: 'IN_LARGE_SEGMENT', string: 'vip_accounts' },
    ]);
  });
});
