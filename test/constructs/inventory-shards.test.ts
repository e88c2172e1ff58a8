import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { FeatureFlag, FmeConfig, RolloutPlan } from '../../src';
import { INVENTORY_FILE, shardId, shardInventory } from '../../src/constructs/internal/inventory-shards';
import { canonicalJson } from '../../src/spec/encode';
import { InventoryEntry, InventorySpec } from '../../src/spec/resource-spec';

const target = { apiBaseUrl: 'https://api.example/internal/api/v2', workspaceName: 'Default', apiKeyEnvVar: 'FME_API_KEY', maxRetrySeconds: 300 };

function inventoryOf(flags: number): InventorySpec {
  const objects: InventoryEntry[] = [];
  for (let i = 0; i < flags; i++) {
    objects.push({ t: 'flag', flag: `flag_${i}`, policy: 'destroy' });
    objects.push({ t: 'definition', flag: `flag_${i}`, env: 'Production', policy: 'destroy' });
  }
  return { v: 1, kind: 'inventory', target, objects };
}

describe('inventory shards', () => {
  test('a small inventory stays one shard, identical to the whole', () => {
    const inventory = inventoryOf(10);
    expect(shardInventory(inventory)).toEqual([inventory]);
    expect(shardId(0)).toBe('Inventory');
  });

  test('a large inventory splits into a power of two of shards, each under the size cap, losing nothing', () => {
    const inventory = inventoryOf(3000);
    const shards = shardInventory(inventory, 32 * 1024);
    expect(shards.length).toBeGreaterThan(1);
    expect(Math.log2(shards.length) % 1).toBe(0);
    for (const s of shards) expect(Buffer.byteLength(canonicalJson(s))).toBeLessThanOrEqual(32 * 1024);
    expect(shards.flatMap((s) => s.objects)).toHaveLength(inventory.objects.length);
    expect(new Set(shards.flatMap((s) => s.objects.map((o) => JSON.stringify(o)))).size).toBe(inventory.objects.length);
  });

  test('all entries of one flag land in the same shard, and adding a flag changes one shard only', () => {
    const before = shardInventory(inventoryOf(3000), 32 * 1024);
    for (const s of before) {
      const flags = new Set(s.objects.filter((o) => o.t === 'flag').map((o) => (o as { flag: string }).flag));
      for (const o of s.objects) expect(flags.has((o as { flag: string }).flag)).toBe(true);
    }
    const grown = inventoryOf(3000);
    const after = shardInventory({ ...grown, objects: [...grown.objects, { t: 'flag', flag: 'one_more', policy: 'destroy' }] }, 32 * 1024);
    expect(after).toHaveLength(before.length);
    const changed = after.filter((s, i) => canonicalJson(s) !== canonicalJson(before[i]));
    expect(changed).toHaveLength(1);
  });

  test('synthesis writes the full inventory next to cdk.tf.json and points every shard at it', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-shards-'));
    try {
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'big');
      new FmeConfig(stack, 'Fme', { apiBaseUrl: 'https://api.example/internal/api/v2' });
      for (let i = 0; i < 1200; i++) {
        const flag = new FeatureFlag(stack, `F${i}`, { flagName: `estate_flag_${i}` });
        new RolloutPlan(flag, 'Production', { flag, environment: 'Production' });
        new RolloutPlan(flag, 'Staging', { flag, environment: 'Staging' });
      }
      app.synth();
      const stackDir = path.join(outdir, 'stacks', 'big');
      const full = JSON.parse(fs.readFileSync(path.join(stackDir, INVENTORY_FILE), 'utf8'));
      expect(full.objects).toHaveLength(1200 * 3);
      const resources = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')).resource.terraform_data;
      const shards = Object.entries<any>(resources).filter(([id]) => id.startsWith('Fme_Inventory'));
      expect(shards.length).toBeGreaterThan(1);
      for (const [, shard] of shards) {
        const destroy = shard.provisioner.find((p: any) => p['local-exec'].when === 'destroy')['local-exec'];
        expect(destroy.environment).toEqual({ FME_PREVIOUS: '${self.triggers_replace.spec}', FME_NEXT_FILE: INVENTORY_FILE });
        expect(Buffer.byteLength(shard.triggers_replace.spec)).toBeLessThan(100 * 1024);
      }
      const sharded = shards.flatMap(([, s]) => JSON.parse(s.triggers_replace.spec).objects);
      expect(sharded).toHaveLength(full.objects.length);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
