import { App, Testing, TerraformStack } from 'cdktf';
import { BackingResource, FmeConfig, FmeConfigProps } from '../../src';

export const BACKINGS: Array<[string, BackingResource]> = [
  ['terraform_data', BackingResource.TERRAFORM_DATA],
  ['null_resource', BackingResource.NULL_RESOURCE],
];

/** A stack with an `FmeConfig` pointing at a fixed URL (independent of the environment). */
export function newStack(props: FmeConfigProps = {}): { app: App; stack: TerraformStack; config: FmeConfig } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  const config = new FmeConfig(stack, 'Fme', { apiBaseUrl: 'http://127.0.0.1:9/internal/api/v2', ...props });
  return { app, stack, config };
}

/** Synthesizes with validations; returns the Terraform JSON. */
export function synth(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack, true));
}

/** Every resource of the stack, by logical id, whatever the backing type. */
export function resources(stack: TerraformStack): Record<string, any> {
  const json = synth(stack);
  return { ...(json.resource?.terraform_data ?? {}), ...(json.resource?.null_resource ?? {}) };
}

/**
 * The full spec a synthesized resource hands the handler, decoded (Terraform reads `$${` as `${`):
 * a flag or segment passes it to its create step (`converge`); an inventory shard keeps it in state.
 */
export function decodedSpec(resource: any): any {
  const converge = (resource.provisioner ?? []).find((p: any) => / converge$/.test(p['local-exec'].command));
  const encoded: string = converge ? converge['local-exec'].environment.FME_SPEC : (resource.triggers_replace ?? resource.triggers).spec;
  return JSON.parse(encoded.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'));
}

/** The decoded spec of every resource that carries one (all but the bootstrap), by logical id. */
export function specs(stack: TerraformStack): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [id, r] of Object.entries(resources(stack))) {
    if (!id.startsWith('Fme_Bootstrap')) out[id] = decodedSpec(r);
  }
  return out;
}

/** The spec of the resource whose logical id starts with `prefix` (e.g. `Fme_Flag-new_checkout`). */
export function specOf(stack: TerraformStack, prefix: string): any {
  const all = specs(stack);
  const ids = Object.keys(all).filter((id) => id.startsWith(`${prefix}_`));
  if (ids.length !== 1) throw new Error(`expected one resource ${prefix}, found ${Object.keys(all).join(', ')}`);
  return all[ids[0]];
}

/** Synthesis errors (validations) as one string; empty when synthesis passes. */
export function synthErrors(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}
