/**
 * The package as a user gets it (docs/packaging.md): `npm pack`, a fresh project in a temporary
 * folder, `npm install <tarball> cdktf cdktf-cli constructs cdktn` from the npm registry, the
 * README's example exactly as printed (the ```ts block after `<!-- example: getting-started -->`)
 * as the app, `cdktf synth`, and a deploy of the result to the FME emulator with terraform.
 * Then the same example with `App`/`TerraformStack` from cdktn (CDK Terrain) instead of cdktf,
 * and the packaged `cdktf-fme` command.
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { npmPack, ROOT } from './packed-package';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { E2E_ADMIN_KEY } from '../e2e/e2e-workspace';
import { FmeAdmin } from '../e2e/fme-admin';
import { deploy, requireTerraform, terraformOk } from '../support/terraform';

jest.setTimeout(900_000);

/**
 * Versions the consumer project installs: the lines the package supports. constructs 10.7 is the
 * newest line every package accepts (cdktn 0.24 wants >=10.6.0 <10.8.0, the library ^10.6.0).
 */
const CONSUMER_DEPENDENCIES = ['cdktf@^0.21.0', 'cdktf-cli@^0.21.0', 'constructs@~10.7.0', 'cdktn@^0.24.0'];
const README_MARKER = '<!-- example: getting-started -->';

/** The ```ts block that follows the marker in README.md, as printed. */
function readmeExample(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(README_MARKER);
  if (at < 0) throw new Error(`README.md has no ${README_MARKER} marker before its main example`);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block) throw new Error(`README.md has no \`\`\`ts block after ${README_MARKER}`);
  return block[1];
}

/** Runs a command in the consumer project with a bounded time; throws with its output when it fails. */
function run(cwd: string, command: string, args: string[], env: Record<string, string> = {}, timeoutMs = 300_000): SpawnSyncReturns<string> {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, CI: 'true', CDKTF_DISABLE_TELEMETRY: 'true', CHECKPOINT_DISABLE: '1', ...env },
  });
  console.log(`consumer: ${command} ${args.join(' ')} → exit ${result.status ?? result.signal} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** The README example compiled to JavaScript as written (the consumer project needs no TypeScript toolchain). */
function writeApp(dir: string, file: string, source: string): void {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  fs.writeFileSync(path.join(dir, file), js);
}

describe('the packed tarball in a fresh project', () => {
  let work: string;
  let project: string;
  let emulator: RunningEmulator;
  let admin: FmeAdmin;

  beforeAll(async () => {
    console.log(`consumer test uses ${requireTerraform()}`);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-consumer-'));
    const packed = npmPack(['--pack-destination', work]);
    console.log(`consumer: packed ${packed.filename} (${packed.size} bytes, ${packed.entryCount} files)`);
    project = path.join(work, 'app');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'fme-consumer', version: '1.0.0', private: true }, undefined, 2));
    run(project, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', path.join(work, packed.filename), ...CONSUMER_DEPENDENCIES], {}, 600_000);
    emulator = await startEmulator({
      adminApiKeys: [E2E_ADMIN_KEY],
      seed: { workspaces: [{ name: 'Default', environments: [{ name: 'Staging' }, { name: 'Production', production: true }], trafficTypes: ['user'] }] },
    });
    admin = new FmeAdmin(emulator);
  });

  afterAll(async () => {
    await emulator?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('the library is installed from the tarball, not from this repository', () => {
    const installed = path.join(project, 'node_modules', 'cdktf-harness-fme');
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(fs.existsSync(path.join(installed, 'src'))).toBe(false);
    expect(fs.existsSync(path.join(installed, 'lib', 'index.js'))).toBe(true);
  });

  test('the README example, as printed, synthesizes with `cdktf synth` and deploys to the emulator', async () => {
    writeApp(project, 'main.js', readmeExample());
    fs.writeFileSync(path.join(project, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node main.js' }, undefined, 2));
    // The Admin API base URL is read at synth time; the key only at apply time.
    run(project, path.join('node_modules', '.bin', 'cdktf'), ['synth'], { FME_API_BASE_URL: emulator.adminBaseUrl });
    const stackDir = path.join(project, 'cdktf.out', 'stacks', 'flags');
    const config = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(config.resource.terraform_data)).toEqual(expect.arrayContaining([expect.stringMatching(/^Fme_Flag-new_checkout_/)]));

    const apply = await deploy(stackDir, { env: { FME_API_KEY: E2E_ADMIN_KEY } });
    expect(apply.stdout).toMatch(/Apply complete!/);
    expect(await admin.flag('new_checkout')).toBeDefined();
    const production = await admin.definition('new_checkout', 'Production');
    expect(production?.defaultTreatment).toBe('off');

    await terraformOk(stackDir, ['destroy', '-auto-approve', '-input=false', '-no-color'], { env: { FME_API_KEY: E2E_ADMIN_KEY } });
    expect(await admin.flag('new_checkout')).toBeUndefined();
  });

  test('the same example with App and TerraformStack from cdktn synthesizes the same resources', () => {
    const example = readmeExample();
    const withCdktn = example.replace("from 'cdktf';", "from 'cdktn';");
    expect(withCdktn).not.toBe(example);
    writeApp(project, 'main-cdktn.js', withCdktn);
    run(project, 'node', ['main-cdktn.js'], { CDKTF_OUTDIR: 'cdktn.out', FME_API_BASE_URL: emulator.adminBaseUrl });
    const read = (outdir: string) => JSON.parse(fs.readFileSync(path.join(project, outdir, 'stacks', 'flags', 'cdk.tf.json'), 'utf8'));
    const fromCdktn = read('cdktn.out');
    expect(fromCdktn['//'].metadata.version).toMatch(/^0\.24\./);
    expect(Object.keys(fromCdktn.resource.terraform_data).sort()).toEqual(Object.keys(read('cdktf.out').resource.terraform_data).sort());
  });

  test('the cdktf-fme command runs from the package', () => {
    const help = run(project, path.join('node_modules', '.bin', 'cdktf-fme'), ['--help']);
    expect(help.stdout + help.stderr).toMatch(/emulator/);
  });
});
