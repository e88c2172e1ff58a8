/**
 * `cdktf-fme diff` / `drift` for rule-based segments (docs/live.md): one declared but missing in
 * FME, and one whose rules or exclusions were changed outside the code; `drift --fix` restores it.
 */
import { TerraformStack } from 'cdktf';
import { LiveScenario } from './support';
import { ExcludedSegment, Matcher, RuleBasedSegment, RuleBasedSegmentRule } from '../../src';

jest.setTimeout(60_000);

function app(withOthers: boolean) {
  return (stack: TerraformStack) => {
    new RuleBasedSegment(stack, 'Adults', {
      segmentName: 'adults',
      environments: [{ environment: 'Staging', rules: [RuleBasedSegmentRule.matching([Matcher.numberAtLeast('age', 18)])], excludedKeys: ['amy'] }],
    });
    if (withOthers) {
      new RuleBasedSegment(stack, 'Others', {
        segmentName: 'others',
        environments: [{ environment: 'Staging', rules: [RuleBasedSegmentRule.matching([Matcher.stringInList('country', ['US'])])], excludedSegments: [ExcludedSegment.ruleBasedNamed('adults')] }],
      });
    }
  };
}

describe('cdktf-fme diff / drift: rule-based segments', () => {
  let s: LiveScenario;
  let dir: string;
  beforeAll(async () => {
    s = await LiveScenario.start('rule-based');
    dir = s.synth(app(false));
    await s.deploy(dir);
  });
  afterAll(async () => s.stop());

  test('in sync after a deploy', async () => {
    const r = await s.cli(['diff', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse((await s.cli(['diff', dir, '--json'])).stdout)).toMatchObject({ inSync: true, objects: 2 });
  });

  test('a declared rule-based segment missing in FME is reported as created by the next deploy', async () => {
    const r = await s.cli(['diff', s.synth(app(true))]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('+ rule-based segment others (traffic type user)');
    expect(r.stdout).toContain('+ rule 1: if country in [US]');
    expect(r.stdout).toContain('+ excluded segment adults');
    dir = s.synth(app(false));
  });

  test('rules and exclusions changed outside the code: drift names them; drift --fix restores the code\'s', async () => {
    await s.admin('PUT', '/rule-based-segments/ws/{ws}/adults/environments/Staging', {
      title: 't', comment: 'c', rules: [{ condition: { combiner: 'AND', matchers: [{ type: 'GREATER_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 21 }] } }], excludedKeys: [],
    });
    const r = await s.cli(['drift', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('- rule 1: if age >= 21');
    expect(r.stdout).toContain('+ rule 1: if age >= 18');
    expect(r.stdout).toContain('+ excluded key amy');
    const fixed = await s.cli(['drift', dir, '--fix']);
    expect(fixed.code).toBe(0);
    const live = (await s.admin('GET', '/rule-based-segments/ws/{ws}/environments/Staging')).objects;
    expect(live).toEqual([expect.objectContaining({ name: 'adults', excludedKeys: ['amy'], rules: [expect.objectContaining({ condition: expect.objectContaining({ matchers: [expect.objectContaining({ number: 18 })] }) })] })]);
    expect((await s.cli(['drift', dir])).code).toBe(0);
  });
});
