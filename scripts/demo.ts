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
import { LocalBackend, TerraformStack } from 'cdktf';
import { buildPlatformApp } from '../examples/platform-app/main';
import { startEmulator } from '../src/emulator';
import { startSdk } from '../test/support/split-sdk';
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
    step('synthesizing examples/platform-app (cdktf synth)');
    process.env.FME_API_BASE_URL = emulator.adminBaseUrl;
    const outdir = path.join(WORK, 'cdktf.out');
    const app = buildPlatformApp(outdir);
    const stack = app.node.children.find((c): c is TerraformStack => c instanceof TerraformStack)!;
    new LocalBackend(stack, { path: path.join(WORK, 'terraform.platform.tfstate') });
    app.synth();
    const stackDir = path.join(outdir, 'stacks', stack.node.id);
    console.log(`stack written to ${path.relative(ROOT, stackDir)}`);

    step('terraform init + apply (the handler calls the FME Admin API for every flag)');
    const started = Date.now();
    await deploy(stackDir, { env: { FME_API_KEY: ADMIN_KEY }, echo: true });
    console.log(`deployed in ${((Date.now() - started) / 1000).toFixed(1)} s; ${emulator.counters().total} Admin API calls`);

    step('asking the real Split SDK (@splitsoftware/splitio) for treatments in Production');
    const sdk = await startSdk(emulator.sdkBaseUrl, sdkKeyFor('Production'));
    const samples: Array<[string, string, Record<string, unknown>?]> = [
      ['qa_alice', 'new_checkout'],
      ['beta_dan', 'new_checkout'],
      ['visitor_from_us', 'new_checkout', { country: 'US' }],
      ['visitor_from_fr', 'new_checkout', { country: 'FR' }],
      ['adult_shopper', 'search_ranking', { age: 30 }],
      ['staff_member', 'search_ranking', { employee: true }],
      ['anyone', 'legacy_banner'],
    ];
    for (const [key, flag, attributes] of samples) {
      const { treatment, config } = sdk.client.getTreatmentWithConfig(key, flag, attributes);
      const attrs = attributes ? ` ${JSON.stringify(attributes)}` : '';
      console.log(`${flag.padEnd(15)} ${`${key}${attrs}`.padEnd(40)} → ${treatment}${config ? `  config ${config}` : ''}`);
    }
    await sdk.destroy();
  } finally {
    if (process.env.DEMO_KEEP_RUNNING) {
      console.log(`\nemulator still running on ${emulator.url} (Ctrl-C to stop)`);
    } else {
      await emulator.stop();
    }
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
