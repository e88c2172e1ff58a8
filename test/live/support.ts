import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import axios from 'axios';
import { App, TerraformStack } from 'cdktf';
import { FmeConfig, FmeConfigProps } from '../../src';
import { main } from '../../src/cli/main';
import { EmulatorOptions, RunningEmulator, startEmulator } from '../../src/emulator';
import { runConverge } from '../../src/handler/commands/converge';
import { Log } from '../../src/handler/log';
import { readStackSpecs } from '../../src/live/stack-specs';

export const LIVE_KEY = 'live-test-admin-key-7c2e';
/** A second admin, who may approve or reject the change requests `LIVE_KEY` submits. */
export const APPROVER_KEY = 'live-test-approver-key-91ad';

/**
 * A live-comparison scenario without Terraform: an emulator, a stack synthesized by real
 * constructs into a temporary folder, deploys through the handler's converge step in this
 * process, and the `cdktf-fme` command line run in this process.
 */
export class LiveScenario {
  public static async start(name: string, options: Omit<EmulatorOptions, 'adminApiKeys'> = {}): Promise<LiveScenario> {
    const emulator = await startEmulator({ ...options, adminApiKeys: [LIVE_KEY, APPROVER_KEY] });
    return new LiveScenario(emulator, fs.mkdtempSync(path.join(os.tmpdir(), `fme-live-${name}-`)));
  }

  private workspaceId?: string;

  private constructor(public readonly emulator: RunningEmulator, public readonly root: string) {}

  public get env(): NodeJS.ProcessEnv {
    return { FME_API_KEY: LIVE_KEY, FME_RATE_LIMIT_FILE: path.join(this.root, 'rate-limit.json') };
  }

  /** Synthesizes stack `stackId` into `<root>/<stackId>.out`; returns the stack folder. */
  public synth(build: (stack: TerraformStack) => void, stackId = 'live', config: FmeConfigProps = {}): string {
    const outdir = path.join(this.root, `${stackId}.out`);
    fs.rmSync(outdir, { recursive: true, force: true });
    const app = new App({ outdir });
    const stack = new TerraformStack(app, stackId);
    new FmeConfig(stack, 'Fme', { apiBaseUrl: this.emulator.adminBaseUrl, workspaceName: 'Default', ...config });
    build(stack);
    app.synth();
    return path.join(outdir, 'stacks', stackId);
  }

  /** Converges every spec of the stack folder, as a first deploy's bootstrap does (flag sets and segments, large and rule-based segments, then flags). */
  public async deploy(stackDir: string): Promise<void> {
    const specs = readStackSpecs(stackDir);
    const log = new Log({ out: () => undefined, err: (l) => { throw new Error(l); } });
    // Keys files are named relative to the stack folder, where Terraform runs the handler.
    const large = (specs.largeSegments ?? [])
      .map((s) => ({ ...s, environments: s.environments.map((p) => ({ ...p, keysFile: path.resolve(stackDir, p.keysFile) })) }));
    const ordered = [...(specs.flagSets ?? []), ...specs.segments, ...large, ...specs.ruleBasedSegments ?? [], ...specs.flags];
    for (const spec of ordered) await runConverge(spec, log, this.env);
  }

  /** Runs `cdktf-fme <args>` in this process. */
  public async cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: this.env });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  }

  /** An Admin API call made the way someone in the FME UI or a pipeline would (plain HTTP). */
  public async admin(method: string, apiPath: string, body?: unknown, key = LIVE_KEY): Promise<any> {
    const ws = await this.ws();
    const response = await axios.request({
      method,
      url: `${this.emulator.adminBaseUrl}${apiPath.replace('{ws}', ws)}`,
      data: body,
      headers: { 'x-api-key': key },
      validateStatus: () => true,
    });
    if (response.status >= 300) throw new Error(`${method} ${apiPath}: HTTP ${response.status} ${JSON.stringify(response.data)}`);
    return response.data;
  }

  public async ws(): Promise<string> {
    if (!this.workspaceId) {
      const response = await axios.get(`${this.emulator.adminBaseUrl}/workspaces?name=Default`, { headers: { 'x-api-key': LIVE_KEY } });
      this.workspaceId = response.data.objects.find((w: { name: string }) => w.name === 'Default').id as string;
    }
    return this.workspaceId!;
  }

  public async stop(): Promise<void> {
    await this.emulator.stop();
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
