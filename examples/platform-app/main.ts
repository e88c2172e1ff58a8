/**
 * A platform-repo style app: the feature flags of a shop, their rollout plans in Staging and
 * Production, and the release-management constructs (default allocation, individual targets,
 * kill switch) around them; a flag set the storefront's SDKs load, a rule-based segment of loyal
 * customers, a flag gated by a prerequisite, and a seasonal flag that is archived, not deleted,
 * when it leaves the code (`holidaySeason: false`).
 *
 * Configuration comes from the environment: `FME_API_BASE_URL` (read by `FmeConfig`; point it at
 * the emulator), `FME_WORKSPACE` (workspace name, default `Default`) and, at apply time,
 * `FME_API_KEY` (read by the handler, never synthesized).
 *
 * Run `cdktf synth` (or `npx ts-node --transpile-only main.ts`) to synthesize `cdktf.out/`.
 */
import * as cdktf from 'cdktf';
import {
  Allocation, DefaultAllocation, DefaultRule, DynamicConfig, FeatureFlag, FlagSet, FmeConfig, IndividualTargets,
  KillSwitch, Matcher, Prerequisite, RemovalPolicy, RolloutPlan, RolloutStatus, RuleBasedSegment, RuleBasedSegmentRule, Segment, TargetingRule,
} from '../../src';

/** What varies between deploys of the example. */
export interface PlatformAppOptions {
  /**
   * Whether the seasonal `holiday_banner` flag is in the code. Its removal policy is `ARCHIVE`: once
   * the season is over (`false`), the next deploy archives it (SDKs answer `control`), and setting it
   * back to `true` unarchives it.
   *
   * @default true
   */
  readonly holidaySeason?: boolean;
}

/**
 * Builds the app (tests synthesize it); `outdir` defaults to `cdktf.out` or `$CDKTF_OUTDIR`. `cdk` is
 * the package App and TerraformStack come from: `cdktf`, or `cdktn` (CDK Terrain, same API; see
 * docs/cdk-terrain.md) — the library works with either.
 */
