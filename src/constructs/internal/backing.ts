import type { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Construct, IConstruct } from 'constructs';
import { LocalExecProvisioner, nullProviderPackage, TerraformResource, TerraformResourceLifecycle, TerraformStack } from '../../cdk-runtime';
import { encodeSpecForTerraform } from '../../spec/encode';
import { CONVERGED_MARKER_DIR, InventorySpec, ObjectResourceSpec } from '../../spec/resource-spec';
import { specDigest, stateRecord } from '../../spec/state-record';
import { BackingResource } from '../policies';
import { MAX_SHARDS, shardId } from './inventory-shards';
import { planDetails } from './plan-details';
import { newFmeDataResource } from './terraform-data';

/** `self` references are written literally: `TerraformSelf` would snake-case the path (cdktf trap). */
function selfTrigger(backing: BackingResource, key: string): string {
  return backing === BackingResource.NULL_RESOURCE ? `\${self.triggers.${key}}` : `\${self.triggers_replace.${key}}`;
}

/**
 * Alias of the provider configuration that every flag and segment resource uses. Terraform drops a
 * removed resource block without running its destroy step (docs/terraform-facts.md), so removing
 * `FmeConfig` together with the objects would leave them in FME silently. Because these resources
 * use a configuration that only `FmeConfig` declares, Terraform instead refuses that plan
 * ("Provider configuration not present ... Re-add the provider configuration"). Never rename it:
 * objects in existing states are bound to it.
 */
export const OBJECTS_PROVIDER_ALIAS = 'fme_config';

/** The provider configuration of the object resources: the backing type and its aliased provider. */
export interface ObjectsProvider {
  readonly backing: BackingResource;
  /** The aliased `null` provider; undefined for `terraform_data` (built in, configured by an override). */
  readonly nullProvider?: NullProvider;
}

/**
 * Declares the aliased provider configuration of the object resources. `terraform_data` belongs to
 * the built-in `terraform` provider, which takes no arguments but accepts an alias.
 */
export function addObjectsProvider(scope: Construct, id: string, backing: BackingResource): ObjectsProvider {
  if (backing === BackingResource.NULL_RESOURCE) {
    ensureNullProvider(scope);
    return { backing, nullProvider: new (nullProviderPackage().NullProvider)(scope, id, { alias: OBJECTS_PROVIDER_ALIAS }) };
  }
  TerraformStack.of(scope).addOverride('provider.terraform', [{ alias: OBJECTS_PROVIDER_ALIAS }]);
  return { backing };
}

/**
 * The resource of one flag or segment. State keeps a small record (`state-record.ts`): the destroy
 * identity, the spec's digest and readable summaries. A change to any of them replaces the resource;
 * with create_before_destroy only the new object's create step runs (docs/terraform-facts.md, fact
 * 3), which converges the live FME object in place and never deletes it (docs/decisions.md, D2). The full spec reaches that step as a literal
 * of the configuration. The destroy step, which runs only on a real destroy, reads the identity.
 *
 * When the stack's bootstrap already converged exactly this spec in this apply, the create step
 * only consumes its marker (`rm` succeeds) and starts no Node process; otherwise it converges.
 *
 * @param handlerCommand `node <asset path>` — the constant part of every command line (docs/decisions.md, D4)
 */
export function addObjectResource(
  scope: Construct, id: string, provider: ObjectsProvider, handlerCommand: string, spec: ObjectResourceSpec,
): TerraformResource {
  // `$PPID` is the Terraform process: markers only count within the apply that left them, and a
  // converge that runs clears markers other applies left behind (an apply killed mid-way).
  const converge = `rm ${CONVERGED_MARKER_DIR}/"$PPID-$FME_SPEC_SHA256" 2>/dev/null || FME_APPLY_ID=$PPID ${handlerCommand} converge`;
  const backing = provider.backing;
  const resource = addBackedResource(scope, id, backing, { ...stateRecord(spec), ...planDetails(spec) }, { createBeforeDestroy: true }, [
    { type: 'local-exec', command: converge, environment: { FME_SPEC: encodeSpecForTerraform(spec), FME_SPEC_SHA256: specDigest(spec) } },
    { type: 'local-exec', when: 'destroy', command: `${handlerCommand} delete`, environment: { FME_SPEC: selfTrigger(backing, 'identity') } },
  ]);
  if (provider.nullProvider) resource.provider = provider.nullProvider;
  else resource.addOverride('provider', `terraform.${OBJECTS_PROVIDER_ALIAS}`);
  return resource;
}

