import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { LocalExecProvisioner, TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { BackingResource } from '../policies';
import { FmeDataResource } from './terraform-data';

/** How one FME object's resource runs the handler. */
export interface BackedResourceOptions {
  /** The spec, already canonical JSON and template-escaped. */
  readonly encodedSpec: string;
  /** `node <asset path>` — the constant part of every command line (D4). */
  readonly handlerCommand: string;
  /** Flag and segment resources converge on create and delete on destroy; the inventory reconciles on destroy. */
  readonly role: 'object' | 'inventory';
  /** For the inventory: the file (relative to the stack folder) that holds the full current inventory. */
  readonly inventoryFile?: string;
}

/**
 * Creates the `terraform_data` (or `null_resource`) that carries a spec. Desired state lives in
 * `triggers_replace` (`triggers`) because an input-only change runs no provisioner (fact 2).
 *
 * `${self.triggers_replace.spec}` is written literally: `TerraformSelf` would snake-case the path.
 */
export function addBackedResource(scope: Construct, id: string, backing: BackingResource, options: BackedResourceOptions): TerraformResource {
  const selfSpec = backing === BackingResource.NULL_RESOURCE ? '${self.triggers.spec}' : '${self.triggers_replace.spec}';
  const provisioners: LocalExecProvisioner[] = options.role === 'object'
    ? [
      { type: 'local-exec', command: `${options.handlerCommand} converge`, environment: { FME_SPEC: selfSpec } },
      { type: 'local-exec', when: 'destroy', command: `${options.handlerCommand} delete`, environment: { FME_SPEC: selfSpec } },
    ]
    : [
      // A changed inventory shard replaces this resource: the old object's destroy provisioner sees
      // the old shard through `self` and the full current inventory in a file written at synth
      // (literal values come from the current configuration, fact 3), and deletes what left the code.
      { type: 'local-exec', when: 'destroy', command: `${options.handlerCommand} reconcile`, environment: { FME_PREVIOUS: selfSpec, FME_NEXT_FILE: options.inventoryFile ?? '' } },
    ];
  // A changed flag/segment spec must converge in place, never delete and re-create (D2):
  // with create_before_destroy only the new object's create provisioner runs (fact 3).
  const lifecycle = options.role === 'object' ? { createBeforeDestroy: true } : undefined;

  if (backing === BackingResource.NULL_RESOURCE) {
    ensureNullProvider(scope);
    return new NullResource(scope, id, { triggers: { spec: options.encodedSpec }, lifecycle, provisioners });
  }
  return new FmeDataResource(scope, id, { triggersReplace: { spec: options.encodedSpec }, lifecycle, provisioners });
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
