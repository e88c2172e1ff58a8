/**
 * End to end on the example platform app (examples/platform-app): synth, the real `terraform
 * apply`, then the real Split SDK evaluates treatments against the emulator the way the rollout
 * plans say; a second deploy is a no-op; destroy removes what the stack created only.
 */
import * as fs from 'fs';
import * as cdktf from 'cdktf';
import * as cdktn from 'cdktn';
import { E2E_ADMIN_KEY, E2eWorkspace } from './e2e-workspace';
import { FmeAdmin } from './fme-admin';
import { buildPlatformApp, PlatformAppOptions } from '../../examples/platform-app/main';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { SdkSession, startSdk } from '../support/split-sdk';
import { requireTerraform } from '../support/terraform';

jest.setTimeout(300_000);

type CdkPackage = Pick<typeof cdktf, 'App' | 'TerraformStack' | 'LocalBackend'>;

/**
 * The suite runs once per CDK package the library supports (docs/cdk-terrain.md): the app's App
 * and TerraformStack come from cdktf 0.21, then from cdktn 0.24 (CDK Terrain).
 */
const CDK_PACKAGES: Array<[string, CdkPackage, string]> = [
  ['cdktf', cdktf, versionOf('cdktf')],
  // Same API as cdktf; TypeScript sees the two packages' classes as distinct types.
  ['cdktn', cdktn as unknown as CdkPackage, versionOf('cdktn')],
];

function versionOf(packageName: string): string {
  return JSON.parse(fs.readFileSync(require.resolve(`${packageName}/package.json`), 'utf8')).version;
}

