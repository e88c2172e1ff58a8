import { ChildProcess, spawn } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { App, TerraformStack } from 'cdktf';
import { FeatureFlag, FmeConfig } from '../../src';
import { parseArgs, UsageError } from '../../src/cli/args';
import { EMULATOR_OPTIONS, emulatorOptions, exportLines } from '../../src/cli/emulator-command';
import { COMMANDS, main } from '../../src/cli/main';

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '..', '..');
const COMPILED = join(ROOT, 'lib', 'cli', 'main.js');
const SOURCE = join(ROOT, 'src', 'cli', 'main.ts');

/** True when the compiled CLI exists and is not older than its source. */
function compiledIsCurrent(): boolean {
  const compiledEmulator = join(ROOT, 'lib', 'emulator', 'server.js');
  return existsSync(COMPILED) && existsSync(compiledEmulator)
    && statSync(COMPILED).mtimeMs >= statSync(SOURCE).mtimeMs
    && statSync(compiledEmulator).mtimeMs >= statSync(join(ROOT, 'src', 'emulator', 'server.ts')).mtimeMs;
}

/** Runs the CLI: the compiled file when it is current, else the TypeScript source through ts-node. */
function cli(args: string[]): ChildProcess {
  const useCompiled = compiledIsCurrent();
  const nodeArgs = useCompiled ? [COMPILED, ...args] : ['-r', 'ts-node/register/transpile-only', SOURCE, ...args];
  return spawn(process.execPath, nodeArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Resolves with the first `count` stdout lines, or rejects after a bounded wait. */
function firstLines(child: ChildProcess, count: number, ms = 90_000): Promise<string[]> {
  return new Promise((resolveLines, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no output within ${ms} ms; stderr: ${err}`)), ms);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const lines = out.split('\n');
      if (lines.length > count) {
        clearTimeout(timer);
        resolveLines(lines.slice(0, count));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    child.on('exit', code => { clearTimeout(timer); reject(new Error(`exited with ${code} before printing; stderr: ${err}`)); });
  });
}

function firstLine(child: ChildProcess, ms = 90_000): Promise<string> {
  return firstLines(child, 1, ms).then((lines) => lines[0]);
}

/** Whether something still answers HTTP at `url` (bounded wait). */
async function listening(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

function exitCode(child: ChildProcess, ms = 20_000): Promise<number | null> {
  return new Promise((resolveCode, reject) => {
    if (child.exitCode !== null) return resolveCode(child.exitCode);
    const timer = setTimeout(() => reject(new Error(`did not exit within ${ms} ms`)), ms);
    child.on('exit', code => { clearTimeout(timer); resolveCode(code); });
  });
}

describe('cdktf-fme lookup against the emulator process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fme-cli-lookup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('writes the context file for the workspace a synthesized app names', async () => {
    const child = cli(['emulator', '--port', '0', '--data', join(dir, 'data.json')]);
    try {
      const url = /listening on (\S+) /.exec(await firstLine(child))![1];
      const outdir = join(dir, 'cdktf.out');
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'flags');
      new FmeConfig(stack, 'Fme', { apiBaseUrl: `${url}/internal/api/v2`, workspaceName: 'Default' });
      new FeatureFlag(stack, 'Flag', { flagName: 'checkout' });
      app.synth();
      const file = join(dir, 'fme.context.json');
      const printed: string[] = [];
      const io = { out: (t: string) => printed.push(t), err: (t: string) => printed.push(t), env: { FME_API_KEY: 'emulator-admin-key' } };
      expect(await main(['lookup', '--app-dir', outdir, '--context-file', file], io)).toBe(0);
      expect(printed).toEqual([
        `looking up workspace "Default" (stack flags) at ${url}/internal/api/v2`,
        '  Default: 2 environments (Production, Staging), 2 traffic types (account, user), 0 attributes',
        `wrote ${file}: 1 workspace looked up`,
      ]);
      const entry = JSON.parse(readFileSync(file, 'utf8')).workspaces['workspaceName:Default'];
      expect(entry.environments.map((e: { name: string; production: boolean }) => [e.name, e.production])).toEqual([['Production', true], ['Staging', false]]);
      expect(entry.trafficTypes.map((t: { name: string; attributes: unknown[] }) => [t.name, t.attributes])).toEqual([['account', []], ['user', []]]);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('cdktf-fme emulator (process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fme-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('prints the listening line, serves the API, and persists on SIGTERM', async () => {
    const dataFile = join(dir, 'data.json');
    const child = cli(['emulator', '--port', '0', '--data', dataFile, '--admin-key', 'cli-admin', '--admin-key', 'cli-approver']);
    try {
      const line = await firstLine(child);
      const match = /^FME emulator listening on (http:\/\/127\.0\.0\.1:(\d+)) \(admin API (\S+)\/internal\/api\/v2, SDK API (\S+)\/api, data (.+)\)$/.exec(line);
      expect(match).not.toBeNull();
      const [, url, , adminBase, sdkBase, data] = match!;
      expect(adminBase).toBe(url);
      expect(sdkBase).toBe(url);
      expect(data).toBe(dataFile);

      const headers = { 'Authorization': 'Bearer cli-admin', 'Content-Type': 'application/json' };
      expect((await fetch(`${url}/internal/api/v2/workspaces`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
      const created = await fetch(`${url}/internal/api/v2/splits/ws/Default/trafficTypes/user`, { method: 'POST', headers, body: JSON.stringify({ name: 'from_cli' }) });
      expect(created.status).toBe(200);
      const counters = await (await fetch(`${url}/__emulator/counters`)).json() as { total: number };
      expect(counters.total).toBe(2);

      child.kill('SIGTERM');
      expect(await exitCode(child)).toBe(0);
      const saved = JSON.parse(readFileSync(dataFile, 'utf8'));
      expect(saved.flags.map((f: { name: string }) => f.name)).toEqual(['from_cli']);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  test('the start line is followed by the export lines a user needs', async () => {
    const child = cli(['emulator', '--lenient']);
    try {
      const [line, ...exports] = await firstLines(child, 4);
      const url = /listening on (\S+) .*, lenient\)$/.exec(line)![1];
      expect(exports).toEqual([
        `export FME_API_BASE_URL=${url}/internal/api/v2`,
        'export FME_API_KEY=emulator-admin-key',
        'export FME_SDK_KEY=emulator-sdk-key   # or sdk-<environment name> for any environment',
      ]);
      const workspaces = await fetch(`${url}/internal/api/v2/workspaces`, { headers: { Authorization: 'Bearer emulator-admin-key' } });
      expect(workspaces.status).toBe(200);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('it stops when the process that started it is killed, also through an npm-style `sh -c`', async () => {
    // A stand-in for `npx`: a Node process that runs the CLI through `sh -c` (as npm runs package
    // binaries) and is then killed with SIGKILL, which it cannot forward to its children.
    const useCompiled = compiledIsCurrent();
    const command = (useCompiled ? [process.execPath, COMPILED] : [process.execPath, '-r', 'ts-node/register/transpile-only', SOURCE])
      .map((a) => `'${a}'`).join(' ');
    const wrapper = spawn(process.execPath, ['-e', `require('child_process').spawn('sh', ['-c', ${JSON.stringify(`${command} emulator; true`)}], { stdio: 'inherit' }); setInterval(() => {}, 1000);`],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await firstLine(wrapper);
    const url = /listening on (\S+) /.exec(line)![1];
    expect(await listening(url)).toBe(true);
    wrapper.kill('SIGKILL');
    let stillListening = true;
    for (let i = 0; i < 40 && stillListening; i++) {
      await new Promise((r) => setTimeout(r, 250));
      stillListening = await listening(url);
    }
    expect(stillListening).toBe(false);
  });

  test('--help prints usage and exits 0; a bad option exits 2 naming it', async () => {
    const help = cli(['emulator', '--help']);
    let out = '';
    help.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
    expect(await exitCode(help)).toBe(0);
    expect(out).toMatch(/Usage: cdktf-fme emulator/);

    const bad = cli(['emulator', '--prot', '1']);
    let err = '';
    bad.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
    expect(await exitCode(bad)).toBe(2);
    expect(err).toMatch(/Unknown option '--prot'/);
  });
});

describe('argument parsing (util.parseArgs)', () => {
  test('values, = form, repeatable options and flags', () => {
    const args = parseArgs(['--port', '8080', '--data=x.json', '--admin-key', 'a', '--admin-key', 'b', '--lenient'], EMULATOR_OPTIONS);
    expect(args.values).toEqual({ 'port': '8080', 'data': 'x.json', 'admin-key': ['a', 'b'], 'lenient': true });
  });

  test.each([
    [['--port'], /--port <value>' argument missing/],
    [['--port', '1', '--port', '2'], /--port given more than once/],
    [['--help=yes'], /--help' does not take an argument/],
    [['--nope'], /Unknown option '--nope'$/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseArgs(argv as string[], EMULATOR_OPTIONS)).toThrow(UsageError);
    expect(() => parseArgs(argv as string[], EMULATOR_OPTIONS)).toThrow(message as RegExp);
  });

  test('option values are checked', () => {
    const opts = (argv: string[]) => emulatorOptions(parseArgs(argv, EMULATOR_OPTIONS));
    expect(opts(['--port', '9', '--rate-limit', '2.5', '--sdk-key', 'k=Production'])).toMatchObject({
      port: 9, rateLimit: { requestsPerSecond: 2.5 }, sdkKeys: ['k=Production'],
    });
    expect(opts([]).strictness).toBeUndefined();
    expect(opts(['--lenient']).strictness).toBe('lenient');
    expect(() => opts(['--port', 'abc'])).toThrow(UsageError);
    expect(() => opts(['--port', '70000'])).toThrow(/0\.\.65535/);
    expect(() => opts(['--rate-limit', '0'])).toThrow(/positive/);
    expect(() => opts(['extra'])).toThrow(/Unexpected argument 'extra'/);
  });

  test('the export lines name the base URL, the first admin key and the first SDK key', () => {
    const opts = (argv: string[]) => emulatorOptions(parseArgs(argv, EMULATOR_OPTIONS));
    expect(exportLines('http://127.0.0.1:1/internal/api/v2', opts([]))).toEqual([
      'export FME_API_BASE_URL=http://127.0.0.1:1/internal/api/v2',
      'export FME_API_KEY=emulator-admin-key',
      'export FME_SDK_KEY=emulator-sdk-key   # or sdk-<environment name> for any environment',
    ]);
    expect(exportLines('u', opts(['--admin-key', 'a1', '--admin-key', 'a2', '--sdk-key', 'k=Production']))).toEqual([
      'export FME_API_BASE_URL=u', 'export FME_API_KEY=a1', 'export FME_SDK_KEY=k   # or sdk-<environment name> for any environment',
    ]);
  });
});

describe('cdktf-fme (in process)', () => {
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  test('--version prints the package version', async () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    for (const flag of ['--version', '-v']) expect(await run([flag])).toEqual({ code: 0, out: version, err: '' });
  });

  test('--help lists every command; each command has its own --help', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const c of COMMANDS) {
      expect(help.out).toContain(`  ${c.name} `);
      const own = await run([c.name, '--help']);
      expect(own).toEqual({ code: 0, out: c.usage, err: '' });
      expect(own.out).toMatch(new RegExp(`^Usage: cdktf-fme ${c.name}`));
      expect((await run([c.name, '-h'])).out).toBe(c.usage);
    }
    expect(COMMANDS.map((c) => c.name)).toEqual(['diff', 'drift', 'import', 'lookup', 'emulator']);
  });

  test('no command or an unknown one exits 2 with the usage on stderr', async () => {
    expect(await run([])).toMatchObject({ code: 2, out: '' });
    const unknown = await run(['difff']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unknown command 'difff'/);
    const bad = await run(['diff', '--jsn']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^cdktf-fme diff: Unknown option '--jsn'/);
  });
});
