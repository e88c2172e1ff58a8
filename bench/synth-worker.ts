/** Child process of bench/synth.ts: synthesizes one estate and prints `{ms, maxRssMiB}` as JSON. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildEstate } from './lib/estate';

const [flags, envCount] = process.argv.slice(2).map(Number);
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-bench-synth-'));
const environments = ['Production', 'Staging', 'Dev', 'QA'].slice(0, envCount);
const started = process.hrtime.bigint();
const { app } = buildEstate({ flags, environments, outdir });
app.synth();
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const bytes = fs.statSync(path.join(outdir, 'stacks', 'estate', 'cdk.tf.json')).size;
fs.rmSync(outdir, { recursive: true, force: true });
console.log(JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, cdkTfJsonMiB: bytes / 2 ** 20 }));
