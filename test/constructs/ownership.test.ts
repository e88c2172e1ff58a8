import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { newStack, specOf, synth, synthErrors } from './support';
import { BackingResource, FeatureFlag, FmeConfig, RolloutPlan, Segment } from '../../src';
import { MAX_SHARDS } from '../../src/constructs/internal/inventory-shards';

const URL = 'http://127.0.0.1:9/internal/api/v2';

describe('the stack id', () => {
  test('defaults to the stack name and reaches every spec', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'F', { flagName: 'f' });
    new RolloutPlan(flag, 'P', { flag, environment: 'Production' });
    new Segment(stack, 'S', { segmentName: 's' });
    expect(specOf(stack, 'Fme_Flag-f').stack).toBe('test');
    expect(specOf(stack, 'Fme_Segment-s').stack).toBe('test');
    expect(specOf(stack, 'Fme_Inventory').stack).toBe('test');
  });

  test('an explicit stackId survives renaming the stack', () => {
    const { stack, config } = newStack({ stackId: 'platform' });
    new FeatureFlag(stack, 'F', { flagName: 'f' });
    expect(config.stackId).toBe('platform');
    expect(specOf(stack, 'Fme_Flag-f').stack).toBe('platform');
  });

  test('a stack name that cannot be a tag asks for stackId', () => {
    const stack = new TerraformStack(Testing.app(), 'my.stack');
    expect(() => new FmeConfig(stack, 'Fme', { apiBaseUrl: URL }))
      .toThrow(/\[my\.stack\/Fme\] stack id: the stack name "my\.stack" cannot identify the owner of FME objects.*set FmeConfig's stackId/);
    expect(() => new FmeConfig(stack, 'Fme2', { apiBaseUrl: URL, stackId: 'my-stack' })).not.toThrow();
  });

  test('transferFrom must name other stacks by valid ids', () => {
    expect(() => newStack({ transferFrom: ['a:b'] })).toThrow(/stack id: stackId "a:b" cannot identify/);
    expect(() => newStack({ transferFrom: ['test'] })).toThrow(/transferFrom names this stack itself \("test"\)/);
  });
});

describe('explicit transfers', () => {
  test('the stack-wide list and each construct\'s own reach the object\'s spec, sorted', () => {
    const { stack } = newStack({ transferFrom: ['old-stack'] });
    const flag = new FeatureFlag(stack, 'F', { flagName: 'f', transferFrom: 'team-a' });
    new RolloutPlan(flag, 'P', { flag, environment: 'Production', transferFrom: 'team-b' });
    new Segment(stack, 'S', { segmentName: 's', transferFrom: 'seg-owner' });
    new FeatureFlag(stack, 'G', { flagName: 'g' });
    expect(specOf(stack, 'Fme_Flag-f').transferFrom).toEqual(['old-stack', 'team-a', 'team-b']);
    expect(specOf(stack, 'Fme_Flag-g').transferFrom).toEqual(['old-stack']);
    expect(specOf(stack, 'Fme_Segment-s').transferFrom).toEqual(['old-stack', 'seg-owner']);
  });

  test('no transfer: no transferFrom field in the spec', () => {
    const { stack } = newStack();
    new FeatureFlag(stack, 'F', { flagName: 'f' });
    expect(specOf(stack, 'Fme_Flag-f')).not.toHaveProperty('transferFrom');
  });

  test('a construct\'s transferFrom must be a valid stack id', () => {
    const { stack } = newStack();
    expect(() => new FeatureFlag(stack, 'F', { flagName: 'f', transferFrom: 'a b' })).toThrow(/\[test\/F\] stack id: stackId "a b"/);
  });
});

