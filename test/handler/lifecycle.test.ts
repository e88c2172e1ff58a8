import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  adminGet, allOutput, API_KEY, BUNDLE, bundleHandler, flagSpec, inventory, KEY_VAR, part, plan, runHandler, segmentSpec, target,
} from './harness';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { SharedCache } from '../../src/handler/shared-cache';
import { specDigest } from '../../src/spec/state-record';

let em: RunningEmulator;
let stateDir: string;
let ws: string;

beforeAll(async () => {
  bundleHandler();
  em = await startEmulator({ adminApiKeys: [API_KEY] });
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-handler-'));
  ws = (await adminGet(em.adminBaseUrl, '/workspaces?name=Default')).body.objects[0].id;
}, 60_000);

afterAll(async () => {
  await em?.stop();
  fs.rmSync(stateDir, { recursive: true, force: true });
  expect(allOutput.join('\n')).not.toContain(API_KEY);
});

const run = (command: string, spec: unknown) => runHandler(command, { FME_SPEC: JSON.stringify(spec) }, stateDir);
const flagStatus = async (flag: string) => (await adminGet(em.adminBaseUrl, `/splits/ws/${ws}/${flag}`)).status;
const definitionStatus = async (flag: string, env: string) => (await adminGet(em.adminBaseUrl, `/splits/ws/${ws}/${flag}/environments/${env}`)).status;

