/**
 * The tag the handler puts on every flag and segment it creates or adopts. It is how a later
 * converge tells "an object this library manages" (converge it) from "an object someone else
 * created" (apply the `existing` policy), because FME keeps no other record of who made what,
 * and a changed spec re-runs the create provisioner on an object that already exists.
 */
export const MANAGED_TAG = 'cdktf-fme-managed';

export function hasManagedTag(tags: readonly { readonly name: string }[] | null | undefined): boolean {
  return (tags ?? []).some((t) => t.name === MANAGED_TAG);
}
