/**
 * The README's main job: start the bundled local FME emulator, deploy the example platform app
 * (examples/platform-app) to it with the real `terraform`, and print which treatment sample keys
 * get from the real Split SDK. No Harness account needed.
 *
 *   npm ci && npm run demo
 *
 * Everything lands in .tmp/demo/ (emulator data, synthesized stack, Terraform state); each run
 * starts fresh. Set DEMO_KEEP_RUNNING=1 to leave the emulator up afterwards.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as cdktf from 'cdktf';
import { LocalBackend, TerraformStack } from 'cdktf';
import { buildPlatformApp, PlatformAppOptions } from '../examples/platform-app/main';
import { startEmulator } from '../src/emulator';
import { SdkSession, startSdk } from '../test/support/split-sdk';
import { deploy, requireTerraform } from '../test/support/terraform';

const ROOT = path.resolve(__dirname, '..');
const WORK = path.join(ROOT, '.tmp', 'demo');
const ADMIN_KEY = 'demo-admin-key';

function step(message: string): void {
  console.log(`\n==> ${message}`);
}

async function main(): Promise<void> {
  step(`terraform: ${requireTerraform()}`);
  if (!fs.existsSync(path.join(ROOT, 'assets', 'handler', 'index.js'))) {
    step('bundling the custom resource handler (npx projen bundle:handler)');
    const bundled = spawnSync('npx', ['projen', 'bundle:handler'], { cwd: ROOT, stdio: 'inherit' });
    if (bundled.status !== 0) throw new Error('bundling the handler failed');
  }
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });

  step('starting the local FME emulator');
  const emulator = await startEmulator({ dataFile: path.join(WORK, 'emulator.json'), adminApiKeys: [ADMIN_KEY] });
  console.log(`FME emulator on ${emulator.url} (admin API ${emulator.adminBaseUrl}, SDK API ${emulator.sdkBaseUrl})`);

  try {
    process.env.FME_API_BASE_URL = emulator.adminBaseUrl;
    const outdir = path.join(WORK, 'cdktf.out');
    const stackDir = path.join(outdir, 'stacks', 'platform');

    step('synthesizing examples/platform-app (cdktf synth)');
    synthPlatformApp(outdir, { holidaySeason: true });
    console.log(`stack written to ${path.relative(ROOT, stackDir)}`);

    step('terraform init + apply (the handler calls the FME Admin API for every flag)');
    let started = Date.now();
    await deploy(stackDir, { env: { FME_API_KEY: ADMIN_KEY }, echo: true });
    console.log(`deployed in ${((Date.now() - started) / 1000).toFixed(1)} s; ${emulator.counters().total} Admin API calls`);

    step('asking the real Split SDK (@splitsoftware/splitio) for treatments in Production');
    const sdk = await startSdk(emulator.sdkBaseUrl, sdkKeyFor('Production'));
    printTreatments(sdk, [
      ['qa_alice', 'new_checkout'],
      ['beta_dan', 'new_checkout'],
      ['visitor_from_us', 'new_checkout', { country: 'US' }],
      ['visitor_from_fr', 'new_checkout', { country: 'FR' }],
      ['adult_shopper', 'search_ranking', { age: 30 }],
      ['staff_member', 'search_ranking', { employee: true }],
      ['anyone', 'legacy_banner'],
      // loyal_customers (rule-based segment: orders >= 10, fraud_frank excluded), gated by new_checkout = on
      ['loyal_lisa', 'free_shipping', { country: 'US', orders: 12 }],
      ['fraud_frank', 'free_shipping', { country: 'US', orders: 50 }],
      ['loyal_luc', 'free_shipping', { country: 'FR', orders: 12 }],
      ['anyone', 'holiday_banner'],
    ]);

    step('an SDK that loads only flag set "storefront" (sync.splitFilters bySet)');
    const storefront = await startSdk(emulator.sdkBaseUrl, sdkKeyFor('Production'), 10, ['storefront']);
    console.log(`flags it received: ${storefront.names().sort().join(', ')}`);
    await storefront.destroy();

    step('the holiday season is over: holiday_banner leaves the code (RemovalPolicy.ARCHIVE) and the app is deployed again');
    synthPlatformApp(outdir, { holidaySeason: false });
    const callsBefore = emulator.counters().total;
    started = Date.now();
    await deploy(stackDir, { env: { FME_API_KEY: ADMIN_KEY }, echo: true });
    console.log(`deployed in ${((Date.now() - started) / 1000).toFixed(1)} s; ${emulator.counters().total - callsBefore} Admin API calls`);
    await sdk.waitForUpdate();
    printTreatments(sdk, [['anyone', 'holiday_banner']]);
    console.log('(archived: FME keeps the flag and its definition; adding it back to the code unarchives it)');
    await sdk.destroy();
  } finally {
    if (process.env.DEMO_KEEP_RUNNING) {
      console.log(`\nemulator still running on ${emulator.url} (Ctrl-C to stop)`);
    } else {
      await emulator.stop();
    }
  }
}

/** Synthesizes the example into `outdir` with a local Terraform state next to it. */
function synthPlatformApp(outdir: string, options: PlatformAppOptions): void {
  const app = buildPlatformApp(outdir, cdktf, options);
  const stack = app.node.children.find((c): c is TerraformStack => c instanceof TerraformStack)!;
  new LocalBackend(stack, { path: path.join(WORK, 'terraform.platform.tfstate') });
  app.synth();
}

function printTreatments(sdk: SdkSession, samples: Array<[string, string, Record<string, unknown>?]>): void {
  for (const [key, flag, attributes] of samples) {
    const { treatment, config } = sdk.client.getTreatmentWithConfig(key, flag, attributes);
    const attrs = attributes ? ` ${JSON.stringify(attributes)}` : '';
    // free_shipping requires new_checkout = on, which is 50/50 for keys outside the US and Canada: show it.
    const gate = flag === 'free_shipping' ? `  (prerequisite new_checkout: ${sdk.client.getTreatment(key, 'new_checkout', attributes)})` : '';
    console.log(`${flag.padEnd(15)} ${`${key}${attrs}`.padEnd(45)} → ${treatment}${config ? `  config ${config}` : ''}${gate}`);
  }
}

/** SDK keys the emulator accepts per environment (see src/emulator/README.md). */
function sdkKeyFor(environment: string): string {
  return `sdk-${environment}`;
}

main().catch((e) => {
  console.error(`demo failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
