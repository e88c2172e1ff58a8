/**
 * Handler start-up cost against its floors, measured in the same run on the same machine:
 * `true` (a process that does nothing), `node -e 0` (Node's own start-up) and the bundled
 * handler doing no network work (a `delete` of a retained object: parse the spec, decide, exit).
 * Goal (issue 3): handler ≤ 1.5 × `node -e 0`.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { machineLine, median, ms, table } from './lib/table';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 40);
const handler = path.resolve(__dirname, '..', 'assets', 'handler', 'index.js');

const retainedSpec = JSON.stringify({
  v: 1, kind: 'flag', flagName: 'bench_flag', removalPolicy: 'retain', existing: 'adopt',
  target: { apiBaseUrl: 'http://127.0.0.1:9/internal/api/v2', workspaceId: 'ws', apiKeyEnvVar: 'FME_API_KEY', maxRetrySeconds: 1 },
  environments: [],
});

function time(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number[] {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { env, stdio: 'ignore' });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
    if (i > 1) samples.push(elapsed); // the first runs warm the page cache
  }
  return samples;
}

export function runStartupBench(): string {
  const rows: Array<Array<string | number>> = [];
  const trueMs = median(time('/bin/sh', ['-c', 'true']));
  const nodeMs = median(time(process.execPath, ['-e', '0']));
  const handlerMs = median(time(process.execPath, [handler, 'delete'], { ...process.env, FME_SPEC: retainedSpec }));
  rows.push(['local-exec `true` (sh -c true)', ms(trueMs), (trueMs / nodeMs).toFixed(2)]);
  rows.push(['node -e 0', ms(nodeMs), '1.00']);
  rows.push(['handler (delete, retained: no network)', ms(handlerMs), (handlerMs / nodeMs).toFixed(2)]);
  return [`### Handler start-up (median of ${RUNS - 2} runs)`, machineLine(), '',
    table(['command', 'median', 'ratio to node -e 0'], rows), '',
    `goal: handler ≤ 1.5 × node -e 0 → ${handlerMs / nodeMs <= 1.5 ? 'met' : 'NOT met'} (${(handlerMs / nodeMs).toFixed(2)}×)`].join('\n');
}

if (require.main === module) {
  console.log(runStartupBench());
}