describe('stacks of one app', () => {
  function twoStacks(build: (a: TerraformStack, b: TerraformStack) => void, bConfig = {}): { app: App; a: TerraformStack; b: TerraformStack } {
    const app = Testing.app();
    const a = new TerraformStack(app, 'a');
    const b = new TerraformStack(app, 'b');
    new FmeConfig(a, 'Fme', { apiBaseUrl: URL });
    new FmeConfig(b, 'Fme', { apiBaseUrl: URL, ...bConfig });
    build(a, b);
    return { app, a, b };
  }

  test('one flag, segment or definition declared by two stacks in one workspace fails synth, naming both', () => {
    const { a, b } = twoStacks((x, y) => {
      new FeatureFlag(x, 'Shared', { flagName: 'shared' });
      new FeatureFlag(y, 'Shared', { flagName: 'shared' });
      new Segment(x, 'Seg', { segmentName: 'beta' });
      new Segment(y, 'Seg', { segmentName: 'beta' });
      new RolloutPlan(x, 'Ext', { flagName: 'external', environment: 'Production' });
      new RolloutPlan(y, 'Ext', { flagName: 'external', environment: 'Production' });
    });
    const errors = synthErrors(a);
    expect(errors).toContain('[a/Shared] one owner: flag "shared" is also declared by stack "b" (b/Shared) in the same FME workspace; one stack owns each object, so keep the FeatureFlag in one of them and refer to it by flagName from the other');
    expect(errors).toContain('[a/Seg] one owner: segment "beta" is also declared by stack "b" (b/Seg)');
    expect(errors).toContain('[a/Ext] one owner: the definition of flag "external" in environment "Production" is also declared by stack "b" (b/Ext)');
    expect(synthErrors(b)).toContain('[b/Shared] one owner: flag "shared" is also declared by stack "a" (a/Shared)');
  });

  test('two stacks of one app cannot share a stack id', () => {
    const { a } = twoStacks(() => undefined, { stackId: 'a' });
    expect(synthErrors(a)).toContain('[a/Fme] stack id: stack b has the same stack id "a"; each stack needs its own');
  });

  test('the same names in different workspaces are different objects', () => {
    const { a } = twoStacks((x, y) => {
      new FeatureFlag(x, 'Shared', { flagName: 'shared' });
      new FeatureFlag(y, 'Shared', { flagName: 'shared' });
    }, { workspaceName: 'Other' });
    expect(synthErrors(a)).toBe('');
  });

  test('a plan on another stack\'s flag is no conflict, and each stack\'s inventory file lists what the others declare', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-ownership-'));
    try {
      const app = new App({ outdir });
      const a = new TerraformStack(app, 'a');
      const b = new TerraformStack(app, 'b');
      new FmeConfig(a, 'Fme', { apiBaseUrl: URL });
      new FmeConfig(b, 'Fme', { apiBaseUrl: URL });
      const flag = new FeatureFlag(a, 'Platform', { flagName: 'platform_flag' });
      new RolloutPlan(b, 'TeamPlan', { flag, environment: 'Staging' });
      new Segment(b, 'Seg', { segmentName: 'team_seg' });
      app.synth();
      const inventoryOf = (stack: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'fme-inventory.json'), 'utf8'));
      expect(inventoryOf('a').elsewhere).toEqual([
        { flag: 'platform_flag', env: 'Staging', stack: 'b', t: 'definition' },
        { segment: 'team_seg', stack: 'b', t: 'segment' },
      ]);
      expect(inventoryOf('b').elsewhere).toEqual([{ flag: 'platform_flag', stack: 'a', t: 'flag' }]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('what Terraform needs to keep removals safe', () => {
  test.each([
    ['terraform_data', BackingResource.TERRAFORM_DATA, 'terraform.fme_config'],
    ['null_resource', BackingResource.NULL_RESOURCE, 'null.fme_config'],
  ])('flag and segment resources (%s) use the aliased configuration only FmeConfig declares; the rest the default', (_name, backing, provider) => {
    const { stack } = newStack({ backing });
    new FeatureFlag(stack, 'F', { flagName: 'f' });
    new Segment(stack, 'S', { segmentName: 's' });
    const json = synth(stack);
    const all: Record<string, any> = { ...json.resource.terraform_data, ...json.resource.null_resource };
    const providerOf = Object.fromEntries(Object.entries(all).map(([id, r]) => [id.replace(/_[0-9A-F]{8}$/, ''), r.provider]));
    expect(providerOf).toEqual({ 'Fme_Bootstrap': undefined, 'Fme_Flag-f': provider, 'Fme_Segment-s': provider, 'Fme_Inventory': undefined });
    expect(JSON.stringify(json.provider)).toContain('"alias":"fme_config"');
  });

  test('every inventory shard id the stack does not use has a removed block that reconciles it', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-shards-'));
    try {
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'test');
      new FmeConfig(stack, 'Fme', { apiBaseUrl: URL });
      new FeatureFlag(stack, 'F', { flagName: 'f' });
      app.synth();
      const stackDir = path.join(outdir, 'stacks', 'test');
      const removed = JSON.parse(fs.readFileSync(path.join(stackDir, 'fme-removed-shards.tf.json'), 'utf8')).removed;
      const main = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
      expect(removed).toHaveLength(MAX_SHARDS - 1);
      // The same naming scheme as the shards that exist: Inventory is shard 0, Inventory-<n> the others.
      const shard0 = Object.keys(main.resource.terraform_data).find((id) => id.startsWith('Fme_Inventory_'))!;
      expect(removed[0].from).toMatch(/^terraform_data\.Fme_Inventory-1_[0-9A-F]{8}$/);
      expect(removed.map((r: any) => r.from)).not.toContain(`terraform_data.${shard0}`);
      expect(removed[0].lifecycle).toEqual({ destroy: true });
      const step = removed[0].provisioner[0]['local-exec'];
      expect(step.when).toBe('destroy');
      expect(step.command).toMatch(/^node assets\/[^ ]+\/index\.js reconcile$/);
      expect(step.environment).toEqual({ FME_PREVIOUS: '${self.triggers_replace.spec}', FME_NEXT_FILE: 'fme-inventory.json' });
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
