import { spawn, spawnSync } from 'child_process';

/** Environment every Terraform run here uses: no telemetry, no CLI config warning, no prompts. */
export const TERRAFORM_ENV: Record<string, string> = {
  CHECKPOINT_DISABLE: '1',
  TF_CLI_CONFIG_FILE: '/dev/null',
  TF_IN_AUTOMATION: '1',
  TF_INPUT: '0',
};

/**
 * Fails with a message that says what is missing when Terraform is not on the PATH, and returns
 * its version line (the suites print it, so a CI log shows which Terraform ran).
 */
export function requireTerraform(): string {
  const result = spawnSync('terraform', ['version'], { env: { ...process.env, ...TERRAFORM_ENV }, encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error('terraform was not found on the PATH: the end-to-end tests need Terraform >= 1.9 '
      + '(they were written against 1.11.4). Install it and re-run.');
  }
  return result.stdout.split('\n')[0];
}

export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface TerraformRunOptions {
  /** Extra environment (e.g. the FME API key variable). */
  readonly env?: Record<string, string>;
  /** Kill Terraform after this long; the run then fails. @default 600 s */
  readonly timeoutMs?: number;
  /** Echo Terraform's output as it runs (the demo and benchmarks). @default false */
  readonly echo?: boolean;
}

/** Runs `terraform <args>` in a stack folder and collects its output. Never throws on a non-zero exit. */
export function terraform(cwd: string, args: string[], options: TerraformRunOptions = {}): Promise<TerraformResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', args, {
      cwd,
      env: { ...process.env, ...TERRAFORM_ENV, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d; if (options.echo) process.stdout.write(d); });
    child.stderr.on('data', (d: Buffer) => { stderr += d; if (options.echo) process.stderr.write(d); });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code: code ?? -1, stdout, stderr }); });
  });
}

/** Like `terraform()`, but throws with Terraform's output when the exit code is not 0. */
export async function terraformOk(cwd: string, args: string[], options: TerraformRunOptions = {}): Promise<TerraformResult> {
  const result = await terraform(cwd, args, options);
  if (result.code !== 0) {
    throw new Error(`terraform ${args.join(' ')} failed with exit code ${result.code} in ${cwd}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** `terraform init` + `apply -auto-approve`; returns the apply result. */
export async function deploy(stackDir: string, options: TerraformRunOptions = {}): Promise<TerraformResult> {
  await terraformOk(stackDir, ['init', '-input=false', '-no-color'], options);
  return terraformOk(stackDir, ['apply', '-auto-approve', '-input=false', '-no-color'], options);
}

/**
 * `terraform plan -detailed-exitcode`: 0 = no changes, 2 = changes. Throws on errors.
 * Returns whether the plan has changes and its text.
 */
export async function planHasChanges(stackDir: string, options: TerraformRunOptions = {}): Promise<{ changes: boolean; output: string }> {
  const result = await terraform(stackDir, ['plan', '-detailed-exitcode', '-input=false', '-no-color'], options);
  if (result.code !== 0 && result.code !== 2) {
    throw new Error(`terraform plan failed in ${stackDir}\n${result.stdout}\n${result.stderr}`);
  }
  return { changes: result.code === 2, output: result.stdout };
}
