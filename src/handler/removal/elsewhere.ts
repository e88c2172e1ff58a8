import { DeclaredElsewhere, objectNameOf } from '../../spec/resource-spec';

/**
 * What the app's other stacks declare now (from the inventory file), by object: an object that
 * leaves this stack's code is handed over to such a stack instead of deleted (docs/ownership.md).
 */
export class Elsewhere {
  private static key(t: string, name: string, env: string | undefined): string {
    return JSON.stringify([t, name, env ?? null]);
  }

  private readonly stacks = new Map<string, string>();

  constructor(entries: readonly DeclaredElsewhere[] = []) {
    for (const e of entries) this.stacks.set(Elsewhere.key(e.t, objectNameOf(e), 'env' in e ? e.env : undefined), e.stack);
  }

  /** The other stack that declares this object now, if any. */
  public stackOf(t: DeclaredElsewhere['t'], name: string, env?: string): string | undefined {
    return this.stacks.get(Elsewhere.key(t, name, env));
  }
}
