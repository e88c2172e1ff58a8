import { ChildProcess, spawn } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { parseArgs, UsageError } from '../../src/cli/args';
import { EMULATOR_OPTIONS, emulatorOptions } from '../../src/cli/emulator-command';

jest.setTimeout(60_000);

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

/** Resolves with the first stdout line, or rejects after a bounded wait. */
function firstLine(child: ChildProcess, ms = 30_000): Promise<string> {
  return new Promise((resolveLine, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no output within ${ms} ms; stderr: ${err}`)), ms);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolveLine(out.slice(0, nl));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    child.on('exit', code => { clearTimeout(timer); reject(new Error(`exited with ${code} before printing; stderr: ${err}`)); });
  });
}

function exitCode(child: ChildProcess, ms = 20_000): Promise<number | null> {
  return new Promise((resolveCode, reject) => {
    if (child.exitCode !== null) return resolveCode(child.exitCode);
    const timer = setTimeout(() => reject(new Error(`did not exit within ${ms} ms`)), ms);
    child.on('exit', code => { clearTimeout(timer); resolveCode(code); });
  });
}

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
    expect(err).toMatch(/Unknown option --prot/);
  });
});

describe('argument parsing', () => {
  test('values, = form, repeatable options and flags', () => {
    const args = parseArgs(['--port', '8080', '--data=x.json', '--admin-key', 'a', '--admin-key', 'b', '--help'], EMULATOR_OPTIONS);
    expect(args.options).toEqual({ 'port': ['8080'], 'data': ['x.json'], 'admin-key': ['a', 'b'], 'help': ['true'] });
  });

  test.each([
    [['--port'], /--port needs a value/],
    [['--port', '1', '--port', '2'], /more than once/],
    [['--help=yes'], /takes no value/],
    [['--nope'], /Unknown option --nope/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseArgs(argv as string[], EMULATOR_OPTIONS)).toThrow(message as RegExp);
  });

  test('option values are checked', () => {
    const opts = (argv: string[]) => emulatorOptions(parseArgs(argv, EMULATOR_OPTIONS));
    expect(opts(['--port', '9', '--rate-limit', '2.5', '--sdk-key', 'k=Production'])).toMatchObject({
      port: 9, rateLimit: { requestsPerSecond: 2.5 }, sdkKeys: ['k=Production'],
    });
    expect(() => opts(['--port', 'abc'])).toThrow(UsageError);
    expect(() => opts(['--port', '70000'])).toThrow(/0\.\.65535/);
    expect(() => opts(['--rate-limit', '0'])).toThrow(/positive/);
    expect(() => opts(['extra'])).toThrow(/Unexpected argument 'extra'/);
  });
});
