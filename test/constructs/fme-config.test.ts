import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Testing, TerraformStack } from 'cdktf';
import { BACKINGS, decodedSpec, newStack, resources, specOf, synth, synthErrors } from './support';
import {
  Allocation, BackingResource, DefaultRule, ExistingObjectPolicy, FeatureFlag, FmeConfig, RemovalPolicy, RolloutPlan,
} from '../../src';
import { addHandlerAsset, HANDLER_BUNDLE_PATH } from '../../src/constructs/internal/handler-asset';
import { canonicalJson } from '../../src/spec/encode';

describe('FmeConfig', () => {
  test.each(BACKINGS)('snapshot with a flag and a plan (%s)', (_, backing) => {
    const { stack } = newStack({ backing });
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'checkout' });
    new RolloutPlan(stack, 'Plan', { flag, environment: 'Production' });
    expect(Testing.synth(stack, true)).toMatchSnapshot();
  });

  test('flag and segment resources converge on create, delete on destroy, and are created before destroyed', () => {
    const { stack } = newStack();
    new FeatureFlag(stack, 'Flag', { flagName: 'checkout' });
    const flag = Object.entries(resources(stack)).find(([id]) => id.startsWith('Fme_Flag-checkout'))![1];
    expect(flag.lifecycle).toEqual({ create_before_destroy: true });
    expect(flag.provisioner).toEqual([
      {
        'local-exec': {
        // Consumes the bootstrap's marker for exactly this spec if there is one; converges otherwise
        // (naming the apply, so the handler clears markers that other applies left behind).
          command: 'rm .fme-converged/"$PPID-$FME_SPEC_SHA256" 2>/dev/null || FME_APPLY_ID=$PPID node assets/Fme_Handler_BACD82C6/v0.0.0/index.js converge',
          environment: { FME_SPEC: expect.stringContaining('"flagName":"checkout"'), FME_SPEC_SHA256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        },
      },
      { 'local-exec': { command: 'node assets/Fme_Handler_BACD82C6/v0.0.0/index.js delete', environment: { FME_SPEC: '${self.triggers_replace.identity}' }, when: 'destroy' } },
    ]);
  });

  test('state keeps a small record: the destroy identity, the spec digest and readable summaries, never the full spec', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'checkout', description: 'the summary shows the start of a long description, but its end stays out of state' });
    new RolloutPlan(flag, 'Production', { flag, environment: 'Production', defaultRule: DefaultRule.distribute([Allocation.of('on', 25), Allocation.of('off', 75)]) });
    const resource = Object.entries(resources(stack)).find(([id]) => id.startsWith('Fme_Flag-checkout'))![1];
    const record = resource.triggers_replace;
    expect(Object.keys(record).sort()).toEqual(['flag', 'identity', 'plan Production', 'sha256']);
    expect(record['plan Production']).toBe('treatments on/off · 0 rules · default on 25% / off 75% · default treatment off');
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
    const identity = JSON.parse(record.identity);
    expect(identity.environments).toEqual([{ environment: 'Production', removalPolicy: 'destroy', writeMode: 'direct', ownsDefinition: true }]);
    expect(identity.metadata).toEqual({ trafficType: 'user' });
    expect(record.flag).toBe('traffic type user · description "the summary shows the start of a long description, but its …"');
    expect(JSON.stringify(record)).not.toContain('stays out of state');
    const full = decodedSpec(resource);
    expect(full.metadata.description).toBe('the summary shows the start of a long description, but its end stays out of state');
    expect(createHash('sha256').update(canonicalJson(full)).digest('hex')).toBe(record.sha256);
  });

  test('the inventory reconciles on destroy with the previous inventory (self) and the current one (a file written at synth), without create_before_destroy', () => {
    const { stack } = newStack();
    new FeatureFlag(stack, 'Flag', { flagName: 'checkout' });
    const [, inventory] = Object.entries(resources(stack)).find(([id]) => id.startsWith('Fme_Inventory'))!;
    expect(inventory.lifecycle).toBeUndefined();
    expect(inventory.provisioner).toHaveLength(1);
    const exec = inventory.provisioner[0]['local-exec'];
    expect(exec.when).toBe('destroy');
    expect(exec.command).toMatch(/^node assets\/.*\/index\.js reconcile$/);
    expect(exec.environment.FME_PREVIOUS).toBe('${self.triggers_replace.spec}');
    expect(exec.environment.FME_NEXT_FILE).toBe('fme-inventory.json');
    expect(exec.environment.FME_NEXT).toBeUndefined();
  });

  test('null_resource uses triggers and self.triggers, and adds the null provider once', () => {
    const { stack } = newStack({ backing: BackingResource.NULL_RESOURCE });
    new FeatureFlag(stack, 'A', { flagName: 'a' });
    new FeatureFlag(stack, 'B', { flagName: 'b' });
    const json = synth(stack);
    expect(json.terraform.required_providers.null.source).toBe('null');
    // Once as the default configuration, once under the alias the object resources use (docs/ownership.md).
    expect(json.provider.null).toEqual([{}, { alias: 'fme_config' }]);
    expect(json.resource.terraform_data).toBeUndefined();
    const ids = Object.keys(json.resource.null_resource);
    expect(ids).toHaveLength(4); // bootstrap, two flags, inventory
    const flag = json.resource.null_resource[ids.find((id) => id.startsWith('Fme_Flag-a'))!];
    expect(flag.triggers.identity).toContain('"flagName":"a"');
    expect(flag.provisioner[1]['local-exec'].environment.FME_SPEC).toBe('${self.triggers.identity}');
  });

  test('settings reach the spec target and policies', () => {
    const { stack } = newStack({
      workspaceId: 'ws-1',
      apiKeyEnvVar: 'MY_KEY',
      maxRetryDurationSeconds: 60,
      removalPolicy: RemovalPolicy.RETAIN,
      existingObjects: ExistingObjectPolicy.FAIL,
      approvalEnvironments: ['Production'],
    });
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'checkout' });
    new RolloutPlan(stack, 'Prod', { flag, environment: 'Production' });
    new RolloutPlan(stack, 'Stg', { flag, environment: 'Staging' });
    const spec = specOf(stack, 'Fme_Flag-checkout');
    expect(spec.target).toEqual({ apiBaseUrl: 'http://127.0.0.1:9/internal/api/v2', workspaceId: 'ws-1', apiKeyEnvVar: 'MY_KEY', maxRetrySeconds: 60 });
    expect(spec.removalPolicy).toBe('retain');
    expect(spec.existing).toBe('fail');
    expect(spec.environments.map((e: any) => [e.environment, e.writeMode, e.removalPolicy])).toEqual([
      ['Production', 'changeRequest', 'retain'], ['Staging', 'direct', 'retain'],
    ]);
  });

  test('defaults: workspace Default, FME_API_KEY, 300 s, api base URL from FME_API_BASE_URL else api.split.io', () => {
    const saved = process.env.FME_API_BASE_URL;
    try {
      delete process.env.FME_API_BASE_URL;
      const stack = new TerraformStack(Testing.app(), 'a');
      new FmeConfig(stack, 'Fme');
      new FeatureFlag(stack, 'Flag', { flagName: 'x' });
      expect(specOf(stack, 'Fme_Flag-x').target).toEqual({
        apiBaseUrl: 'https://api.split.io/internal/api/v2', workspaceName: 'Default', apiKeyEnvVar: 'FME_API_KEY', maxRetrySeconds: 300,
      });
      process.env.FME_API_BASE_URL = 'http://127.0.0.1:1234/internal/api/v2';
      const stack2 = new TerraformStack(Testing.app(), 'b');
      new FmeConfig(stack2, 'Fme');
      new FeatureFlag(stack2, 'Flag', { flagName: 'x' });
      expect(specOf(stack2, 'Fme_Flag-x').target.apiBaseUrl).toBe('http://127.0.0.1:1234/internal/api/v2');
    } finally {
      if (saved === undefined) delete process.env.FME_API_BASE_URL; else process.env.FME_API_BASE_URL = saved;
    }
  });

  test('the API key never appears in the synthesized configuration', () => {
    const saved = process.env.FME_API_KEY;
    process.env.FME_API_KEY = 'secret-admin-key-123';
    try {
      const { stack } = newStack();
      new FeatureFlag(stack, 'Flag', { flagName: 'x' });
      expect(Testing.synth(stack, true)).not.toContain('secret-admin-key-123');
    } finally {
      if (saved === undefined) delete process.env.FME_API_KEY; else process.env.FME_API_KEY = saved;
    }
  });

  test('constructs declared before the FmeConfig are included', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new FeatureFlag(stack, 'Early', { flagName: 'early' });
    new FmeConfig(stack, 'Fme', { apiBaseUrl: 'http://127.0.0.1:9' });
    new FeatureFlag(stack, 'Late', { flagName: 'late' });
    expect(Object.keys(resources(stack)).map((id) => id.replace(/_[0-9A-F]{8}$/, '')).sort())
      .toEqual(['Fme_Bootstrap', 'Fme_Flag-early', 'Fme_Flag-late', 'Fme_Inventory']);
  });

  test('an unchanged app synthesizes byte-identical output', () => {
    const build = () => {
      const { stack } = newStack();
      const flag = new FeatureFlag(stack, 'Flag', { flagName: 'x', tags: ['b', 'a'] });
      new RolloutPlan(stack, 'Plan', { flag, environment: 'Production', individualTargets: [{ treatment: 'on', keys: ['k2', 'k1'] }] });
      return Testing.synth(stack, true);
    };
    expect(build()).toBe(build());
  });

  test('FmeConfig.of finds the one in the stack', () => {
    const { stack, config } = newStack();
    expect(FmeConfig.of(stack)).toBe(config);
  });

  test('FmeConfig.of fails when the stack has none', () => {
    const stack = new TerraformStack(Testing.app(), 'bare');
    expect(() => FmeConfig.of(stack)).toThrow("no FmeConfig in stack bare; add one, e.g. new FmeConfig(stack, 'Fme')");
  });

  test('FmeConfig.of fails when the stack has several, and synthesis fails too', () => {
    const { stack } = newStack();
    new FmeConfig(stack, 'Fme2');
    expect(() => FmeConfig.of(stack)).toThrow(/has 2 FmeConfig constructs \(test\/Fme, test\/Fme2\); keep exactly one/);
    expect(synthErrors(stack)).toMatch(/\[test\/Fme2\] stack test has several FmeConfig constructs/);
  });

  test('fails synthesis of a rollout construct when the stack has no FmeConfig', () => {
    const stack = new TerraformStack(Testing.app(), 'bare');
    new FeatureFlag(stack, 'Flag', { flagName: 'x' });
    expect(synthErrors(stack)).toMatch(/\[bare\/Flag\] fme config: no FmeConfig in this stack/);
  });

  test.each<[string, object, RegExp]>([
    ['both workspace id and name', { workspaceId: 'w', workspaceName: 'n' }, /workspace: set workspaceId or workspaceName, not both/],
    ['an API key instead of a variable name', { apiKeyEnvVar: 'sk-123 456' }, /api key: "sk-123 456" is not an environment variable name/],
    ['a non-positive retry bound', { maxRetryDurationSeconds: 0 }, /retries: maxRetryDurationSeconds must be a positive number/],
    ['a base URL that is not http(s)', { apiBaseUrl: 'ftp://x' }, /api base url: "ftp:\/\/x" is not an http\(s\) URL/],
  ])('fails for %s', (_, props, message) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    expect(() => new FmeConfig(stack, 'Fme', props)).toThrow(message);
  });

  test('fails with an actionable message when the handler bundle is missing', () => {
    expect(fs.existsSync(HANDLER_BUNDLE_PATH)).toBe(true);
    const { stack } = newStack();
    const missing = path.join(path.dirname(HANDLER_BUNDLE_PATH), 'no-such-bundle.js');
    expect(() => addHandlerAsset(stack, 'Handler2', missing))
      .toThrow(/the FME handler bundle .*no-such-bundle\.js is missing; run `npx projen bundle:handler`/);
  });

  test('fails when a spec exceeds 100 KiB', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'big' });
    const keys = Array.from({ length: 6000 }, (_, i) => `user-key-number-${i}`);
    new RolloutPlan(stack, 'Plan', { flag, environment: 'Production', individualTargets: [{ treatment: 'on', keys }] });
    expect(synthErrors(stack)).toMatch(/\[test\/Fme\] spec size: flag "big" is \d+ KiB, over the 100 KiB limit .*; move long individual-target key lists into segments/);
  });
});
