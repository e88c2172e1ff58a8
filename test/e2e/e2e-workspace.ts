import * as path from 'path';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { E2E_ADMIN_KEY, TerraformRuns } from './terraform-runs';
import { FmeConfig, FmeConfigProps } from '../../src';
import { RunningEmulator } from '../../src/emulator';

export { E2E_ADMIN_KEY };

/**
 * A Terraform working area for one end-to-end scenario: synthesizes a stack built by the test into
 * the same output folder each time (so state carries over between deploys, as in a real repo),
 * and runs Terraform in it (`TerraformRuns`).
 */
export class E2eWorkspace extends TerraformRuns {
  public readonly outdir: string;
  public readonly statePath: string;

  constructor(private readonly emulator: RunningEmulator, name: string) {
    super(name);
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
}
