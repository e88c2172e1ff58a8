import { IConstruct } from 'constructs';
import { TerraformStack } from '../../cdk-runtime';

/**
 * The `FmeConfig`s of each stack and of each app, registered as they are constructed. Every FME
 * construct looks its configuration up at synth; walking the construct tree for it each time made
 * synthesis quadratic in the number of constructs. Checks across the stacks of one app (one owner
 * per object, docs/ownership.md) read the app's list.
 *
 * Generic over the registered type, so this module does not depend on `FmeConfig` (which depends
 * on it).
 */
export class StackRegistry<T extends IConstruct> {
  private readonly byStack = new WeakMap<TerraformStack, T[]>();
  private readonly byApp = new WeakMap<IConstruct, T[]>();

  public register(config: T): void {
    const stack = TerraformStack.of(config);
    this.byStack.set(stack, [...(this.byStack.get(stack) ?? []), config]);
    this.byApp.set(config.node.root, [...(this.byApp.get(config.node.root) ?? []), config]);
  }

  /** Every registered config in the stack of `scope`. */
  public ofStack(scope: IConstruct): T[] {
    return this.byStack.get(TerraformStack.of(scope)) ?? [];
  }

  /** Every registered config of the app `scope` belongs to, in other stacks than `scope`'s. */
  public ofOtherStacks(scope: IConstruct): T[] {
    const stack = TerraformStack.of(scope);
    return (this.byApp.get(scope.node.root) ?? []).filter((c) => TerraformStack.of(c) !== stack);
  }
}
