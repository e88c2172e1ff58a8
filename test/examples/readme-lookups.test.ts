/**
 * The README's "Checking environments before deploy" section, run as printed: the getting-started
 * example synthesized against the emulator (default seed), then each `$ npx cdktf-fme …` line of
 * the block after `<!-- example: lookups -->` run in this process, its output compared line by line
 * (only the emulator's run-time port differs from the printed 8080); then the printed synth error
 * for the misspelled environment (only the lookup time differs from the printed placeholder).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import * as library from '../../src';
import { main } from '../../src/cli/main';
import { RunningEmulator, startEmulator } from '../../src/emulator';

const KEY = 'readme-lookups-admin-key';

function readme(): string {
  return fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
}

/** The first fenced block (of `lang`) after `marker`. */
function blockAfter(marker: string, lang = ''): string {
  const text = readme();
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no ${marker}`);
  const block = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(text.slice(at));
  if (!block) throw new Error(`README.md has no block after ${marker}`);
  return block[1];
}

function synthesize(source: string, outdir: string, baseUrl: string): void {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const requireShim = (name: string) => (name === 'cdktf-harness-fme' ? library : require(name));
  const saved = { out: process.env.CDKTF_OUTDIR, url: process.env.FME_API_BASE_URL };
  process.env.CDKTF_OUTDIR = outdir;
  process.env.FME_API_BASE_URL = baseUrl;
  try {
    new Function('require', 'exports', js)(requireShim, {});
  } finally {
    if (saved.out === undefined) delete process.env.CDKTF_OUTDIR; else process.env.CDKTF_OUTDIR = saved.out;
    if (saved.url === undefined) delete process.env.FME_API_BASE_URL; else process.env.FME_API_BASE_URL = saved.url;
  }
}

describe('README: checking environments before deploy', () => {
  let emulator: RunningEmulator;
  let dir: string;
  const cwd = process.cwd();
  beforeAll(async () => {
    emulator = await startEmulator({ adminApiKeys: [KEY] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-readme-lookups-'));
    process.chdir(dir);
  });
  afterAll(async () => {
    process.chdir(cwd);
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('lookup prints what the README prints; the misspelled environment fails synth with the printed message', async () => {
    const example = blockAfter('<!-- example: getting-started -->', 'ts');
    synthesize(example, path.join(dir, 'cdktf.out'), emulator.adminBaseUrl);

    const transcript = blockAfter('<!-- example: lookups -->');
    const commands = transcript.split(/^\$ /m).filter((c) => c.trim() !== '');
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      const [line, ...expected] = command.trimEnd().split('\n');
      expect(line.startsWith('npx cdktf-fme ')).toBe(true);
      const printed: string[] = [];
      const io = { out: (t: string) => printed.push(t), err: (t: string) => printed.push(t), env: { FME_API_KEY: KEY } };
      const code = await main(line.slice('npx cdktf-fme '.length).split(' '), io);
      expect(code).toBe(0);
      expect(printed.join('\n').split('\n')).toEqual(expected.map((l) => l.replace('http://127.0.0.1:8080', emulator.url)));
    }
    expect(fs.existsSync(path.join(dir, 'fme.context.json'))).toBe(true);

    const lookedUpAt: string = JSON.parse(fs.readFileSync(path.join(dir, 'fme.context.json'), 'utf8')).workspaces['workspaceName:Default'].lookedUpAt;
    const message = blockAfter('`environment: \'Prodution\'`').trim().replace('<time of the lookup>', lookedUpAt);
    const misspelled = example.replace("environment: 'Production',\n  defaultTreatment", "environment: 'Prodution',\n  defaultTreatment");
    expect(misspelled).not.toBe(example);
    let error = '';
    try {
      synthesize(misspelled, path.join(dir, 'typo.out'), emulator.adminBaseUrl);
    } catch (e) {
      error = (e as Error).message;
    }
    expect(error.split('\n').map((l) => l.trim())).toContain(message);
  });
});
