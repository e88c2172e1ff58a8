import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { DefaultRule, FeatureFlag, FmeConfig, FmeTesting, LargeSegment, Matcher, RolloutPlan, TargetingRule } from '../../src';

/**
 * The testing kit evaluates `IN_LARGE_SEGMENT` as a client-side SDK does (the key's large segment
 * memberships), with the keys the stack's `LargeSegment` files hold in each environment.
 */
test('IN_LARGE_SEGMENT matches the keys of the large segment in that environment only', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-kit-large-'));
  try {
    fs.writeFileSync(path.join(dir, 'prod.csv'), 'alice\ncarol\n');
    fs.writeFileSync(path.join(dir, 'staging.csv'), 'bob\n');
    const stack = new TerraformStack(Testing.app(), 'flags');
    new FmeConfig(stack, 'Fme', { workspaceName: 'Default' });
    const vip = new LargeSegment(stack, 'Vip', {
      largeSegmentName: 'vip',
      environmentKeys: [{ environment: 'Production', keysFile: path.join(dir, 'prod.csv') }, { environment: 'Staging', keysFile: path.join(dir, 'staging.csv') }],
    });
    const promo = new FeatureFlag(stack, 'Promo', { flagName: 'promo' });
    for (const environment of ['Production', 'Staging']) {
      new RolloutPlan(promo, environment, {
        flag: promo, environment, defaultRule: DefaultRule.serve('off'), rules: [TargetingRule.serve('on', [Matcher.inLargeSegment(vip.largeSegmentName)])],
      });
    }
    const fme = FmeTesting.synth(stack);
    expect(fme.evaluate('promo', 'Production', 'alice')).toMatchObject({ treatment: 'on', label: 'in large segment vip' });
    expect(['alice', 'bob', 'carol'].map((k) => fme.treatment('promo', 'Production', k))).toEqual(['on', 'off', 'on']);
    expect(['alice', 'bob'].map((k) => fme.treatment('promo', 'Staging', k))).toEqual(['off', 'on']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
