/**
 * `cdktf-fme diff` of a large stack against the local FME emulator (docs/live.md#reads):
 * 1,000 flags × 2 environments, deployed first through the handler's converge step (no Terraform:
 * this measures the comparison, not the deploy), then compared with FME — unlimited, and under
 * the emulator's rate limit of 3 requests/s with FME's headers.
 * Goals (issue 11): at most 1 read per FME object; under 3 requests/s, wall time ≤ 1.2 × calls ÷ 3
 * with no failures; the freshly deployed stack diffs clean (exit 0).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../src/cli/main';
import { startEmulator } from '../src/emulator';
import { forEachLimited } from '../src/handler/commands/bootstrap';
import { runConverge } from '../src/handler/commands/converge';
import { Log } from '../src/handler/log';
import { readStackSpecs } from '../src/live/stack-specs';
import { buildEstate } from './lib/estate';
import { machineLine, ms, table } from './lib/table';

const ADMIN_KEY = 'bench-admin-key';
const ENVIRONMENTS = ['Staging', 'Production'];
const RATE_LIMIT = 3;

interface DiffRun { code: number; wallMs: number; reads: number; objects: number; calls: number; rateLimited: number; stderr: string }

async function runDiff(stackDir: string, env: NodeJS.ProcessEnv, emulator: Awaited<ReturnType<typeof startEmulator>>): Promise<DiffRun> {
  emulator.resetCounters();
  const out: string[] = [];
  const err: string[] = [];
  const start = process.hrtime.bigint();
  const code = await main(['diff', stackDir, '--json'], { out: (t) => out.push(t), err: (t) => err.push(t), env });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const counters = emulator.counters();
  const json = code === 1 ? { reads: 0, objects: 0 } : JSON.parse(out.join('\n'));
  return { code, wallMs, reads: json.reads, objects: json.objects, calls: counters.total - counters.rateLimited, rateLimited: counters.rateLimited, stderr: err.join('\n') };
}

export async function runDiffBench(flags: number): Promise<string> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `fme-bench-diff-${flags}-`));
  const emulator = await startEmulator({ adminApiKeys: [ADMIN_KEY] });
  const env = { FME_API_KEY: ADMIN_KEY, FME_RATE_LIMIT_FILE: path.join(work, 'rate-limit.json') };
  try {
    const { app } = buildEstate({ flags, environments: ENVIRONMENTS, outdir: path.join(work, 'cdktf.out'), apiBaseUrl: emulator.adminBaseUrl });
    app.synth();
    const stackDir = path.join(work, 'cdktf.out', 'stacks', 'estate');
    const specs = readStackSpecs(stackDir);
    const quiet = new Log({ out: () => undefined, err: (line) => console.error(line) });
    await forEachLimited([...specs.flags], 8, async (spec) => runConverge(spec, quiet, env));

    const free = await runDiff(stackDir, env, emulator);
    emulator.setRateLimit({ requestsPerSecond: RATE_LIMIT, burst: RATE_LIMIT });
    const limited = await runDiff(stackDir, { ...env, FME_RATE_LIMIT_FILE: path.join(work, 'rate-limit-2.json') }, emulator);
    emulator.setRateLimit(undefined);

    const floorMs = (limited.calls / RATE_LIMIT) * 1000;
    const row = (label: string, r: DiffRun) => [
      label, `${flags} × ${ENVIRONMENTS.length}`, r.objects, r.reads, (r.reads / r.objects).toFixed(3), ms(r.wallMs), r.rateLimited, r.code,
    ];
    const goalReads = free.reads <= free.objects;
    const goalWall = limited.wallMs <= 1.2 * floorMs && limited.code === 0;
    return [
      `### cdktf-fme diff of a deployed stack (${flags} flags × ${ENVIRONMENTS.length} environments)`,
      machineLine(),
      '',
      table(['run', 'flags × envs', 'FME objects', 'reads', 'reads per object', 'wall time', '429s', 'exit code'], [
        row('unlimited', free),
        row(`${RATE_LIMIT} requests/s`, limited),
      ]),
      '',
      `goal: ≤ 1 read per FME object → ${goalReads ? 'met' : 'NOT met'} (${(free.reads / free.objects).toFixed(3)}); `
        + `under ${RATE_LIMIT} requests/s wall ≤ 1.2 × calls ÷ ${RATE_LIMIT} (${limited.calls} calls, floor ${ms(floorMs)}) with no failure → `
        + `${goalWall ? 'met' : 'NOT met'} (${(limited.wallMs / floorMs).toFixed(2)}×); in sync after the deploy → ${free.code === 0 ? 'yes' : `NO (exit ${free.code})`}`,
      ...(free.code === 1 || limited.code === 1 ? [`errors: ${free.stderr} ${limited.stderr}`.slice(0, 2000)] : []),
    ].join('\n');
  } finally {
    await emulator.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runDiffBench(Number(process.env.BENCH_DIFF_FLAGS ?? 1000)).then((t) => console.log(t), (e) => {
    console.error(e);
    process.exit(1);
  });
}
