import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { E2E_ADMIN_KEY } from './e2e-workspace';
import { FmeConfig, FmeConfigProps } from '../../src';
import { RunningEmulator } from '../../src/emulator';
import { deploy, planHasChanges, terraform, terraformOk, TerraformResult } from '../support/terraform';

/** Builds one stack's FME constructs; `undefined` leaves the stack without any (not even FmeConfig). */
export type StackBuild = ((stack: TerraformStack) => void) | undefined;

export interface StackDefinition {
  readonly build: StackBuild;
  /** Props of the stack's FmeConfig (pointed at the emulator's `Default` workspace unless overridden). */
  readonly config?: FmeConfigProps;
}

/**
 * A Terraform working area for scenarios with several stacks, in one cdktf app or in several
 * (separate repositories). Each stack keeps its state in one file across every synth, as in a real
 * repository, whichever app it is synthesized in; the API key reaches Terraform only through the
 * environment.
 */
export class StacksWorkspace {
  public readonly root: string;
  /** Everything Terraform printed, across every run. */
  public readonly transcript: string[] = [];

  constructor(private readonly emulator: RunningEmulator, name: string) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), `fme-e2e-${name}-`));
  }

  /**
   * Synthesizes one app (output under `<root>/<app>`) with the given stacks and returns each
   * stack's folder. A stack whose build is `undefined` gets no FME construct at all.
   */
  public synth(app: string, stacks: Record<string, StackDefinition>): Record<string, string> {
    const outdir = path.join(this.root, app, 'cdktf.out');
    fs.mkdirSync(path.dirname(outdir), { recursive: true });
    const cdktfApp = new App({ outdir });
    for (const [name, definition] of Object.entries(stacks)) {
      const stack = new TerraformStack(cdktfApp, name);
      new LocalBackend(stack, { path: this.statePath(name) });
      if (definition.build) {
        const workspace = definition.config?.workspaceId !== undefined ? {} : { workspaceName: 'Default' };
        new FmeConfig(stack, 'Fme', { apiBaseUrl: this.emulator.adminBaseUrl, ...workspace, ...definition.config });
        definition.build(stack);
      }
    }
    cdktfApp.synth();
    return Object.fromEntries(Object.keys(stacks).map((name) => [name, path.join(outdir, 'stacks', name)]));
  }

  public statePath(stack: string): string {
    return path.join(this.root, `${stack}.tfstate`);
  }

  public get env(): Record<string, string> {
    return { FME_API_KEY: E2E_ADMIN_KEY };
  }

  public async deploy(stackDir: string): Promise<TerraformResult> {
    return this.record(await deploy(stackDir, { env: this.env }));
  }

  /** `terraform init` + `apply`, whatever the exit code (scenarios where the deploy must fail). */
  public async tryApply(stackDir: string): Promise<TerraformResult> {
    await terraformOk(stackDir, ['init', '-input=false', '-no-color'], { env: this.env });
    return this.record(await terraform(stackDir, ['apply', '-auto-approve', '-input=false', '-no-color'], { env: this.env }));
  }

  public async plan(stackDir: string): Promise<{ changes: boolean; output: string }> {
    await terraformOk(stackDir, ['init', '-input=false', '-no-color'], { env: this.env });
    const result = await planHasChanges(stackDir, { env: this.env });
    this.transcript.push(result.output);
    return result;
  }

  public async destroy(stackDir: string): Promise<TerraformResult> {
    await terraformOk(stackDir, ['init', '-input=false', '-no-color'], { env: this.env });
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
