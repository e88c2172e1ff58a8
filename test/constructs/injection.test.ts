import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { newStack } from './support';
import { FeatureFlag, RolloutPlan } from '../../src';

const TF_ENV = { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
const hasTerraform = spawnSync('terraform', ['version'], { env: TF_ENV }).status === 0;
if (!hasTerraform) {
  // eslint-disable-next-line no-console
  console.warn('SKIPPED injection test: `terraform` is not on the PATH; install Terraform >= 1.9 to run it');
}

function tf(cwd: string, args: string[]): string {
  const r = spawnSync('terraform', args, { cwd, env: TF_ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`terraform ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('user text reaches Terraform as plain text (docs/terraform-facts.md fact 8, docs/decisions.md#d4-no-injection-no-secrets)', () => {
  const description = 'evil ${file("/etc/passwd")} and %{ if true }x%{ endif } and already escaped $${keep}';
  const key = "'; rm -rf ~ #";

  (hasTerraform ? test : test.skip)('terraform plans the raw strings, without evaluating templates', () => {
    const { stack } = newStack();
    const flag = new FeatureFlag(stack, 'Flag', { flagName: 'injection', description });
    new RolloutPlan(stack, 'Plan', { flag, environment: 'Production', individualTargets: [{ treatment: 'on', keys: [key] }] });

    const outdir = Testing.fullSynth(stack);
    try {
      checkPlan(outdir);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }, 180_000);

  function checkPlan(outdir: string): void {
    const dir = path.join(outdir, 'stacks', 'test');
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
    const [id] = Object.keys(config.resource.terraform_data).filter((x) => x.startsWith('Fme_Flag-injection'));
    const resource = config.resource.terraform_data[id];
    // The configuration holds the escaped form, in the create step's environment and in the
    // summary kept in state; the command lines hold no user data at all.
    const written: string = resource.provisioner[0]['local-exec'].environment.FME_SPEC;
    expect(written).toContain('$${file(\\"/etc/passwd\\")}');
    expect(resource.triggers_replace.flag).toContain('$${file(');
    for (const p of resource.provisioner) {
      // Constant: the only expansion is our own hex digest variable.
      expect(p['local-exec'].command).toMatch(/^(rm \.fme-converged\/"\$PPID-\$FME_SPEC_SHA256" 2>\/dev\/null \|\| FME_APPLY_ID=\$PPID )?node assets\/[^ ]+\/index\.js (converge|delete)$/);
    }
    const spec = JSON.parse(written.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'));
    expect(spec.metadata.description).toBe(description);
    expect(spec.environments[0].definition.treatments[0].keys).toEqual([key]);

    tf(dir, ['init', '-input=false', '-no-color']);
    tf(dir, ['validate', '-no-color']);
    tf(dir, ['plan', '-input=false', '-no-color', '-out=plan.bin']);
    const plan = JSON.parse(tf(dir, ['show', '-json', 'plan.bin']));
    const change = plan.resource_changes.find((r: any) => r.address === `terraform_data.${id}`);
    // Terraform evaluated the summary it will keep in state: the templates are plain text in it.
    const planned: string = change.change.after.triggers_replace.flag;
    expect(planned).toBe(resource.triggers_replace.flag.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'));
    expect(planned).toContain('${file(\\"/etc/passwd\\")}');
    expect(planned).toContain('%{ if true }x%{ endif }');
    expect(planned).not.toContain('root:');
    // The reviewer's detail lines show the key as plain text (docs/live.md, "Reading terraform plan").
    expect(change.change.after.triggers_replace['targets Production']).toBe(`on ← ${key}`);
    // The full spec never enters the plan or state; the create step gets it at apply time
    // (test/e2e/injection.e2e.test.ts applies it against the emulator and reads back the text).
    // (Field names only the spec has, whatever the quoting.)
    expect(JSON.stringify(change.change.after)).not.toContain('defaultRule');
    expect(JSON.stringify(change.change.after)).not.toContain('trafficAllocation');
    expect(written).toContain('defaultRule');
  }
});
