/**
 * `npm run bench`: every benchmark, one table each (Markdown, pasted into the README).
 * Environment knobs: BENCH_DEPLOY_SIZES (default "100,1000"), BENCH_RATE_LIMITED_FLAGS (default 100),
 * BENCH_SKIP_SYNTH=1, BENCH_SKIP_DEPLOY=1, BENCH_STARTUP_RUNS (default 40), BENCH_SKIP_DIFF=1, BENCH_DIFF_FLAGS (default 1000).
 */
import { runDeployBench } from './deploy';
import { runDiffBench } from './diff';
import { runStartupBench } from './startup';
import { runSynthBench } from './synth';

async function main(): Promise<void> {
  process.env.CHECKPOINT_DISABLE = '1';
  process.env.TF_CLI_CONFIG_FILE = '/dev/null';
  console.log(await runStartupBench(), '\n');
  if (!process.env.BENCH_SKIP_SYNTH) console.log(runSynthBench(), '\n');
  if (!process.env.BENCH_SKIP_DEPLOY) {
    const sizes = (process.env.BENCH_DEPLOY_SIZES ?? '100,1000').split(',').map(Number);
    console.log(await runDeployBench(sizes, Number(process.env.BENCH_RATE_LIMITED_FLAGS ?? 100)));
  }
  if (!process.env.BENCH_SKIP_DIFF) console.log('\n', await runDiffBench(Number(process.env.BENCH_DIFF_FLAGS ?? 1000)));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
