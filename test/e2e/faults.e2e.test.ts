/**
 * End to end under hostile conditions (docs/decisions.md#d7-well-behaved-client): with 30% of Admin API calls failing (5xx and
 * connection resets) and a tight rate limit, a deploy still converges and leaves exactly the
 * objects a clean deploy leaves; a permanent 400 fails the deploy with a message naming the flag,
 * environment, operation and FME's message.
 */
import { E2E_ADMIN_KEY, E2eWorkspace } from './e2e-workspace';
import { FmeAdmin } from './fme-admin';
import { buildPlatformApp } from '../../examples/platform-app/main';
import { DefaultRule, FeatureFlag, RolloutPlan } from '../../src';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { requireTerraform } from '../support/terraform';

jest.setTimeout(600_000);

const FLAGS = ['new_checkout', 'search_ranking', 'legacy_banner'];
const ENVIRONMENTS = ['Staging', 'Production'];

/** The parts of a definition a deploy decides (ids and timestamps differ between emulators). */
function comparable(definition: any): unknown {
  if (!definition) return undefined;
  const sortBy = (list: any[], key: string) => [...(list ?? [])].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
  return {
    killed: definition.killed,
    defaultTreatment: definition.defaultTreatment,
    baselineTreatment: definition.baselineTreatment,
    trafficAllocation: definition.trafficAllocation,
    treatments: sortBy(definition.treatments, 'name').map((t: any) => ({
      name: t.name, configurations: t.configurations ?? null, keys: [...(t.keys ?? [])].sort(), segments: [...(t.segments ?? [])].sort(),
    })),
    rules: definition.rules,
    defaultRule: sortBy(definition.defaultRule, 'treatment'),
  };
}

async function deployPlatform(emulator: RunningEmulator, name: string): Promise<{ ws: E2eWorkspace; result: Awaited<ReturnType<E2eWorkspace['tryApply']>> }> {
  const ws = new E2eWorkspace(emulator, name);
  process.env.FME_API_BASE_URL = emulator.adminBaseUrl;
  let stackDir: string;
  try {
    stackDir = ws.synthApp(buildPlatformApp(ws.outdir), 'platform');
  } finally {
    delete process.env.FME_API_BASE_URL;
  }
  return { ws, result: await ws.tryApply(stackDir) };
}

describe('deploys under faults and rate limits', () => {
  let clean: RunningEmulator;
  let faulty: RunningEmulator;
  const workspaces: E2eWorkspace[] = [];

  beforeAll(async () => {
    console.log(`end-to-end faults suite uses ${requireTerraform()}`);
    clean = await startEmulator({ adminApiKeys: [E2E_ADMIN_KEY] });
    faulty = await startEmulator({ adminApiKeys: [E2E_ADMIN_KEY] });
  });

  afterAll(async () => {
    workspaces.forEach((w) => w.cleanup());
    await clean?.stop();
    await faulty?.stop();
  });

  test('with 30% injected 5xx/resets and a tight rate limit, a deploy converges with every object correct', async () => {
    const reference = await deployPlatform(clean, 'clean');
    workspaces.push(reference.ws);
    expect(reference.result.code).toBe(0);

    faulty.setFaults({ seed: 42, errorRate: 0.15, resetRate: 0.15 });
    faulty.setRateLimit({ requestsPerSecond: 4, burst: 4 });
    const hostile = await deployPlatform(faulty, 'faulty');
    workspaces.push(hostile.ws);
    const counters = faulty.counters();
    faulty.setFaults(undefined);
    faulty.setRateLimit(undefined);
    console.log(`faulty deploy: ${counters.total} calls, ${counters.faults} injected faults, ${counters.rateLimited} answered 429`);
    expect(hostile.result.code).toBe(0);
    expect(counters.faults).toBeGreaterThan(0); // the faults really happened
    expect(counters.rateLimited).toBeGreaterThan(0); // and so did the rate limit

    const expected = new FmeAdmin(clean);
    const actual = new FmeAdmin(faulty);
    for (const flag of FLAGS) {
      expect((await actual.flag(flag))?.name).toBe(flag);
      for (const env of ENVIRONMENTS) {
        expect(comparable(await actual.definition(flag, env))).toEqual(comparable(await expected.definition(flag, env)));
      }
    }
  });

  test('a permanent 400 fails the deploy with a message naming flag, environment, operation and FME\'s message', async () => {
    const ws = new E2eWorkspace(clean, 'bad-request');
    workspaces.push(ws);
    // The segment is not declared in the app (it could be managed elsewhere), so only FME can reject it.
    const stackDir = ws.synth((stack) => {
      const flag = new FeatureFlag(stack, 'Broken', { flagName: 'broken_flag' });
      new RolloutPlan(flag, 'Production', {
        flag,
        environment: 'Production',
        defaultTreatment: 'off',
        individualTargets: [{ treatment: 'on', segments: ['no_such_segment'] }],
        defaultRule: DefaultRule.serve('off'),
      });
    });
    const result = await ws.tryApply(stackDir);
    expect(result.code).not.toBe(0);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).toContain('broken_flag');
    expect(output).toContain('Production');
    expect(output).toMatch(/HTTP 400/);
    expect(output).toMatch(/no_such_segment/);
    expect(output).not.toContain(E2E_ADMIN_KEY);
  });
});
