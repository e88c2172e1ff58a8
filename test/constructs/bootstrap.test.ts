import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { resources, newStack } from './support';
import { FeatureFlag, FmeConfig, Matcher, RolloutPlan, Segment, TargetingRule } from '../../src';
import { BOOTSTRAP_FILE } from '../../src/constructs/internal/bootstrap';

describe('bootstrap', () => {
  test('every object resource depends on the bootstrap, which converges the stack once (constant trigger)', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'checkout' });
    new RolloutPlan(flag, 'Production', { flag, environment: 'Production' });
    new Segment(stack, 'Seg', { segmentName: 'beta', environmentKeys: [{ environment: 'Production', keys: ['a'] }] });
    const all = resources(stack);
    const [bootstrapId, bootstrap] = Object.entries(all).find(([id]) => id.startsWith('Fme_Bootstrap'))!;
    expect(bootstrap.triggers_replace).toEqual({ bootstrap: 'once per stack' });
    expect(bootstrap.provisioner).toEqual([{
      'local-exec': {
        command: expect.stringMatching(/^FME_APPLY_ID=\$PPID node assets\/.*\/index\.js bootstrap$/), environment: { FME_BOOTSTRAP_FILE: BOOTSTRAP_FILE },
      },
    }]);
    for (const [id, r] of Object.entries(all).filter(([i]) => /^Fme_(Flag|Segment)-/.test(i))) {
      expect({ id, dependsOn: r.depends_on }).toEqual({ id, dependsOn: expect.arrayContaining([`terraform_data.${bootstrapId}`]) });
    }
  });

  test('the bootstrap file holds segments first, then flags after the flags they depend on', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-bootstrap-'));
    try {
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'b');
      new FmeConfig(stack, 'Fme', { apiBaseUrl: 'https://api.example/internal/api/v2' });
      new Segment(stack, 'Seg', { segmentName: 'beta', environmentKeys: [{ environment: 'Production', keys: ['a'] }] });
      const base = new FeatureFlag(stack, 'Base', { flagName: 'base' });
      const mid = new FeatureFlag(stack, 'Mid', { flagName: 'mid' });
      const top = new FeatureFlag(stack, 'Top', { flagName: 'top' });
      new RolloutPlan(top, 'P', { flag: top, environment: 'Production', rules: [TargetingRule.serve('on', [Matcher.dependsOn(mid, ['on'])])] });
      new RolloutPlan(mid, 'P', { flag: mid, environment: 'Production', rules: [TargetingRule.serve('on', [Matcher.dependsOn(base, ['on'])])] });
      new RolloutPlan(base, 'P', { flag: base, environment: 'Production', rules: [TargetingRule.serve('on', [Matcher.inSegment('beta')])] });
      app.synth();
      const file = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'b', BOOTSTRAP_FILE), 'utf8'));
      const names = file.waves.map((w: any[]) => w.map((o) => o.flagName ?? o.segmentName));
      expect(names).toEqual([['beta'], ['base'], ['mid'], ['top']]);
      expect(file.waves[1][0].environments[0].definition.rules).toHaveLength(1); // full specs, not identities
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('an object\'s create step consumes the marker its own apply left instead of starting the handler; otherwise it converges', () => {
    const { stack } = newStack();
    new FeatureFlag(stack, 'Flag', { flagName: 'checkout' });
    const flag = Object.entries(resources(stack)).find(([id]) => id.startsWith('Fme_Flag-checkout'))![1];
    const create = flag.provisioner[0]['local-exec'];
    const sha: string = create.environment.FME_SPEC_SHA256;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fme-marker-'));
    try {
      // The shell's parent is this process here, as it is the Terraform process in an apply.
      const run = () => spawnSync('/bin/sh', ['-c', create.command], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...create.environment }, encoding: 'utf8' });
      const marker = (applyId: number) => path.join(dir, '.fme-converged', `${applyId}-${sha}`);
      fs.mkdirSync(path.join(dir, '.fme-converged'));
      fs.writeFileSync(marker(process.pid), '');
      expect(run().status).toBe(0); // marker of this apply consumed, no handler started
      expect(fs.existsSync(marker(process.pid))).toBe(false);
      // No marker any more: the handler runs (and here, with no asset in this folder, fails).
      expect(run().stderr).toMatch(/Cannot find module .*index\.js/);
      // A marker left by another apply never counts.
      fs.writeFileSync(marker(process.pid + 1), '');
      expect(run().stderr).toMatch(/Cannot find module .*index\.js/);
      expect(fs.existsSync(marker(process.pid + 1))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
