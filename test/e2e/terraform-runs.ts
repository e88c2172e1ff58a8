import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deploy, planHasChanges, terraform, terraformOk, TerraformResult } from '../support/terraform';

/** The admin key the end-to-end emulators accept; tests check it never leaks into any output. */
export const E2E_ADMIN_KEY = 'e2e-admin-key-4f1d9c7a';

/**
 * Terraform runs in stack folders of one scenario's temporary area, with the API key in the
 * environment — never in the configuration — and a transcript of everything Terraform printed (the
 * tests search it for secrets).
 */
export class TerraformRuns {
  public readonly root: string;
  /** Everything Terraform printed, across every run. */
  public readonly transcript: string[] = [];

  constructor(name: string) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), `fme-e2e-${name}-`));
  }

  public get env(): Record<string, string> {
    return { FME_API_KEY: E2E_ADMIN_KEY };
  }

  /** `terraform init` + `apply`; fails the test when the apply fails. */
  public async deploy(stackDir: string): Promise<TerraformResult> {
    return this.record(await deploy(stackDir, { env: this.env }));
  }

  /** `terraform init` + `apply`, whatever the exit code (scenarios where the deploy must fail). */
  public async tryApply(stackDir: string): Promise<TerraformResult> {
    await this.init(stackDir);
    return this.record(await terraform(stackDir, ['apply', '-auto-approve', '-input=false', '-no-color'], { env: this.env }));
  }

  public async plan(stackDir: string): Promise<{ changes: boolean; output: string }> {
    await this.init(stackDir);
    const result = await planHasChanges(stackDir, { env: this.env });
    this.transcript.push(result.output);
    return result;
  }

  public async destroy(stackDir: string): Promise<TerraformResult> {
    await this.init(stackDir);
    return this.record(await terraformOk(stackDir, ['destroy', '-auto-approve', '-input=false', '-no-color'], { env: this.env }));
  }

  public cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  private async init(stackDir: string): Promise<void> {
    await terraformOk(stackDir, ['init', '-input=false', '-no-color'], { env: this.env });
  }

  private record(result: TerraformResult): TerraformResult {
    this.transcript.push(result.stdout, result.stderr);
    return result;
  }
}