export function buildPlatformApp(
  outdir?: string, cdk: Pick<typeof cdktf, 'App' | 'TerraformStack'> = cdktf, options: PlatformAppOptions = {},
): cdktf.App {
  const app = new cdk.App(outdir !== undefined ? { outdir } : {});
  const stack = new cdk.TerraformStack(app, 'platform');
  new FmeConfig(stack, 'Fme', { workspaceName: process.env.FME_WORKSPACE ?? 'Default' });

  new Segment(stack, 'BetaTesters', {
    segmentName: 'beta_testers',
    trafficType: 'user',
    description: 'Customers who opted into beta features',
    environmentKeys: [{ environment: 'Production', keys: ['beta_dan', 'beta_erin'] }],
  });

  // The storefront's SDKs load only this set (`sync.splitFilters: [{ type: 'bySet', values: ['storefront'] }]`).
  const storefront = new FlagSet(stack, 'Storefront', { flagSetName: 'storefront', description: 'Flags the web storefront evaluates' });

  // Customers with at least 10 orders, except a known fraud case: evaluated by the SDK from attributes.
  const loyalCustomers = new RuleBasedSegment(stack, 'LoyalCustomers', {
    segmentName: 'loyal_customers',
    trafficType: 'user',
    description: 'Customers with 10 or more orders',
    environments: [{
      environment: 'Production',
      rules: [RuleBasedSegmentRule.matching([Matcher.numberAtLeast('orders', 10)])],
      excludedKeys: ['fraud_frank'],
    }],
  });

  // ---- new_checkout: a progressive rollout ----
  const newCheckout = new FeatureFlag(stack, 'NewCheckout', {
    flagName: 'new_checkout',
    trafficType: 'user',
    description: 'The redesigned checkout flow',
    tags: ['team:payments', 'checkout'],
    rolloutStatus: RolloutStatus.RAMPING,
    treatments: [
      { name: 'on', description: 'new checkout', config: DynamicConfig.fromJson({ color: 'blue', maxItems: 3 }) },
      { name: 'off', description: 'current checkout' },
    ],
  });
  new RolloutPlan(newCheckout, 'Production', {
    flag: newCheckout,
    environment: 'Production',
    defaultTreatment: 'off',
    individualTargets: [{ treatment: 'on', keys: ['qa_alice', 'qa_bob'], segments: ['beta_testers'] }],
    rules: [TargetingRule.serve('on', [Matcher.stringInList('country', ['US', 'CA'])])],
    defaultRule: DefaultRule.distribute([Allocation.of('on', 50), Allocation.of('off', 50)]),
    flagSets: [storefront],
  });
  new RolloutPlan(newCheckout, 'Staging', { flag: newCheckout, environment: 'Staging', defaultTreatment: 'off' });
  new DefaultAllocation(newCheckout, 'StagingRamp', {
    flag: newCheckout,
    environment: 'Staging',
    allocations: [Allocation.of('off', 80), Allocation.of('on', 20)],
  });

  // ---- search_ranking: one rule per matcher family, each serving a distinct treatment path ----
  const searchRanking = new FeatureFlag(stack, 'SearchRanking', {
    flagName: 'search_ranking',
    description: 'Search ranking algorithm experiment',
    rolloutStatus: RolloutStatus.EXPERIMENTING,
    treatments: [{ name: 'status_quo' }, { name: 'by_price' }, { name: 'by_profit' }],
  });
  new RolloutPlan(searchRanking, 'Production', {
    flag: searchRanking,
    environment: 'Production',
    defaultTreatment: 'status_quo',
    baselineTreatment: 'status_quo',
    rules: [
      TargetingRule.serve('by_price', [Matcher.numberAtLeast('age', 21)]),
      TargetingRule.serve('by_profit', [Matcher.datetimeOnOrAfter('signup', new Date('2024-01-01T00:00:00Z'))]),
      TargetingRule.serve('by_price', [Matcher.booleanEquals('employee', true)]),
      TargetingRule.serve('by_profit', [Matcher.setContainsAny('plans', ['pro', 'enterprise'])]),
      TargetingRule.serve('by_price', [Matcher.stringMatches('email', '@example\\.com$')]),
      TargetingRule.serve('by_profit', [Matcher.stringStartsWith('region', ['eu-'])]),
      TargetingRule.serve('by_price', [Matcher.stringEndsWith('domain', ['.io'])]),
      TargetingRule.serve('by_profit', [Matcher.stringContains('ua', ['Mobile'])]),
      TargetingRule.serve('by_price', [Matcher.semverAtLeast('app_version', '2.0.0')]),
      TargetingRule.serve('by_profit', [Matcher.inSegment('beta_testers')]),
      TargetingRule.serve('by_price', [Matcher.dependsOn(newCheckout, ['on'])]),
    ],
    defaultRule: DefaultRule.serve('status_quo'),
  });

  // ---- legacy_banner: killed in Production, one support key targeted in Staging ----
  const legacyBanner = new FeatureFlag(stack, 'LegacyBanner', {
    flagName: 'legacy_banner',
    description: 'The old promotional banner, being retired',
  });
  new RolloutPlan(legacyBanner, 'Production', {
    flag: legacyBanner,
    environment: 'Production',
    defaultTreatment: 'off',
    defaultRule: DefaultRule.serve('on'),
  });
  new KillSwitch(legacyBanner, 'ProductionKill', { flag: legacyBanner, environment: 'Production' });
  new IndividualTargets(legacyBanner, 'StagingSupport', {
    flag: legacyBanner,
    environment: 'Staging',
    add: [{ treatment: 'on', keys: ['support_carol'] }],
  });

  // ---- free_shipping: for loyal customers, only where the new checkout is on (a prerequisite) ----
  const freeShipping = new FeatureFlag(stack, 'FreeShipping', {
    flagName: 'free_shipping',
    description: 'Free shipping for loyal customers in the new checkout',
  });
  new RolloutPlan(freeShipping, 'Production', {
    flag: freeShipping,
    environment: 'Production',
    defaultTreatment: 'off',
    prerequisites: [Prerequisite.flag(newCheckout, ['on'])],
    rules: [TargetingRule.serve('on', [Matcher.inRuleBasedSegment(loyalCustomers)])],
    defaultRule: DefaultRule.serve('off'),
    flagSets: [storefront],
  });

  // ---- holiday_banner: seasonal; archived (not deleted) when it leaves the code ----
  if (options.holidaySeason ?? true) {
    const holidayBanner = new FeatureFlag(stack, 'HolidayBanner', {
      flagName: 'holiday_banner',
      description: 'Seasonal promotion banner',
      removalPolicy: RemovalPolicy.ARCHIVE,
    });
    new RolloutPlan(holidayBanner, 'Production', {
      flag: holidayBanner,
      environment: 'Production',
      defaultRule: DefaultRule.serve('on'),
      flagSets: [storefront],
    });
  }

  return app;
}

if (require.main === module) {
  // `FME_HOLIDAY_SEASON=over cdktf synth`: the seasonal flag leaves the code (and is archived on deploy).
  buildPlatformApp(undefined, cdktf, { holidaySeason: process.env.FME_HOLIDAY_SEASON !== 'over' }).synth();
}
