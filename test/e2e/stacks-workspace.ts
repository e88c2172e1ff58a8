import * as fs from 'fs';
import * as path from 'path';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { TerraformRuns } from './terraform-runs';
import { FmeConfig, FmeConfigProps } from '../../src';
import { RunningEmulator } from '../../src/emulator';

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
 * repository, whichever app it is synthesized in. Terraform runs as in `TerraformRuns`.
 */
export class StacksWorkspace extends TerraformRuns {
  constructor(private readonly emulator: RunningEmulator, name: string) {
    super(name);
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
}
