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

/** The decoded spec of every resource (Terraform reads `$${` as `${`), by logical id. */
export function specs(stack: TerraformStack): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [id, r] of Object.entries(resources(stack))) {
    const encoded: string = (r.triggers_replace ?? r.triggers).spec;
    out[id] = JSON.parse(encoded.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'));
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
