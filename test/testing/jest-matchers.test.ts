import '../../src/testing/jest';
import { TerraformStack, Testing } from 'cdktf';
import { Allocation, DefaultRule, FeatureFlag, FmeConfig, FmeTesting, Matcher, RolloutPlan, TargetingRule } from '../../src';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'flags');
  new FmeConfig(s, 'Fme');
  const checkout = new FeatureFlag(s, 'NewCheckout', { flagName: 'new_checkout' });
  new RolloutPlan(checkout, 'Production', {
    flag: checkout,
    environment: 'Production',
    individualTargets: [{ treatment: 'on', keys: ['qa_alice'] }],
    rules: [TargetingRule.serve('on', [Matcher.stringInList('country', ['US', 'CA'])])],
    defaultRule: DefaultRule.distribute([Allocation.of('on', 10), Allocation.of('off', 90)]),
  });
  return s;
}

/** The message of the assertion error `assertion` throws. */
function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the assertion passed');
}

describe('toServe', () => {
  const s = stack();

  test('passes when the SDK evaluator serves the treatment (stack or FmeTesting)', () => {
    expect(s).toServe('on', { flag: 'new_checkout', environment: 'Production', key: 'qa_alice' });
    expect(s).toServe('on', { flag: 'new_checkout', environment: 'Production', key: 'bob', attributes: { country: 'US' } });
    expect(FmeTesting.synth(stack())).toServe('on', { flag: 'new_checkout', environment: 'Production', key: 'qa_alice' });
    expect(s).not.toServe('off', { flag: 'new_checkout', environment: 'Production', key: 'qa_alice' });
  });

  test('a wrong expectation fails with a readable message', () => {
    const message = failureOf(() => expect(s).toServe('off', { flag: 'new_checkout', environment: 'Production', key: 'bob', attributes: { country: 'CA' } }));
    expect(message).toBe([
      'expect(stack).toServe("off", …)',
      '',
      'flag "new_checkout" in environment "Production", key "bob" with attributes {"country":"CA"}',
      'expected treatment: "off"',
      'served treatment:   "on" (decided by: country in list [US, CA])',
    ].join('\n'));
    expect(failureOf(() => expect(s).not.toServe('on', { flag: 'new_checkout', environment: 'Production', key: 'qa_alice' })))
      .toContain('expected another treatment than "on", but it serves "on" (decided by: whitelisted)');
  });

  test('an answer that only the hash bucket decides fails unless allowed', () => {
    const fme = FmeTesting.synth(s);
    const bucketed = fme.evaluate('new_checkout', 'Production', 'carol', { country: 'FR' });
    expect(bucketed.bucketed).toBe(true);
    const expectation = { flag: 'new_checkout', environment: 'Production', key: 'carol', attributes: { country: 'FR' } };
    expect(failureOf(() => expect(fme).toServe(bucketed.treatment, expectation)))
      .toContain(`serves "${bucketed.treatment}" (decided by: default rule, the key's hash bucket), but only because of where the key's hash falls`);
    expect(fme).toServe(bucketed.treatment, { ...expectation, allowBucketed: true });
  });

  test('an unknown flag fails naming the flags the stack has', () => {
    expect(failureOf(() => expect(s).toServe('on', { flag: 'new_chekout', environment: 'Production', key: 'k' })))
      .toContain('the stack synthesizes no flag "new_chekout"; its flags: new_checkout');
  });
});

describe('snapshots', () => {
  const ambient = process.env.FME_API_BASE_URL;
  afterEach(() => {
    if (ambient === undefined) delete process.env.FME_API_BASE_URL; else process.env.FME_API_BASE_URL = ambient;
  });

  test('do not depend on $FME_API_BASE_URL or the library version, and print each spec as nested JSON', () => {
    delete process.env.FME_API_BASE_URL;
    const plain = FmeTesting.synth(stack());
    process.env.FME_API_BASE_URL = 'http://127.0.0.1:4010/internal/api/v2';
    const withEmulator = FmeTesting.synth(stack());
    expect(withEmulator.terraformJson).toContain('http://127.0.0.1:4010/internal/api/v2');
    expect(withEmulator.terraformJson).not.toEqual(plain.terraformJson);
    expect(withEmulator.snapshot()).toEqual(plain.snapshot());

    const text = plain.snapshot();
    expect(plain.terraformJson).toMatch(/assets\/Fme_Handler_[0-9A-F]+\/v\d+\.\d+\.\d+[^/]*\/index\.js/);
    expect(text).not.toMatch(/assets\/|v0\.0\.0|https:\/\/api\.split\.io|[0-9a-f]{64}/);
    expect(text).toContain('"command": "node <handler> delete"');
    // A rule is on lines of its own, so a changed rule shows as a changed line in a diff.
    expect(text).toMatch(/\n\s+"attribute": "country",\n\s+"strings": \[\n\s+"US",\n\s+"CA"\n\s+\],\n/);
  });

  test('expect(stack).toMatchSnapshot() prints the stable snapshot', () => {
    delete process.env.FME_API_BASE_URL;
    expect(stack()).toMatchSnapshot();
  });

  test('a URL the code sets is kept', () => {
    const s = new TerraformStack(Testing.app(), 'flags');
    new FmeConfig(s, 'Fme', { apiBaseUrl: 'https://fme.example.test/internal/api/v2' });
    new FeatureFlag(s, 'F', { flagName: 'f' });
    expect(FmeTesting.synth(s).snapshot()).toContain('"apiBaseUrl": "https://fme.example.test/internal/api/v2"');
  });
});
