/**
 * Handler start-up cost against its floors, measured in the same run on the same machine:
 * `true` (a process that does nothing), `node -e 0` (Node's own start-up) and the bundled
 * handler doing no network work (a `delete` of a retained object: parse the spec, decide, exit).
 * Goal (issue 3): handler ≤ 1.5 × `node -e 0`.
 */
import { execFile, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startEmulator } from '../src/emulator';
import { machineLine, median, ms, table } from './lib/table';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 40);
const handler = path.resolve(__dirname, '..', 'assets', 'handler', 'index.js');

const retainedSpec = JSON.stringify({
  v: 1, kind: 'flag', flagName: 'bench_flag', removalPolicy: 'retain', existing: 'adopt',
  target: { apiBaseUrl: 'http://127.0.0.1:9/internal/api/v2', workspaceId: 'ws', apiKeyEnvVar: 'FME_API_KEY', maxRetrySeconds: 1 },
  environments: [],
});

/**
 * Runs the commands round-robin, `RUNS` rounds, so that drift in the machine's load affects every
 * command alike; returns each command's samples (the first two rounds warm the page cache).
 */
function timeInterleaved(commands: Array<{ cmd: string; args: string[]; env?: NodeJS.ProcessEnv }>): number[][] {
  const samples: number[][] = commands.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    commands.forEach((c, j) => {
      const start = process.hrtime.bigint();
      const r = spawnSync(c.cmd, c.args, { env: c.env ?? process.env, stdio: 'ignore' });
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      if (r.status !== 0) throw new Error(`${c.cmd} ${c.args.join(' ')} exited with ${r.status}`);
      if (i > 1) samples[j].push(elapsed);
    });
  }
  return samples;
}

/**
 * A full handler run that finds nothing to change: loads the HTTP client, reads the flag and its
 * definition from the emulator (in this process, hence the asynchronous spawn), writes nothing.
 */
async function timeNoopConverge(): Promise<number[]> {
  const emulator = await startEmulator({ adminApiKeys: ['bench-key'] });
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-bench-startup-'));
  const spec = JSON.stringify({
    v: 1, kind: 'flag', flagName: 'bench_flag', removalPolicy: 'destroy', existing: 'adopt', metadata: { trafficType: 'user' },
    target: { apiBaseUrl: emulator.adminBaseUrl, workspaceName: 'Default', apiKeyEnvVar: 'FME_API_KEY', maxRetrySeconds: 10 },
    environments: [{ environment: 'Production', removalPolicy: 'destroy', writeMode: 'direct', definition: {
      treatments: [{ name: 'on' }, { name: 'off' }], defaultTreatment: 'off', trafficAllocation: 100, rules: [], defaultRule: [{ treatment: 'off', size: 100 }],
    } }],
  });
  const env = { ...process.env, FME_SPEC: spec, FME_API_KEY: 'bench-key', FME_RATE_LIMIT_FILE: path.join(state, 'rl.json') };
  const run = () => new Promise<number>((resolve, reject) => {
    const start = process.hrtime.bigint();
    execFile(process.execPath, [handler, 'converge'], { env }, (error) => (error ? reject(error) : resolve(Number(process.hrtime.bigint() - start) / 1e6)));
  });
  try {
    await run(); // creates the flag; later runs find nothing to change
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await run());
    return samples.slice(2);
  } finally {
    await emulator.stop();
    fs.rmSync(state, { recursive: true, force: true });
  }
}

export async function runStartupBench(): Promise<string> {
  const rows: Array<Array<string | number>> = [];
  const [trueMs, nodeMs, handlerMs] = timeInterleaved([
    { cmd: '/bin/sh', args: ['-c', 'true'] },
    { cmd: process.execPath, args: ['-e', '0'] },
    { cmd: process.execPath, args: [handler, 'delete'], env: { ...process.env, FME_SPEC: retainedSpec } },
  ]).map(median);
  const convergeMs = median(await timeNoopConverge());
  rows.push(['local-exec `true` (sh -c true)', ms(trueMs), (trueMs / nodeMs).toFixed(2)]);
  rows.push(['node -e 0', ms(nodeMs), '1.00']);
  rows.push(['handler start-up (delete of a retained object: no network)', ms(handlerMs), (handlerMs / nodeMs).toFixed(2)]);
  rows.push(['handler no-op converge (HTTP client loaded, 2 reads, 0 writes)', ms(convergeMs), (convergeMs / nodeMs).toFixed(2)]);
  return [`### Handler start-up (median of ${RUNS - 2} runs)`, machineLine(), '',
    table(['command', 'median', 'ratio to node -e 0'], rows), '',
    `goal: handler ≤ 1.5 × node -e 0 → ${handlerMs / nodeMs <= 1.5 ? 'met' : 'NOT met'} (${(handlerMs / nodeMs).toFixed(2)}×)`].join('\n');
}

if (require.main === module) {
  runStartupBench().then((t) => console.log(t), (e) => { console.error(e); process.exit(1); });
}