describe.each(CDK_PACKAGES)('examples/platform-app deployed to the FME emulator, App from %s', (packageName, cdk, version) => {
  let emulator: RunningEmulator;
  let ws: E2eWorkspace;
  let admin: FmeAdmin;
  let stackDir: string;
  let production: SdkSession;

  beforeAll(async () => {
    console.log(`end-to-end platform-app suite uses ${requireTerraform()}`);
    emulator = await startEmulator({
      adminApiKeys: [E2E_ADMIN_KEY],
      seed: {
        workspaces: [{
          name: 'Default',
          environments: [{ name: 'Staging' }, { name: 'Production', production: true }],
          trafficTypes: ['user', 'account'],
          // Objects another team created: a deploy and a destroy of this app must leave them alone.
          flags: [{ name: 'not_ours', trafficType: 'user' }],
          segments: [{ name: 'not_our_segment', trafficType: 'user' }],
        }],
      },
    });
    ws = new E2eWorkspace(emulator, 'platform');
    admin = new FmeAdmin(emulator);
    stackDir = synthPlatformApp();
    const apply = await ws.deploy(stackDir);
    expect(apply.stdout).toMatch(/Apply complete!/);
    production = await startSdk(emulator.sdkBaseUrl, 'sdk-Production');
  });

  /** Synthesizes the app with the state in the workspace; the backend comes from the app's own package. */
  function synthPlatformApp(options: PlatformAppOptions = {}): string {
    process.env.FME_API_BASE_URL = emulator.adminBaseUrl;
    try {
      const app = buildPlatformApp(ws.outdir, cdk, options);
      new cdk.LocalBackend(app.node.findChild('platform') as cdktf.TerraformStack, { path: ws.statePath });
      app.synth();
      return ws.stackDir('platform');
    } finally {
      delete process.env.FME_API_BASE_URL;
    }
  }

  afterAll(async () => {
    await production?.destroy();
    ws?.cleanup();
    await emulator?.stop();
  });

  test(`the stack was synthesized by ${packageName}, with the FME resources`, () => {
    const config = JSON.parse(fs.readFileSync(`${stackDir}/cdk.tf.json`, 'utf8'));
    expect(config['//'].metadata.version).toBe(version);
    expect(Object.keys(config.resource.terraform_data)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Fme_Flag-new_checkout_/), expect.stringMatching(/^Fme_Segment-beta_testers_/),
    ]));
  });

  test('individually targeted keys and segment members get their treatment', () => {
    expect(production.client.getTreatment('qa_alice', 'new_checkout')).toBe('on');
    expect(production.client.getTreatment('qa_bob', 'new_checkout')).toBe('on');
    expect(production.client.getTreatment('beta_dan', 'new_checkout')).toBe('on');
    expect(production.client.getTreatment('beta_erin', 'new_checkout')).toBe('on');
  });

  test('a string "in list" rule routes attribute-bearing keys', () => {
    // Keys whose default-rule bucket is `off` prove the rule, not the 50/50 split, served `on`.
    const offKeys = keysServed(production, 'new_checkout', 'off', 5);
    for (const key of offKeys) {
      expect(production.client.getTreatment(key, 'new_checkout', { country: 'US' })).toBe('on');
      expect(production.client.getTreatment(key, 'new_checkout', { country: 'CA' })).toBe('on');
      expect(production.client.getTreatment(key, 'new_checkout', { country: 'FR' })).toBe('off');
    }
  });

  test('every matcher family routes keys as its rule says', () => {
    // Keys for which new_checkout is `off`, so the last rule (dependency on new_checkout:on) does not fire.
    const [key] = keysServed(production, 'new_checkout', 'off', 1);
    const t = (attributes: Record<string, unknown>) => production.client.getTreatment(key, 'search_ranking', attributes);
    expect(t({})).toBe('status_quo');
    expect(t({ age: 21 })).toBe('by_price');
    expect(t({ age: 20 })).toBe('status_quo');
    expect(t({ signup: Date.UTC(2024, 5, 1) })).toBe('by_profit');
    expect(t({ signup: Date.UTC(2023, 11, 31) })).toBe('status_quo');
    expect(t({ employee: true })).toBe('by_price');
    expect(t({ employee: false })).toBe('status_quo');
    expect(t({ plans: ['free', 'pro'] })).toBe('by_profit');
    expect(t({ plans: ['free'] })).toBe('status_quo');
    expect(t({ email: 'jo@example.com' })).toBe('by_price');
    expect(t({ email: 'jo@example.org' })).toBe('status_quo');
    expect(t({ region: 'eu-west-1' })).toBe('by_profit');
    expect(t({ region: 'us-east-1' })).toBe('status_quo');
    expect(t({ domain: 'shop.io' })).toBe('by_price');
    expect(t({ domain: 'shop.com' })).toBe('status_quo');
    expect(t({ ua: 'Safari Mobile 17' })).toBe('by_profit');
    expect(t({ ua: 'Desktop Firefox' })).toBe('status_quo');
    expect(t({ app_version: '2.1.0' })).toBe('by_price');
    expect(t({ app_version: '1.9.9' })).toBe('status_quo');
    // segment membership and the dependency on another flag
    expect(production.client.getTreatment('beta_dan', 'search_ranking')).toBe('by_profit');
    expect(production.client.getTreatment('qa_alice', 'search_ranking')).toBe('by_price');
  });

  test('a 50/50 default rule over 10,000 keys lands within ±2 points', () => {
    let on = 0;
    for (let i = 0; i < 10_000; i++) if (production.client.getTreatment(`visitor_${i}`, 'new_checkout') === 'on') on++;
    expect(Math.abs(on / 10_000 - 0.5)).toBeLessThanOrEqual(0.02);
  });

  test('getTreatmentWithConfig returns the configured JSON', () => {
    const result = production.client.getTreatmentWithConfig('qa_alice', 'new_checkout');
    expect(result.treatment).toBe('on');
    expect(JSON.parse(result.config!)).toEqual({ color: 'blue', maxItems: 3 });
  });

  test('a killed flag serves its default treatment', () => {
    for (let i = 0; i < 50; i++) expect(production.client.getTreatment(`visitor_${i}`, 'legacy_banner')).toBe('off');
  });

  test('Staging: the default allocation and the incremental target took effect', async () => {
    const staging = await startSdk(emulator.sdkBaseUrl, 'sdk-Staging');
    try {
      let on = 0;
      for (let i = 0; i < 10_000; i++) if (staging.client.getTreatment(`visitor_${i}`, 'new_checkout') === 'on') on++;
      expect(Math.abs(on / 10_000 - 0.2)).toBeLessThanOrEqual(0.02);
      expect(staging.client.getTreatment('support_carol', 'legacy_banner')).toBe('on');
    } finally {
      await staging.destroy();
    }
  });

  test('flag set "storefront": an SDK filtering by it receives exactly the three flags in it', async () => {
    const storefront = await startSdk(emulator.sdkBaseUrl, 'sdk-Production', 10, ['storefront']);
    try {
      expect(storefront.names().sort()).toEqual(['free_shipping', 'holiday_banner', 'new_checkout']);
      expect(storefront.client.getTreatment('qa_alice', 'search_ranking')).toBe('control');
    } finally {
      await storefront.destroy();
    }
  });

  test('free_shipping: rule-based segment loyal_customers (orders >= 10, fraud_frank excluded), gated by new_checkout = on', () => {
    const t = (key: string, attributes: Record<string, unknown>) => production.client.getTreatment(key, 'free_shipping', attributes);
    // qa_bob is targeted `on` in new_checkout, so the prerequisite holds whatever his attributes.
    expect(t('qa_bob', { orders: 12 })).toBe('on');
    expect(t('qa_bob', { orders: 9 })).toBe('off');
    // fraud_frank meets the rule and the prerequisite (country US), but is an excluded key.
    expect(production.client.getTreatment('fraud_frank', 'new_checkout', { country: 'US' })).toBe('on');
    expect(t('fraud_frank', { country: 'US', orders: 50 })).toBe('off');
    // Loyal keys outside the 50/50 `on` half of new_checkout: the prerequisite is not met.
    for (const key of keysServed(production, 'new_checkout', 'off', 5)) expect(t(key, { orders: 12 })).toBe('off');
    for (const key of keysServed(production, 'new_checkout', 'on', 5)) expect(t(key, { orders: 12 })).toBe('on');
  });

  test('after the holiday season: holiday_banner leaves the code and is archived, not deleted; the SDK answers control', async () => {
    expect(production.client.getTreatment('anyone', 'holiday_banner')).toBe('on');
    stackDir = synthPlatformApp({ holidaySeason: false });
    await ws.deploy(stackDir);
    expect((await admin.flag('holiday_banner')).status).toBe('ARCHIVED');
    expect(await admin.definition('holiday_banner', 'Production')).toBeDefined();
    await production.waitForUpdate();
    expect(production.client.getTreatment('anyone', 'holiday_banner')).toBe('control');
    expect(production.split('holiday_banner')).toBeNull();
  });

  test('a second deploy with no code change: no changes in Terraform, zero API calls', async () => {
    stackDir = synthPlatformApp({ holidaySeason: false });
    expect((await ws.plan(stackDir)).changes).toBe(false);
    emulator.resetCounters();
    await ws.deploy(stackDir);
    expect(emulator.counters().total).toBe(0);
  });

  test('destroy removes everything the stack created and leaves what it did not create', async () => {
    await ws.destroy(stackDir);
    for (const flag of ['new_checkout', 'search_ranking', 'legacy_banner', 'free_shipping']) expect(await admin.flag(flag)).toBeUndefined();
    // Archived when it left the code; the stack no longer owned it, so the destroy left it archived.
    expect((await admin.flag('holiday_banner')).status).toBe('ARCHIVED');
    expect(await admin.segment('beta_testers')).toBeUndefined();
    expect(await admin.flag('not_ours')).toBeDefined();
    expect(await admin.segment('not_our_segment')).toBeDefined();
  });

  test('the API key appears in none of cdk.tf.json, the state, plan output and handler logs', () => {
    expect(fs.readFileSync(`${stackDir}/cdk.tf.json`, 'utf8')).not.toContain(E2E_ADMIN_KEY);
    expect(fs.readFileSync(ws.statePath, 'utf8')).not.toContain(E2E_ADMIN_KEY);
    const transcript = ws.transcript.join('\n');
    expect(transcript).toContain('[fme]');
    expect(transcript).not.toContain(E2E_ADMIN_KEY);
  });
});

/** The first `count` keys `visitor_N` that the default rule serves `treatment` for. */
function keysServed(sdk: SdkSession, flag: string, treatment: string, count: number): string[] {
  const keys: string[] = [];
  for (let i = 0; keys.length < count && i < 1000; i++) {
    if (sdk.client.getTreatment(`visitor_${i}`, flag) === treatment) keys.push(`visitor_${i}`);
  }
  expect(keys).toHaveLength(count);
  return keys;
}