/**
 * One inventory shard. A changed shard replaces the resource (no create_before_destroy): the old
 * object's destroy step sees the old shard through `self` and the full current inventory in the
 * file written at synth (literal values come from the current configuration: docs/terraform-facts.md, fact 3), and deletes
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
 * `removed` blocks for the inventory shards a stack of `shardCount` shards does not have (up to
 * `MAX_SHARDS`). When the inventory shrinks to fewer shards, the shards it no longer needs leave
 * the configuration; Terraform runs no destroy step for a removed block, but it does run the one a
 * `removed` block declares (Terraform >= 1.9, docs/terraform-facts.md), so the objects such a
 * shard held that also left the code are still deleted. A block for a shard that never existed is
 * a no-op. Returned as the JSON of a Terraform file written next to `cdk.tf.json`.
 */
export function removedShardBlocks(
  config: IConstruct, shardCount: number, backing: BackingResource, handlerCommand: string, inventoryFile: string,
): { removed: unknown[] } {
  const type = backing === BackingResource.NULL_RESOURCE ? 'null_resource' : 'terraform_data';
  const removed: unknown[] = [];
  for (let index = shardCount; index < MAX_SHARDS; index++) {
    removed.push({
      from: `${type}.${logicalIdOf(config, shardId(index))}`,
      lifecycle: { destroy: true },
      provisioner: [{
        'local-exec': {
          when: 'destroy',
          command: `${handlerCommand} reconcile`,
          environment: { FME_PREVIOUS: selfTrigger(backing, 'spec'), FME_NEXT_FILE: inventoryFile },
        },
      }],
    });
  }
  return { removed };
}

/**
 * The logical id the stack gives a child `id` of `parent` (which need not exist), by the stack's
 * own naming scheme: cdktf allocates ids from the path of construct ids below the stack.
 */
function logicalIdOf(parent: IConstruct, id: string): string {
  const stack = TerraformStack.of(parent);
  const scopes = [...parent.node.scopes, { node: { id } }];
  const allocate = (stack as unknown as { allocateLogicalId(node: unknown): string }).allocateLogicalId.bind(stack);
  return allocate({ scopes });
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
 * `triggers_replace` (`triggers`): an input-only change would run no provisioner (docs/terraform-facts.md, fact 2).
 */
function addBackedResource(
  scope: Construct, id: string, backing: BackingResource, triggers: Record<string, string>,
  lifecycle: TerraformResourceLifecycle | undefined, provisioners: LocalExecProvisioner[],
): TerraformResource {
  if (backing === BackingResource.NULL_RESOURCE) {
    ensureNullProvider(scope);
    return new (nullProviderPackage().NullResource)(scope, id, { triggers, lifecycle, provisioners });
  }
  return newFmeDataResource(scope, id, { triggersReplace: triggers, lifecycle, provisioners });
}

/** Stacks known to have a null provider (looked up once per stack, not once per resource). */
const STACKS_WITH_NULL_PROVIDER = new WeakSet<TerraformStack>();

/** `null_resource` needs the null provider configured once per stack. */
function ensureNullProvider(scope: Construct): void {
  const stack = TerraformStack.of(scope);
  if (STACKS_WITH_NULL_PROVIDER.has(stack)) return;
  const { NullProvider: Provider } = nullProviderPackage();
  if (!stack.node.findAll().some((c) => c instanceof Provider)) new Provider(scope, 'NullProvider');
  STACKS_WITH_NULL_PROVIDER.add(stack);
}
