/**
 * End to end: cdktf synth + the real `terraform apply`/`destroy` against the strict FME emulator,
 * with the real Split SDK showing rule-based segment membership (docs/fme-api.md#rule-based-segments):
 * a key that matches the segment's rules gets the rule's treatment, an excluded key (or a key of an
 * excluded segment) does not. The exact set of FME objects is checked after every step.
 */
import axios from 'axios';
import { TerraformStack } from 'cdktf';
import { E2E_ADMIN_KEY, E2eWorkspace } from './e2e-workspace';
import { fmeObjects } from './fme-admin';
import {
  DefaultRule, ExcludedSegment, FeatureFlag, Matcher, RolloutPlan, RuleBasedSegment, RuleBasedSegmentRule, Segment, TargetingRule,
} from '../../src';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { startSdk } from '../support/split-sdk';
import { requireTerraform } from '../support/terraform';

jest.setTimeout(300_000);

function build(minimumAge: number) {
  return (stack: TerraformStack) => {
    const blocked = new Segment(stack, 'Blocked', { segmentName: 'blocked', environmentKeys: [{ environment: 'Staging', keys: ['bob'] }] });
    const adults = new RuleBasedSegment(stack, 'Adults', {
      segmentName: 'adults',
      environments: [{
        environment: 'Staging',
        rules: [RuleBasedSegmentRule.matching([Matcher.numberAtLeast('age', minimumAge)])],
        excludedKeys: ['amy'],
        excludedSegments: [ExcludedSegment.standard(blocked)],
      }],
    });
    const flag = new FeatureFlag(stack, 'Feature', { flagName: 'adult_feature' });
    new RolloutPlan(flag, 'Staging', {
      flag, environment: 'Staging', rules: [TargetingRule.serve('on', [Matcher.inRuleBasedSegment(adults)])], defaultRule: DefaultRule.serve('off'),
    });
  };
}

describe('rule-based segments against the FME emulator, seen by the Split SDK', () => {
  let emulator: RunningEmulator;
  let ws: E2eWorkspace;
  let stackDir: string;

  beforeAll(async () => {
    console.log(`end-to-end rule-based segments suite uses ${requireTerraform()}`);
    emulator = await startEmulator({
      adminApiKeys: [E2E_ADMIN_KEY],
      seed: { workspaces: [{ name: 'Default', environments: [{ name: 'Staging' }], trafficTypes: ['user'] }] },
    });
    ws = new E2eWorkspace(emulator, 'rule-based-segments');
  });

  afterAll(async () => {
    ws?.cleanup();
    await emulator?.stop();
  });

  /** Every FME object: flags, definitions, segments (with their environments) and rule-based segments (with theirs). */
  const objects = async (): Promise<string[]> => {
    const get = async (path: string) => (await axios.get(`${emulator.adminBaseUrl}${path}`, { headers: { 'x-api-key': E2E_ADMIN_KEY } })).data;
    const wsId = (await get('/workspaces?name=Default')).objects[0].id;
    const names = [...(await fmeObjects(emulator)).keys()];
    for (const s of await get(`/rule-based-segments/ws/${wsId}`)) names.push(`rule-based segment ${s.name}`);
    for (const s of (await get(`/rule-based-segments/ws/${wsId}/environments/Staging`)).objects) names.push(`rule-based segment ${s.name}/Staging`);
    return names.sort();
  };
  const treatments = async (people: Array<[string, number]>) => {
    const sdk = await startSdk(emulator.sdkBaseUrl, 'sdk-Staging');
    try {
      return Object.fromEntries(people.map(([key, age]) => [key, sdk.client.getTreatment(key, 'adult_feature', { age })]));
    } finally {
      await sdk.destroy();
    }
  };
  const ALL = [
    'definition adult_feature/Staging', 'flag adult_feature', 'rule-based segment adults', 'rule-based segment adults/Staging', 'segment blocked', 'segment blocked/Staging',
  ];

  test('deploy: keys matching the rules get "on"; an excluded key and a key of the excluded segment do not', async () => {
    stackDir = ws.synth(build(18));
    await ws.deploy(stackDir);
    expect(await objects()).toEqual(ALL);
    expect(await treatments([['ann', 30], ['kid', 10], ['amy', 30], ['bob', 30]])).toEqual({ ann: 'on', kid: 'off', amy: 'off', bob: 'off' });
  });

  test('changed rules reach the SDK; no object is created or removed', async () => {
    stackDir = ws.synth(build(21));
    await ws.deploy(stackDir);
    expect(await objects()).toEqual(ALL);
    expect(await treatments([['ann', 30], ['young', 20]])).toEqual({ ann: 'on', young: 'off' });
  });

  test('destroy removes every object', async () => {
    await ws.destroy(stackDir);
    expect(await objects()).toEqual([]);
  });
});
