import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { LocalExecProvisioner, TerraformResource, TerraformResourceLifecycle, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { encodeSpecForTerraform } from '../../spec/encode';
import { CONVERGED_MARKER_DIR, FlagResourceSpec, InventorySpec, SegmentResourceSpec } from '../../spec/resource-spec';
import { specDigest, stateRecord } from '../../spec/state-record';
import { BackingResource } from '../policies';
import { FmeDataResource } from './terraform-data';

/** `self` references are written literally: `TerraformSelf` would snake-case the path (cdktf trap). */
function selfTrigger(backing: BackingResource, key: string): string {
  return backing === BackingResource.NULL_RESOURCE ? `\${self.triggers.${key}}` : `\${self.triggers_replace.${key}}`;
}

/**
 * The resource of one flag or segment. State keeps a small record (`state-record.ts`): the destroy
 * identity, the spec's digest and readable summaries. A change to any of them replaces the resource;
 * with create_before_destroy only the new object's create step runs (fact 3), which converges the
 * live FME object in place and never deletes it (D2). The full spec reaches that step as a literal
 * of the configuration. The destroy step, which runs only on a real destroy, reads the identity.
 *
 * When the stack's bootstrap already converged exactly this spec in this apply, the create step
 * only consumes its marker (`rm` succeeds) and starts no Node process; otherwise it converges.
 *
 * @param handlerCommand `node <asset path>` — the constant part of every command line (D4)
 */
export function addObjectResource(
  scope: Construct, id: string, backing: BackingResource, handlerCommand: string, spec: FlagResourceSpec | SegmentResourceSpec,
): TerraformResource {
  // `$PPID` is the Terraform process: markers only count within the apply that left them.
  const converge = `rm ${CONVERGED_MARKER_DIR}/"$PPID-$FME_SPEC_SHA256" 2>/dev/null || ${handlerCommand} converge`;
  return addBackedResource(scope, id, backing, stateRecord(spec), { createBeforeDestroy: true }, [
    { type: 'local-exec', command: converge, environment: { FME_SPEC: encodeSpecForTerraform(spec), FME_SPEC_SHA256: specDigest(spec) } },
    { type: 'local-exec', when: 'destroy', command: `${handlerCommand} delete`, environment: { FME_SPEC: selfTrigger(backing, 'identity') } },
  ]);
}

/**
 * One inventory shard. A changed shard replaces the resource (no create_before_destroy): the old
 * object's destroy step sees the old shard through `self` and the full current inventory in the
 * file written at synth (literal values come from the current configuration, fact 3), and deletes
 * what left the code.
 */
export function addInventoryResource(
  scope: Construct, id: string, backing: BackingResource, handlerCommand: string, shard: InventorySpec, inventoryFile: string,
): TerraformResource {
  return addBackedResource(scope, id, backing, { spec: encodeSpecForTerraform(shard) }, undefined, [
    { type: 'local-exec', when: 'destroy', command: `${handlerCommand} reconcile`, environment: { FME_PREVIOUS: selfTrigger(backing, 'spec'), FME_NEXT_FILE: inventoryFile } },
  ]);
}

/**
 * The bootstrap resource: created once, with the stack (its trigger never changes). Its create
 * step converges every object of a new stack in one process — Terraform would otherwise start
 * one Node process per object (~0.1 s of CPU each) — and leaves a marker per converged spec.
 * Every object resource depends on it; objects it could not converge converge on their own.
 */
export function addBootstrapResource(
  scope: Construct, id: string, backing: BackingResource, handlerCommand: string, bootstrapFile: string,
): TerraformResource {
  return addBackedResource(scope, id, backing, { bootstrap: 'once per stack' }, undefined, [
    // The apply's id for the markers: the Terraform process, the parent of this provisioner's shell.
    { type: 'local-exec', command: `FME_APPLY_ID=$PPID ${handlerCommand} bootstrap`, environment: { FME_BOOTSTRAP_FILE: bootstrapFile } },
  ]);
}

/**
 * Creates the `terraform_data` (or `null_resource`) that carries desired state in
 * `triggers_replace` (`triggers`): an input-only change would run no provisioner (fact 2).
 */
function addBackedResource(
  scope: Construct, id: string, backing: BackingResource, triggers: Record<string, string>,
  lifecycle: TerraformResourceLifecycle | undefined, provisioners: LocalExecProvisioner[],
): TerraformResource {
  if (backing === BackingResource.NULL_RESOURCE) {
    ensureNullProvider(scope);
    return new NullResource(scope, id, { triggers, lifecycle, provisioners });
  }
  return new FmeDataResource(scope, id, { triggersReplace: triggers, lifecycle, provisioners });
}

/** Stacks known to have a null provider (looked up once per stack, not once per resource). */
const STACKS_WITH_NULL_PROVIDER = new WeakSet<TerraformStack>();

/** `null_resource` needs the null provider configured once per stack. */
function ensureNullProvider(scope: Construct): void {
  const stack = TerraformStack.of(scope);
  if (STACKS_WITH_NULL_PROVIDER.has(stack)) return;
  if (!stack.node.findAll().some((c) => c instanceof NullProvider)) new NullProvider(scope, 'NullProvider');
  STACKS_WITH_NULL_PROVIDER.add(stack);
}
