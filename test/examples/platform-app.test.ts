import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing, TerraformStack } from 'cdktf';
import { buildPlatformApp } from '../../examples/platform-app/main';
import { decodedSpec } from '../constructs/support';

/** Decoded specs of the synthesized stack, by construct id under the FmeConfig (e.g. `Flag-new_checkout`). */
function specsByConstructId(config: any): Record<string, any> {
  const out: Record<string, any> = {};
  for (const r of Object.values<any>(config.resource.terraform_data)) {
    const id = r['//'].metadata.path.split('/').pop();
    if (id !== 'Bootstrap') out[id] = decodedSpec(r);
  }
  return out;
}

describe('examples/platform-app', () => {
  const saved = { url: process.env.FME_API_BASE_URL, ws: process.env.FME_WORKSPACE };
  let outdir: string;

  beforeAll(() => {
    // The snapshot must not depend on the machine's environment.
    delete process.env.FME_API_BASE_URL;
    delete process.env.FME_WORKSPACE;
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-app-'));
  });
  afterAll(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
    if (saved.url !== undefined) process.env.FME_API_BASE_URL = saved.url;
    if (saved.ws !== undefined) process.env.FME_WORKSPACE = saved.ws;
  });

  test('synthesizes with validations, one resource per flag and segment plus the inventory', () => {
    const app = buildPlatformApp(outdir);
    app.synth(); // runs every validation; throws on any error
    const stackDir = path.join(outdir, 'stacks', 'platform');
    const config = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    expect(fs.existsSync(path.join(stackDir, 'assets', 'Fme_Handler_BACD82C6', 'v0.0.0', 'index.js'))).toBe(true);

    const specs = specsByConstructId(config);
    expect(Object.keys(specs).sort()).toEqual([
      'Flag-free_shipping', 'Flag-holiday_banner', 'Flag-legacy_banner', 'Flag-new_checkout', 'Flag-search_ranking', 'FlagSet-storefront', 'Inventory',
      'RuleBasedSegment-loyal_customers', 'Segment-beta_testers',
    ]);

    const newCheckout = specs['Flag-new_checkout'];
    expect(newCheckout.environments.map((e: any) => e.environment)).toEqual(['Production', 'Staging']);
    const [prod, staging] = newCheckout.environments;
    expect(prod.definition.treatments).toEqual([
      { name: 'on', description: 'new checkout', configurations: '{"color":"blue","maxItems":3}', keys: ['qa_alice', 'qa_bob'], segments: ['beta_testers'] },
      { name: 'off', description: 'current checkout' },
    ]);
    expect(prod.definition.rules).toEqual([{ condition: { combiner: 'AND', matchers: [{ type: 'IN_LIST_STRING', attribute: 'country', strings: ['US', 'CA'] }] }, buckets: [{ treatment: 'on', size: 100 }] }]);
    expect(prod.definition.defaultRule).toEqual([{ treatment: 'on', size: 50 }, { treatment: 'off', size: 50 }]);
    expect(prod.definition.defaultTreatment).toBe('off');
    expect(staging.definition.defaultRule).toEqual([{ treatment: 'off', size: 80 }, { treatment: 'on', size: 20 }]);

    const search = specs['Flag-search_ranking'].environments[0].definition;
    expect(search.rules.map((r: any) => r.condition.matchers[0].type)).toEqual([
      'GREATER_THAN_OR_EQUAL_NUMBER', 'ON_OR_AFTER_DATE', 'BOOLEAN', 'ANY_OF_SET', 'MATCHES_STRING', 'STARTS_WITH_STRING',
      'ENDS_WITH_STRING', 'CONTAINS_STRING', 'GREATER_THAN_OR_EQUAL_TO_SEMVER', 'IN_SEGMENT', 'IN_SPLIT',
    ]);
    expect(search.rules[1].condition.matchers[0].date).toBe(Date.UTC(2024, 0, 1));
    expect(search.rules[4].condition.matchers[0].string).toBe('@example\\.com$');
    expect(search.rules[10].condition.matchers[0].depends).toEqual({ splitName: 'new_checkout', treatment: 'on' });
    expect(search.defaultRule).toEqual([{ treatment: 'status_quo', size: 100 }]);

    const banner = specs['Flag-legacy_banner'].environments;
    expect(banner[0]).toMatchObject({ environment: 'Production', killed: true, definition: { defaultTreatment: 'off', defaultRule: [{ treatment: 'on', size: 100 }] } });
    // No RolloutPlan in Staging: the handler starts from FME's initial definition when none exists.
    expect(banner[1]).toEqual({
      environment: 'Staging',
      removalPolicy: 'destroy',
      writeMode: 'direct',
      addTargets: { on: { keys: ['support_carol'] } },
      initialDefinition: {
        treatments: [{ name: 'on' }, { name: 'off' }],
        defaultTreatment: 'off',
        trafficAllocation: 100,
        rules: [],
        defaultRule: [{ treatment: 'off', size: 100 }],
      },
    });

    expect(specs['Segment-beta_testers'].environments).toEqual([{ environment: 'Production', removalPolicy: 'destroy', keys: ['beta_dan', 'beta_erin'] }]);
    // Flag sets, a rule-based segment and a prerequisite: names on the definitions, the segment's rules and exclusions.
    expect(specs['FlagSet-storefront']).toMatchObject({ kind: 'flagSet', flagSetName: 'storefront', removalPolicy: 'destroy' });
    expect(prod.definition.flagSets).toEqual(['storefront']);
    expect(specs['Flag-search_ranking'].environments[0].definition.flagSets).toBeUndefined(); // unset: FME's sets are left alone
    expect(specs['RuleBasedSegment-loyal_customers'].environments).toEqual([expect.objectContaining({
      environment: 'Production',
      definition: {
        rules: [{ condition: { combiner: 'AND', matchers: [{ type: 'GREATER_THAN_OR_EQUAL_NUMBER', attribute: 'orders', number: 10 }] } }],
        excludedKeys: ['fraud_frank'],
        excludedSegments: [],
      },
    })]);
    const shipping = specs['Flag-free_shipping'].environments[0].definition;
    expect(shipping.prerequisites).toEqual([{ flagName: 'new_checkout', treatments: ['on'] }]);
    expect(shipping.rules[0].condition.matchers).toEqual([{ type: 'IN_RULE_BASED_SEGMENT', string: 'loyal_customers' }]);
    expect(shipping.flagSets).toEqual(['storefront']);
    expect(specs['Flag-holiday_banner'].removalPolicy).toBe('archive');

    expect(specs.Inventory.objects).toEqual([
      { t: 'definition', flag: 'free_shipping', env: 'Production', policy: 'destroy' },
      { t: 'definition', flag: 'holiday_banner', env: 'Production', policy: 'archive' },
      { t: 'definition', flag: 'legacy_banner', env: 'Production', policy: 'destroy' },
      { t: 'definition', flag: 'new_checkout', env: 'Production', policy: 'destroy' },
      { t: 'definition', flag: 'new_checkout', env: 'Staging', policy: 'destroy' },
      { t: 'definition', flag: 'search_ranking', env: 'Production', policy: 'destroy' },
      { t: 'flag', flag: 'free_shipping', policy: 'destroy' },
      { t: 'flag', flag: 'holiday_banner', policy: 'archive' },
      { t: 'flag', flag: 'legacy_banner', policy: 'destroy' },
      { t: 'flag', flag: 'new_checkout', policy: 'destroy' },
      { t: 'flag', flag: 'search_ranking', policy: 'destroy' },
      { t: 'flagSet', flagSet: 'storefront', policy: 'destroy' },
      { t: 'ruleBasedSegment', segment: 'loyal_customers', policy: 'destroy' },
      { t: 'ruleBasedSegmentDefinition', segment: 'loyal_customers', env: 'Production', policy: 'destroy' },
      { t: 'segment', segment: 'beta_testers', policy: 'destroy' },
      { t: 'segmentDefinition', segment: 'beta_testers', env: 'Production', policy: 'destroy' },
    ]);
  });

  test('after the holiday season the seasonal flag leaves the code, and nothing else changes', () => {
    const specsOf = (holidaySeason: boolean) => {
      const dir = fs.mkdtempSync(path.join(outdir, 'season-'));
      buildPlatformApp(dir, undefined, { holidaySeason }).synth();
      return specsByConstructId(JSON.parse(fs.readFileSync(path.join(dir, 'stacks', 'platform', 'cdk.tf.json'), 'utf8')));
    };
    const during = specsOf(true);
    const after = specsOf(false);
    expect(Object.keys(during).filter((id) => !(id in after))).toEqual(['Flag-holiday_banner']);
    for (const id of Object.keys(after).filter((i) => i !== 'Inventory')) expect(after[id]).toEqual(during[id]);
  });

  test('snapshot', () => {
    const app = buildPlatformApp(fs.mkdtempSync(path.join(outdir, 'snap-')));
    const stack = app.node.findChild('platform') as TerraformStack;
    expect(Testing.synth(stack, true)).toMatchSnapshot();
  });
});
