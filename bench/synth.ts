/**
 * Synth time and peak memory for 100 / 1,000 / 5,000 flags × 2–4 environments (rules and targets
 * on every plan). Each size runs in a fresh Node process so memory is its own.
 * Goals (issue 5): 5,000 × 4 ≤ 20 s, and linear: 10× input ≤ 11× time (500 × 4 → 5,000 × 4).
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { machineLine, ms, table } from './lib/table';

interface Sample { flags: number; envs: number; ms: number; maxRssMiB: number; cdkTfJsonMiB: number }

function synthOnce(flags: number, envs: number): Sample {
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'synth-worker.ts'), String(flags), String(envs)], {
    encoding: 'utf8', maxBuffer: 16 * 2 ** 20, env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' },
  });
  return { flags, envs, ...JSON.parse(out.trim().split('\n').pop()!) };
}

export function runSynthBench(sizes: Array<[number, number]> = [[100, 2], [100, 4], [500, 4], [1000, 2], [1000, 4], [5000, 2], [5000, 4]]): string {
  const samples = sizes.map(([f, e]) => synthOnce(f, e));
  const rows = samples.map((s) => [s.flags, s.envs, s.flags * s.envs, ms(s.ms), `${(s.ms / (s.flags * s.envs)).toFixed(2)} ms`, `${s.maxRssMiB.toFixed(0)} MiB`, `${s.cdkTfJsonMiB.toFixed(1)} MiB`]);
  const lines = ['### Synth (cdktf synth of one stack)', machineLine(), '',
    table(['flags', 'envs', 'plans', 'synth time', 'per plan', 'peak RSS', 'cdk.tf.json'], rows)];
  const small = samples.find((s) => s.flags === 500 && s.envs === 4);
  const big = samples.find((s) => s.flags === 5000 && s.envs === 4);
  if (small && big) {
    const ratio = big.ms / small.ms;
    lines.push('', `5,000 × 4: ${ms(big.ms)} (goal ≤ 20 s: ${big.ms <= 20_000 ? 'met' : 'NOT met'}); 10× input took ${ratio.toFixed(2)}× the time (goal ≤ 11×: ${ratio <= 11 ? 'met' : 'NOT met'})`);
  }
  return lines.join('\n');
}

if (require.main === module) {
  console.log(runSynthBench());
}
