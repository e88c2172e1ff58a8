/**
 * `cdktf-fme import` of rule-based segments (docs/live.md#cdktf-fme-import): segments made by hand
 * through the Admin API become `RuleBasedSegment` constructs (rules of `Matcher.*`, excluded keys,
 * excluded standard and rule-based segments by name) whose code type-checks, synthesizes, diffs
 * clean and deploys with zero writes; the output says that their owner cannot be recorded in FME,
 * and one another stack made is not taken.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LiveScenario } from './support';
import { typeErrors } from './type-check';
import { readStackSpecs } from '../../src/live/stack-specs';

jest.setTimeout(120_000);

const SRC = path.resolve(__dirname, '..', '..', 'src');
const NOTE = { title: 'by hand', comment: 'set up in the UI' };

describe('cdktf-fme import: rule-based segments', () => {
  let s: LiveScenario;

  async function ruleBased(name: string, description: string | undefined, definitions: Record<string, unknown>): Promise<void> {
    await s.admin('POST', '/rule-based-segments/ws/{ws}/trafficTypes/user', description === undefined ? { name } : { name, description });
    const envs: Array<{ id: string; name: string }> = await s.admin('GET', '/environments/ws/{ws}');
    for (const [environment, definition] of Object.entries(definitions)) {
      await s.admin('POST', `/rule-based-segments/${envs.find((e) => e.name === environment)!.id}/${name}`);
      await s.admin('PUT', `/rule-based-segments/ws/{ws}/${name}/environments/${environment}`, { ...NOTE, ...definition as object });
    }
  }

  beforeAll(async () => {
    s = await LiveScenario.start('import-rule-based');
    await s.admin('POST', '/segments/ws/{ws}/trafficTypes/user', { name: 'blocked' });
    const rule = (...matchers: unknown[]) => ({ condition: { combiner: 'AND', matchers } });
    await ruleBased('minors', undefined, { Staging: { rules: [rule({ type: 'LESS_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 17 })] } });
    await ruleBased('adults', 'grown-ups', {
      Staging: {
        rules: [
          rule({ type: 'GREATER_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 18 }, { type: 'IN_LIST_STRING', attribute: 'country', strings: ['US', 'CA'] }),
          rule({ type: 'BOOLEAN', attribute: 'beta', bool: true }),
        ],
        excludedKeys: ['zed', 'amy'],
        excludedSegments: [{ name: 'minors', type: 'rule_based_segment' }, { name: 'blocked', type: 'standard_segment' }],
      },
      Production: { rules: [rule({ type: 'IN_SEGMENT', string: 'blocked', negate: true })] },
    });
    await ruleBased('platform_only', 'made by a stack\n[cdktf-fme-owner:platform]', { Staging: { rules: [rule({ type: 'IN_LIST_STRING', strings: ['k1'] })] } });
    await s.admin('POST', '/splits/ws/{ws}/trafficTypes/user', { name: 'grown_up_feature' });
    await s.admin('POST', '/splits/ws/{ws}/grown_up_feature/environments/Staging', {
      ...NOTE,
      treatments: [{ name: 'on' }, { name: 'off' }],
      defaultTreatment: 'off',
      rules: [{ condition: { combiner: 'AND', matchers: [{ type: 'IN_RULE_BASED_SEGMENT', string: 'adults' }] }, buckets: [{ treatment: 'on', size: 100 }] }],
      defaultRule: [{ treatment: 'off', size: 100 }],
    });
  });
  afterAll(async () => s.stop());

  test('the rule-based segments a flag uses become RuleBasedSegment code that diffs clean and deploys with 0 writes', async () => {
    const out = path.join(s.root, 'imported.ts');
    const r = await s.cli(['import', '--stack', 'live', '--flag', 'grown_up_feature', '--out', out, '--library', SRC, '--api-base-url', s.emulator.adminBaseUrl]);
    expect(r.stderr).toContain('1 flag(s), 0 segment(s), 1 rule-based segment(s) written to');
    expect(r.stderr).toContain('warning: rule-based segment adults: its owner cannot be recorded in FME');
    expect(r.code).toBe(0);
    const code = fs.readFileSync(out, 'utf8');
    for (const expected of [
      "new RuleBasedSegment(scope, 'RuleBasedSegmentAdults', {",
      "segmentName: 'adults',",
      "description: 'grown-ups',",
      "environment: 'Staging',",
      "RuleBasedSegmentRule.matching([Matcher.numberAtLeast('age', 18), Matcher.stringInList('country', ['US', 'CA'])]),",
      "RuleBasedSegmentRule.matching([Matcher.booleanEquals('beta', true)]),",
      "excludedKeys: ['amy', 'zed'],",
      "ExcludedSegment.standardNamed('blocked'),",
      "ExcludedSegment.ruleBasedNamed('minors'),",
      "RuleBasedSegmentRule.matching([Matcher.inSegment('blocked').negated()]),",
      "TargetingRule.serve('on', [Matcher.inRuleBasedSegmentNamed('adults')]),",
    ]) expect(code).toContain(expected);
    // Excluded segments are named, not followed.
    expect(code).not.toContain("segmentName: 'minors'");
    expect(code).not.toContain('TODO');
    expect(typeErrors(out)).toEqual([]);

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { importedFromFme } = require(out);
    const dir = s.synth((stack) => importedFromFme(stack));
    expect(readStackSpecs(dir).ruleBasedSegments!.map((x) => [x.segmentName, x.environments.map((e) => e.environment)])).toEqual([['adults', ['Production', 'Staging']]]);
    const diff = await s.cli(['diff', dir]);
    expect(diff.stdout).toContain('No differences');
    expect(diff.code).toBe(0);
    s.emulator.resetCounters();
    await s.deploy(dir);
    expect(s.emulator.counters().writes).toBe(0);
    expect(s.emulator.counters().reads).toBeGreaterThan(0);
  });

  test('a rule-based segment another stack made is written but not taken; a definition without rules is left out with a warning', async () => {
    await s.admin('POST', '/rule-based-segments/ws/{ws}/trafficTypes/user', { name: 'platform_empty' });
    const envs: Array<{ id: string; name: string }> = await s.admin('GET', '/environments/ws/{ws}');
    await s.admin('POST', `/rule-based-segments/${envs.find((e) => e.name === 'Staging')!.id}/platform_empty`);
    const r = await s.cli(['import', '--stack', 'live', '--flag', 'none', '--segment', 'platform_*', '--api-base-url', s.emulator.adminBaseUrl]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('warning: rule-based segment platform_only (owned by stack "platform") was not taken');
    expect(r.stderr).toContain('warning: rule-based segment platform_empty / Staging: not imported: it has no rules');
    expect(r.stdout).toContain("segmentName: 'platform_only',");
    expect(r.stdout).toContain("description: 'made by a stack',");
    expect(r.stdout).toContain('// TODO(cdktf-fme import): rule-based segment platform_empty / Staging: not imported');
  });
});
