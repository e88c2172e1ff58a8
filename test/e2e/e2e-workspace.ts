import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { FmeConfig, FmeConfigProps } from '../../src';
import { RunningEmulator } from '../../src/emulator';
import { deploy, planHasChanges, terraform, terraformOk, TerraformResult } from '../support/terraform';

/** The admin key the end-to-end emulators accept; tests check it never leaks into any output. */
export const E2E_ADMIN_KEY = 'e2e-admin-key-4f1d9c7a';

/**
 * A Terraform working area for one end-to-end scenario: synthesizes a stack built by the test into
 * the same output folder each time (so state carries over between deploys, as in a real repo),
 * and runs Terraform in it with the API key in the environment — never in the configuration.
 */
export class E2eWorkspace {
  public readonly root: string;
  public readonly outdir: string;
  public readonly statePath: string;
  /** Everything Terraform printed, across every run (the tests search it for secrets). */
  public readonly transcript: string[] = [];

  constructor(private readonly emulator: RunningEmulator, name: string) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), `fme-e2e-${name}-`));
    this.outdir = path.join(this.root, 'cdktf.out');
    this.statePath = path.join(this.root, 'terraform.tfstate');
  }

  /** Synthesizes a stack `e2e` with an `FmeConfig` pointed at the emulator; `build` adds the rest. */
  public synth(build: (stack: TerraformStack, config: FmeConfig) => void, configProps: FmeConfigProps = {}): string {
    const app = new App({ outdir: this.outdir });
    const stack = new TerraformStack(app, 'e2e');
    new LocalBackend(stack, { path: this.statePath });
    const config = new FmeConfig(stack, 'Fme', { apiBaseUrl: this.emulator.adminBaseUrl, workspaceName: 'Default', ...configProps });
    build(stack, config);
    app.synth();
    return this.stackDir('e2e');
  }

  /** Synthesizes an app built elsewhere (the examples) into this workspace. */
  public synthApp(app: App, stackId: string): string {
    const stack = app.node.findChild(stackId) as TerraformStack;
    new LocalBackend(stack, { path: this.statePath });
    app.synth();
    return this.stackDir(stackId);
  }

  public stackDir(stackId: string): string {
    return path.join(this.outdir, 'stacks', stackId);
  }

  public get env(): Record<string, string> {
    return { FME_API_KEY: E2E_ADMIN_KEY };
  }

  public async deploy(stackDir: string): Promise<TerraformResult> {
    return this.record(await deploy(stackDir, { env: this.env }));
  }

  /** Runs `terraform apply` and returns its result whatever the exit code (failure scenarios). */
  public async tryApply(stackDir: string): Promise<TerraformResult> {
    await terraformOk(stackDir, ['init', '-input=false', '-no-color'], { env: this.env });
    return this.record(await terraform(stackDir, ['apply', '-auto-approve', '-input=false', '-no-color'], { env: this.env }));
  }

  public async plan(stackDir: string): Promise<{ changes: boolean; output: string }> {
    const result = await planHasChanges(stackDir, { env: this.env });
    this.transcript.push(result.output);
    return result;
  }

  public async destroy(stackDir: string): Promise<TerraformResult> {
    return this.record(await terraformOk(stackDir, ['destroy', '-auto-approve', '-input=false', '-no-color'], { env: this.env }));
  }

  public cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  private record(result: TerraformResult): TerraformResult {
    this.transcript.push(result.stdout, result.stderr);
    return result;
  }
}