async function converge(spec: unknown): Promise<void> {
  const r = await run('converge', spec);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

describe('delete', () => {
  test('an owned flag loses its definitions, then the flag; repeating succeeds', async () => {
    const spec = flagSpec(target(em.adminBaseUrl), 'doomed', [part('Production', { definition: plan(10) }), part('Staging', { definition: plan(10) })]);
    await converge(spec);
    let r = await run('delete', spec);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[fme] flag doomed / Production: definition deleted (0 reads, 1 write)');
    expect(r.stdout).toContain('[fme] flag doomed: deleted (0 reads, 1 write)');
    expect(await flagStatus('doomed')).toBe(404);
    r = await run('delete', spec);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[fme] flag doomed: already absent');
  });

  test('retain makes no API call at all', async () => {
    const spec = flagSpec(target(em.adminBaseUrl), 'kept', [part('Production', { definition: plan(10) })], { removalPolicy: 'retain' });
    await converge(spec);
    em.resetCounters();
    const r = await run('delete', spec);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[fme] flag kept: retained');
    expect(em.counters().total).toBe(0);
    expect(await flagStatus('kept')).toBe(200);
  });

  test('a flag managed elsewhere keeps the flag and loses only this stack\'s destroy definitions', async () => {
    await converge(flagSpec(target(em.adminBaseUrl), 'elsewhere', [part('Production', { definition: plan(10) }), part('Staging', { definition: plan(10) })]));
    const mine = flagSpec(target(em.adminBaseUrl), 'elsewhere', [
      part('Production', { definition: plan(10) }),
      part('Staging', { definition: plan(10), removalPolicy: 'retain' }),
    ], { metadata: undefined });
    const r = await run('delete', mine);
    expect(r.code).toBe(0);
    expect(await definitionStatus('elsewhere', 'Production')).toBe(404);
    expect(await definitionStatus('elsewhere', 'Staging')).toBe(200);
    expect(await flagStatus('elsewhere')).toBe(200);
  });
});

describe('reconcile', () => {
  test('deletes objects removed from the code and keeps retained and current ones', async () => {
    const t = target(em.adminBaseUrl);
    await converge(flagSpec(t, 'removed_flag', [part('Production', { definition: plan(10) })]));
    await converge(flagSpec(t, 'retained_flag', [part('Production', { definition: plan(10) })]));
    await converge(flagSpec(t, 'staying_flag', [part('Production', { definition: plan(10) }), part('Staging', { definition: plan(10) })]));
    const previous = inventory(t, [
      { t: 'definition', flag: 'removed_flag', env: 'Production', policy: 'destroy' },
      { t: 'definition', flag: 'retained_flag', env: 'Production', policy: 'retain' },
      { t: 'definition', flag: 'staying_flag', env: 'Production', policy: 'destroy' },
      { t: 'definition', flag: 'staying_flag', env: 'Staging', policy: 'destroy' },
      { t: 'flag', flag: 'removed_flag', policy: 'destroy' },
      { t: 'flag', flag: 'retained_flag', policy: 'retain' },
      { t: 'flag', flag: 'staying_flag', policy: 'destroy' },
    ]);
    const next = inventory(t, [
      { t: 'definition', flag: 'staying_flag', env: 'Production', policy: 'destroy' },
      { t: 'flag', flag: 'staying_flag', policy: 'destroy' },
    ]);
    const r = await runHandler('reconcile', { FME_PREVIOUS: JSON.stringify(previous), FME_NEXT: JSON.stringify(next) }, stateDir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    // definitions first, then flags
    expect(lines).toEqual([
      '[fme] flag removed_flag / Production: definition deleted (0 reads, 1 write)',
      '[fme] flag staying_flag / Staging: definition deleted (0 reads, 1 write)',
      '[fme] flag removed_flag: deleted (0 reads, 1 write)',
    ]);
    expect(await flagStatus('removed_flag')).toBe(404);
    expect(await flagStatus('retained_flag')).toBe(200);
    expect(await definitionStatus('staying_flag', 'Production')).toBe(200);
    expect(await definitionStatus('staying_flag', 'Staging')).toBe(404);

    // Running it again (a retry after a crash) succeeds: everything is already gone.
    const again = await runHandler('reconcile', { FME_PREVIOUS: JSON.stringify(previous), FME_NEXT: JSON.stringify(next) }, stateDir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('[fme] flag removed_flag: already absent');
  });

  test('a flag another flag depends on is retried for a bounded time, then fails clearly', async () => {
    const t = target(em.adminBaseUrl, 2);
    await converge(flagSpec(t, 'base_flag', [part('Production', { definition: plan(10) })]));
    const dependent = plan(0, {
      rules: [{ condition: { combiner: 'AND', matchers: [{ type: 'IN_SPLIT', depends: { splitName: 'base_flag', treatment: 'on' } }] }, buckets: [{ treatment: 'on', size: 100 }] }],
    });
    await converge(flagSpec(t, 'child_flag', [part('Production', { definition: dependent })]));
    const r = await runHandler('reconcile', {
      FME_PREVIOUS: JSON.stringify(inventory(t, [{ t: 'flag', flag: 'base_flag', policy: 'destroy' }])),
      FME_NEXT: JSON.stringify(inventory(t, [])),
    }, stateDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('FME still refuses to delete flag "base_flag" after 2 s because another flag depends on it');
    expect(r.stderr).toContain('child_flag');
    expect(await flagStatus('base_flag')).toBe(200);
  });
});

test('reconcile removes a segment: keys, environment, then the segment', async () => {
  const t = target(em.adminBaseUrl);
  await converge(segmentSpec(t, 'old_seg', [{ environment: 'Staging', removalPolicy: 'destroy', keys: ['a', 'b'] }]));
  const r = await runHandler('reconcile', {
    FME_PREVIOUS: JSON.stringify(inventory(t, [
      { t: 'segment', segment: 'old_seg', policy: 'destroy' },
      { t: 'segmentDefinition', segment: 'old_seg', env: 'Staging', policy: 'destroy' },
    ])),
    FME_NEXT: JSON.stringify(inventory(t, [])),
  }, stateDir);
  expect(r.stderr).toBe('');
  expect(r.stdout.trim().split('\n')).toEqual([
    // one read: the keys (environment ids are cached from the converge)
    '[fme] segment old_seg / Staging: removed from environment (1 read, 2 writes)',
    '[fme] segment old_seg: deleted (0 reads, 1 write)',
  ]);
  expect((await adminGet(em.adminBaseUrl, `/segments/ws/${ws}/old_seg`)).status).toBe(404);
});

test('a stale cached workspace id fails one run, then is looked up again', async () => {
  const t = target(em.adminBaseUrl);
  new SharedCache(t.apiBaseUrl, { FME_RATE_LIMIT_FILE: path.join(stateDir, 'rate-limit.json') }).set('workspace:Default', 'workspace-that-was-deleted');
  const spec = flagSpec(t, 'after_stale', [part('Production', { definition: plan(10) })]);
  const first = await run('converge', spec);
  expect(first.code).toBe(1);
  expect(first.stderr).toContain('HTTP 404 Could not find workspace workspace-that-was-deleted');
  const second = await run('converge', spec);
  expect(second.stderr).toBe('');
  expect(second.code).toBe(0);
});

describe('faults and rate limits', () => {
  test('30% injected faults and a tight rate limit still converge parallel handlers', async () => {
    const t = target(em.adminBaseUrl, 120);
    const specs = ['f_one', 'f_two', 'f_three', 'f_four'].map((name, i) =>
      flagSpec(t, name, [part('Production', { definition: plan(10 * (i + 1)) }), part('Staging', { definition: plan(5) })]));
    em.resetCounters();
    em.setFaults({ seed: 7, errorRate: 0.2, resetRate: 0.1 });
    em.setRateLimit({ requestsPerSecond: 8, burst: 3 });
    try {
      const runs = await Promise.all(specs.map((s) => run('converge', s)));
      for (const r of runs) {
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
      }
    } finally {
      em.setFaults(undefined);
      em.setRateLimit(undefined);
    }
    const c = em.counters();
    // The faults and the limit really happened (otherwise this test proves nothing).
    expect(c.faults).toBeGreaterThan(0);
    expect(c.rateLimited).toBeGreaterThan(0);
    for (const [i, name] of ['f_one', 'f_two', 'f_three', 'f_four'].entries()) {
      const d = await adminGet(em.adminBaseUrl, `/splits/ws/${ws}/${name}/environments/Production`);
      expect(d.body.defaultRule).toEqual([{ treatment: 'on', size: 10 * (i + 1) }, { treatment: 'off', size: 100 - 10 * (i + 1) }]);
    }
  }, 120_000);
});

describe('errors and secrets', () => {
  test('a missing API key variable fails naming the variable', async () => {
    const r = await runHandler('converge', { FME_SPEC: JSON.stringify(flagSpec(target(em.adminBaseUrl), 'x', [])), FME_HANDLER_TEST_KEY: '' }, stateDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('environment variable FME_HANDLER_TEST_KEY is empty');
  });

  test('a wrong API key is reported without printing it', async () => {
    const wrong = 'wrong-key-0f9e8d7c6b5a';
    const r = await runHandler('converge', { FME_SPEC: JSON.stringify(flagSpec({ ...target(em.adminBaseUrl), workspaceId: ws }, 'x', [])), FME_HANDLER_TEST_KEY: wrong }, stateDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/HTTP 401/);
    expect(r.stdout + r.stderr).not.toContain(wrong);
  });

  test('a spec from a newer library version is refused with advice', async () => {
    const r = await run('converge', { ...flagSpec(target(em.adminBaseUrl), 'x', []), v: 99 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('spec version 99, newer than this handler understands');
  });

  test('an unknown command prints usage and exits 1', async () => {
    const r = await runHandler('explode', {}, stateDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown command "explode"');
  });
});

test('start-up cost of the handler vs node -e 0 (printed, not asserted)', async () => {
  const time = async (args: string[], env: Record<string, string> = {}) => {
    const start = process.hrtime.bigint();
    await new Promise((resolve) => execFile(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env } }, resolve));
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const bare: number[] = [];
  const handler: number[] = [];
  const retain = JSON.stringify(flagSpec(target(em.adminBaseUrl), 'kept', [], { removalPolicy: 'retain' }));
  for (let i = 0; i < 7; i++) {
    bare.push(await time(['-e', '0']));
    handler.push(await time([BUNDLE, 'delete'], { FME_SPEC: retain }));
  }
  // eslint-disable-next-line no-console
  console.log(`handler start-up (delete of a retained flag, no network): median ${median(handler).toFixed(1)} ms; node -e 0: median ${median(bare).toFixed(1)} ms`);
  expect(handler).toHaveLength(7);
}, 60_000);

describe('reconcile with the full inventory in a file (sharded inventories)', () => {
  test('a shard compares its previous entries with the whole current inventory read from FME_NEXT_FILE', async () => {
    const t = target(em.adminBaseUrl);
    await converge(flagSpec(t, 'file_removed', [part('Production', { definition: plan(10) })]));
    await converge(flagSpec(t, 'file_moved', [part('Production', { definition: plan(10) })]));
    // The previous shard held both flags; now `file_moved` lives in another shard of the same
    // inventory, so only the full inventory tells it apart from a removal.
    const previousShard = inventory(t, [
      { t: 'flag', flag: 'file_moved', policy: 'destroy' },
      { t: 'flag', flag: 'file_removed', policy: 'destroy' },
    ]);
    const fullNext = inventory(t, [{ t: 'flag', flag: 'file_moved', policy: 'destroy' }, { t: 'flag', flag: 'other', policy: 'destroy' }]);
    const file = path.join(stateDir, 'fme-inventory.json');
    fs.writeFileSync(file, JSON.stringify(fullNext));
    const r = await runHandler('reconcile', { FME_PREVIOUS: JSON.stringify(previousShard), FME_NEXT_FILE: file }, stateDir);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['[fme] flag file_removed: deleted (0 reads, 1 write)']);
    expect(await flagStatus('file_removed')).toBe(404);
    expect(await flagStatus('file_moved')).toBe(200);
  });

  test('a missing inventory file fails the run and deletes nothing', async () => {
    const t = target(em.adminBaseUrl);
    await converge(flagSpec(t, 'kept_when_file_missing', [part('Production', { definition: plan(10) })]));
    const before = em.counters().writes;
    const r = await runHandler('reconcile', {
      FME_PREVIOUS: JSON.stringify(inventory(t, [{ t: 'flag', flag: 'kept_when_file_missing', policy: 'destroy' }])),
      FME_NEXT_FILE: path.join(stateDir, 'no-such-inventory.json'),
    }, stateDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no-such-inventory.json');
    expect(r.stderr).toContain('re-run cdktf synth');
    expect(r.stderr).toContain('Nothing was deleted');
    expect(em.counters().writes).toBe(before);
    expect(await flagStatus('kept_when_file_missing')).toBe(200);
  });
});

describe('bootstrap', () => {
  /** Runs the bundled handler's bootstrap in `cwd` (markers land there, as in a stack folder). */
  function bootstrap(cwd: string, waves: unknown[][], applyId?: string): Promise<{ code: number; stdout: string; stderr: string }> {
    fs.writeFileSync(path.join(cwd, 'fme-bootstrap.json'), JSON.stringify({ v: 1, kind: 'bootstrap', waves }));
    return new Promise((resolve) => {
      execFile(process.execPath, [BUNDLE, 'bootstrap'], {
        cwd,
        env: {
          PATH: process.env.PATH ?? '',
          [KEY_VAR]: API_KEY,
          FME_RATE_LIMIT_FILE: path.join(stateDir, 'rate-limit.json'),
          FME_BOOTSTRAP_FILE: 'fme-bootstrap.json',
          ...(applyId ? { FME_APPLY_ID: applyId } : {}),
        },
        timeout: 120_000,
      }, (error, stdout, stderr) => {
        allOutput.push(stdout, stderr);
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  }

  test('converges every object in one process and leaves a marker per converged spec; a failing object is left to its own resource', async () => {
    const t = target(em.adminBaseUrl, 5);
    const good = flagSpec(t, 'boot_good', [part('Production', { definition: plan(30) })]);
    const dependent = flagSpec(t, 'boot_dependent', [part('Production', { definition: plan(10) })]);
    // FME rejects this one (unknown segment): the bootstrap reports it and goes on.
    const bad = flagSpec(t, 'boot_bad', [part('Production', { definition: plan(10, { treatments: [{ name: 'on', segments: ['no_such_segment'] }, { name: 'off' }] }) })]);
    const cwd = fs.mkdtempSync(path.join(stateDir, 'stack-'));
    fs.mkdirSync(path.join(cwd, '.fme-converged'));
    fs.writeFileSync(path.join(cwd, '.fme-converged', `old-apply-${specDigest(good)}`), ''); // left by an earlier apply
    const r = await bootstrap(cwd, [[good, bad], [dependent]], '4242');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('bootstrap: 2 object(s) converged in one process, 1 left to their own resources');
    expect(`${r.stdout}${r.stderr}`).toMatch(/boot_bad: not converged by the bootstrap \(.*no_such_segment.*\); its own resource converges it next/);
    const markers = fs.readdirSync(path.join(cwd, '.fme-converged')).sort();
    expect(markers).toEqual([`4242-${specDigest(good)}`, `4242-${specDigest(dependent)}`].sort()); // old marker cleared
    expect(await flagStatus('boot_good')).toBe(200);
    expect(await flagStatus('boot_dependent')).toBe(200);
  });

  test('without an apply id the bootstrap still converges but leaves no marker (every object then converges itself)', async () => {
    const t = target(em.adminBaseUrl, 5);
    const cwd = fs.mkdtempSync(path.join(stateDir, 'stack-'));
    const r = await bootstrap(cwd, [[flagSpec(t, 'boot_no_id', [part('Production', { definition: plan(30) })])]]);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(cwd, '.fme-converged'))).toBe(false);
    expect(await flagStatus('boot_no_id')).toBe(200);
  });

  test('a missing bootstrap file fails with what to do', async () => {
    const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [BUNDLE, 'bootstrap'], { env: { PATH: process.env.PATH ?? '', FME_BOOTSTRAP_FILE: path.join(stateDir, 'none.json') } },
        (error, _stdout, stderr) => resolve({ code: error ? 1 : 0, stderr }));
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('re-run cdktf synth');
  });
});
