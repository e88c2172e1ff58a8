import { Construct, IConstruct } from 'constructs';
import { hasBrand, setBrand } from './brands';
import { identityErrors } from './rules/identity';
import { placementErrors } from './rules/placement';
import { addRule } from './validation';

/** Identifier and display name of a stage, step group or step. */
export interface ElementIdentityOptions {
  /**
   * The Harness identifier (`^[a-zA-Z_][0-9a-zA-Z_]{0,127}$`), unique in its scope. Expressions refer to it,
   * e.g. `<+pipeline.stages.ramp.spec.execution.steps.set_50.status>`.
   * @default - the construct id
   */
  readonly identifier?: string;
  /**
   * The name shown in Harness.
   * @default - the identifier
   */
  readonly name?: string;
}

/**
 * Anything that can sit in a stage's `steps:` list: a step, a step group or a parallel block.
 * Order in YAML is the order the constructs were added to their parent.
 */
export abstract class StepElement extends Construct {
  /** True when `x` is a step, step group or parallel block. */
  public static isStepElement(x: any): x is StepElement {
    return hasBrand(x, 'StepElement');
  }

  /** The step elements directly under `scope`, in the order they were added. @internal */
  public static _childrenOf(scope: IConstruct): StepElement[] {
    return scope.node.children.filter(c => StepElement.isStepElement(c)) as StepElement[];
  }

  /** The Harness identifier. */
  public readonly identifier: string;
  /** The name shown in Harness. */
  public readonly displayName: string;

  protected constructor(scope: Construct, id: string, kind: string, options: ElementIdentityOptions) {
    super(scope, id);
    setBrand(this, 'StepElement');
    this.identifier = options.identifier ?? id;
    this.displayName = options.name ?? this.identifier;
    addRule(this, () => identityErrors(kind, this.identifier, this.displayName));
    // Only a stage, step group, parallel block or rollback list renders its children: anywhere else a
    // step would be left out of the YAML without a word (a forgotten kill step would just vanish).
    addRule(this, () => placementErrors(this, kind, 'StepContainer',
      'add it to a CustomStage, ApprovalStage, StepGroup, ParallelSteps or RollbackSteps'));
  }

  /** The YAML node (`{step: ...}`, `{stepGroup: ...}` or `{parallel: [...]}`). @internal */
  public abstract _renderElement(): { [key: string]: any };

  /** True when this element (or one inside it) changes FME data. @internal */
  public abstract _changesFme(): boolean;

  /** Identified elements in this element's scope (itself and nested ones), for uniqueness checks. @internal */
  public abstract _identifiedElements(): StepElement[];
}
