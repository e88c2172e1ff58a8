/**
 * `cdktf-fme diff` / `drift` for large segments (docs/live.md): a declared large segment missing in
 * FME, a keys file that changed since the last upload (FME's keys record names another digest),
 * `drift --fix` uploading it; and owned large and rule-based segments that left the code, reported
 * as removals.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { LiveScenario } from './support';
import { LargeSegment, Matcher, RuleBasedSegment, RuleBasedSegmentRule } from '../../src';

jest.setTimeout(90_000);

interface Code {
  readonly vipKeys?: string[];
  readonly withFans?: boolean;
  readonly withVip?: boolean;
  readonly withAdults?: boolean;
}

describe('cdktf-fme diff / drift: large segments, and removals of rule-based and large segments', () => {
  let s: LiveScenario;
  let keysDir: string;

  function keysFile(name: string, keys: readonly string[]): string {
    const file = path.join(keysDir, name);
    fs.writeFileSync(file, `${keys.join('\n')}\n`);
    return file;
  }

  function app(code: Code) {
    return (stack: TerraformStack) => {
      if (code.withVip !== false) {
        new LargeSegment(stack, 'Vip', {
          largeSegmentName: 'vip',
          environmentKeys: [{ environment: 'Staging', keysFile: keysFile('vip.csv', code.vipKeys ?? ['ann', 'bob']) }],
        });
      }
      if (code.withFans) {
        new LargeSegment(stack, 'Fans', { largeSegmentName: 'fans', environmentKeys: [{ environment: 'Staging', keysFile: keysFile('fans.csv', ['cy', 'dee', 'eve']) }] });
      }
      if (code.withAdults !== false) {
        new RuleBasedSegment(stack, 'Adults', {
          segmentName: 'adults',
          environments: [{ environment: 'Staging', rules: [RuleBasedSegmentRule.matching([Matcher.numberAtLeast('age', 18)])] }],
        });
      }
    };
  }

  beforeAll(async () => {
    s = await LiveScenario.start('large');
    keysDir = fs.mkdtempSync(path.join(s.root, 'keys-'));
    await s.deploy(s.synth(app({})));
  });
  afterAll(async () => s.stop());

  test('in sync after a deploy: the keys record names the keys file\'s digest', async () => {
    const r = await s.cli(['diff', s.synth(app({})), '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ inSync: true, objects: 4 });
    expect(r.code).toBe(0);
  });

  test('a changed keys file is an update naming the environment and the number of keys to upload', async () => {
    const r = await s.cli(['diff', s.synth(app({ vipKeys: ['ann', 'bob', 'carl'] })), '--json']);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.differences).toEqual([expect.objectContaining({
      kind: 'large segment',
      name: 'vip',
      environment: 'Staging',
      field: 'keys',
      action: 'update',
      details: [expect.stringMatching(/^~ keys file changed: 3 keys to upload \(sha256 [0-9a-f]{16}, FME's record: [0-9a-f]{16}\)$/)],
    })]);
  });

  test('a declared large segment missing in FME is created, its keys uploaded in each environment', async () => {
    const r = await s.cli(['diff', s.synth(app({ withFans: true }))]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('+ large segment fans (traffic type user)');
    expect(r.stdout).toContain('+ active in Staging');
    expect(r.stdout).toMatch(/~ keys file changed: 3 keys to upload \(sha256 [0-9a-f]{16}, no upload recorded\)/);
  });

  test('a keys file the code changed (the record names another digest): drift names it, drift --fix uploads it', async () => {
    const dir = s.synth(app({ vipKeys: ['ann', 'bob', 'dora', 'ed'] }));
    expect((await s.cli(['drift', dir])).code).toBe(2);
    const fixed = await s.cli(['drift', dir, '--fix']);
    expect(fixed.stderr).not.toContain('was not converged');
    expect(fixed.code).toBe(0);
    expect((await s.cli(['diff', dir])).code).toBe(0);
    // The record now names the new file: the earlier code differs again.
    expect((await s.cli(['diff', s.synth(app({}))])).stdout).toContain('keys file changed: 2 keys to upload');
    await s.deploy(s.synth(app({})));
  });

  test('owned large and rule-based segments that left the code are removals', async () => {
    const r = await s.cli(['diff', s.synth(app({ withVip: false, withAdults: false })), '--json']);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.differences).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'large segment', name: 'vip', field: 'largeSegment', action: 'delete' }),
      expect.objectContaining({ kind: 'rule-based segment', name: 'adults', field: 'ruleBasedSegment', action: 'delete' }),
    ]));
    expect(json.differences).toHaveLength(2);
  });

  test('segments another stack owns are not this stack\'s removals; a declared large segment another stack owns is blocked (its keys record is shared)', async () => {
    const other = await s.cli(['diff', s.synth(app({ withVip: false, withAdults: false }), 'other'), '--json']);
    expect(JSON.parse(other.stdout).differences).toEqual([]);
    const claimed = await s.cli(['diff', s.synth(app({ withAdults: false }), 'other'), '--json']);
    expect(JSON.parse(claimed.stdout).differences).toEqual([expect.objectContaining({
      kind: 'large segment',
      name: 'vip',
      field: 'owner',
      action: 'blocked',
      details: [expect.stringContaining('owned by stack "live", not by this stack "other"')],
    })]);
  });
});
