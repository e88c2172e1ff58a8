/**
 * Deploy benchmarks against the local FME emulator with the real `terraform`:
 * - deploy from scratch, no-op re-deploy (plan only), one-flag change — for 100 and 1,000 flags × 2 environments;
 * - the same scratch deploy under the emulator's rate limit (3 requests/s with the real headers):
 *   wall time against its floor (total calls ÷ 3) and the number of 429s;
 * - Admin API calls per FME object on create, change and no-op (from the emulator's counters).
 * Goals (issue 5, 2-core machine): 1,000 × 2 scratch ≤ 120 s, no-op plan ≤ 10 s, one-flag change ≤ 15 s;
 * under 3 req/s wall ≤ 1.2 × floor with zero failed resources; ≤ 2 calls per created/changed object, 0 on no-op.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startEmulator } from '../src/emulator';
import { deploy, planHasChanges, terraformOk } from '../test/support/terraform';
import { buildEstate } from './lib/estate';
import { machineLine, ms, table } from './lib/table';

const ADMIN_KEY = 'bench-admin-key';
const ENVIRONMENTS = ['Staging', 'Production'];

interface DeployRow { flags: number; scratchMs: number; noopPlanMs: number; changeMs: number; createCalls: number; changeCalls: number; noopCalls: number; objects: number }

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

async function benchOneSize(flags: number, rateLimit?: number): Promise<DeployRow & { rateLimited: number; failed: boolean }> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `fme-bench-deploy-${flags}-`));
  const emulator = await startEmulator({ adminApiKeys: [ADMIN_KEY] });
  const env = { FME_API_KEY: ADMIN_KEY, FME_RATE_LIMIT_FILE: path.join(work, 'rate-limit.json') };
  const synth = (changedFlags: number[] = []) => {
    const { app } = buildEstate({
      flags, environments: ENVIRONMENTS, outdir: path.join(work, 'cdktf.out'), apiBaseUrl: emulator.adminBaseUrl,
      statePath: path.join(work, 'terraform.tfstate'), changedFlags,
    });
    app.synth();
    return path.join(work, 'cdktf.out', 'stacks', 'estate');
  };
  try {
    const stackDir = synth();
    await terraformOk(stackDir, ['init', '-input=false', '-no-color'], { env });
    if (rateLimit) emulator.setRateLimit({ requestsPerSecond: rateLimit, burst: rateLimit });
    emulator.resetCounters();
    let failed = false;
    const [, scratchMs] = await timed(() => deploy(stackDir, { env, timeoutMs: 3_600_000 }).catch((e) => { failed = true; console.error(String(e).slice(0, 2000)); }));
    const created = emulator.counters();
    emulator.setRateLimit(undefined);
    const objects = flags * (1 + ENVIRONMENTS.length); // each flag + its definitions
    if (rateLimit) {
      return { flags, scratchMs, noopPlanMs: 0, changeMs: 0, createCalls: created.total, changeCalls: 0, noopCalls: 0, objects, rateLimited: created.rateLimited, failed };
    }
    emulator.resetCounters();
    const [, noopPlanMs] = await timed(() => planHasChanges(stackDir, { env }));
    const noop = emulator.counters();
    const changedDir = synth([0]);
    emulator.resetCounters();
    const [, changeMs] = await timed(() => deploy(changedDir, { env }));
    const changed = emulator.counters();
    return { flags, scratchMs, noopPlanMs, changeMs, createCalls: created.total, changeCalls: changed.total, noopCalls: noop.total, objects, rateLimited: created.rateLimited, failed };
  } finally {
    await emulator.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export async function runDeployBench(sizes = [100, 1000], rateLimitedFlags = 100): Promise<string> {
  const lines: string[] = [];
  if (sizes.length > 0) {
    const rows: Array<Array<string | number>> = [];
    const results = [];
    for (const flags of sizes) {
      const r = await benchOneSize(flags);
      results.push(r);
      rows.push([`${flags} × 2`, ms(r.scratchMs), ms(r.noopPlanMs), ms(r.changeMs),
        (r.createCalls / r.objects).toFixed(2), r.changeCalls, r.noopCalls, r.failed ? 'yes' : 'no']);
    }
    lines.push('### Deploy against the emulator (terraform apply, real handler)', machineLine(), '',
      table(['flags × envs', 'deploy from scratch', 'no-op plan', 'one-flag change', 'calls per created object', 'calls for the change (1 definition)', 'calls on no-op', 'failed'], rows));
    const big = results.find((r) => r.flags === 1000);
    if (big) {
      lines.push('', `1,000 × 2 goals: scratch ≤ 120 s → ${big.scratchMs <= 120_000 ? 'met' : 'NOT met'} (${ms(big.scratchMs)}); `
        + `no-op plan ≤ 10 s → ${big.noopPlanMs <= 10_000 ? 'met' : 'NOT met'} (${ms(big.noopPlanMs)}); `
        + `one-flag change ≤ 15 s → ${big.changeMs <= 15_000 ? 'met' : 'NOT met'} (${ms(big.changeMs)})`);
    }
  }
  if (rateLimitedFlags > 0) {
    const r = await benchOneSize(rateLimitedFlags, 3);
    const floorMs = (r.createCalls - r.rateLimited) / 3 * 1000;
    lines.push('', `### Deploy of ${rateLimitedFlags} × 2 under a 3 requests/s rate limit`, machineLine(), '',
      table(['successful calls', 'floor (calls ÷ 3)', 'wall time', 'ratio to floor', '429s received', 'failed resources'],
        [[r.createCalls - r.rateLimited, ms(floorMs), ms(r.scratchMs), (r.scratchMs / floorMs).toFixed(2), r.rateLimited, r.failed ? 'yes' : '0']]),
      '', `goal: ≤ 1.2 × floor → ${r.scratchMs <= 1.2 * floorMs && !r.failed ? 'met' : 'NOT met'}`);
  }
  return lines.join('\n');
}

if (require.main === module) {
  const sizes = (process.env.BENCH_DEPLOY_SIZES ?? '100,1000').split(',').map(Number);
  runDeployBench(sizes, Number(process.env.BENCH_RATE_LIMITED_FLAGS ?? 100)).then((t) => console.log(t), (e) => { console.error(e); process.exit(1); });
}
