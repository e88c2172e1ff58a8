import { Construct } from 'constructs';
import { FmeValidationError } from '../model/errors';
import { stackIdProblems } from '../model/ownership';
import { formatProblem } from '../model/problem';
import { registerParts } from './internal/parts';
import { checkProps, FLAG_SET_PROPS } from './internal/prop-checks';
import { addCrossConstructValidation, throwIfProblems } from './internal/validation';
import { RemovalPolicy } from './policies';
import { flagSetNameProblems } from '../model/rules/names';

/**
 * A flag set as a `RolloutPlan` names it in `flagSets`: a `FlagSet` of this app, or
 * `FlagSet.fromName('...')` for a set managed elsewhere (by hand, or by another stack).
 */
export interface IFlagSetRef {
  /** The flag set's name in FME. */
  readonly flagSetName: string;
}

/**
 * Properties of `FlagSet`.
 */
export interface FlagSetProps {
  /**
   * Flag set name: a lower-case letter or digit first, then lower-case letters, digits and `_`;
   * at most 50 characters (SDKs filter by these names).
   */
  readonly flagSetName: string;

  /**
   * Description shown in FME. FME takes it when the set is created; the library records its
   * ownership after it (see docs/ownership.md).
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * What happens to the flag set in FME when it leaves the code or the stack is destroyed:
   * `DESTROY` or `RETAIN` (`ARCHIVE` is for flags).
   *
   * @default - the `FmeConfig`'s removal policy (`ARCHIVE` there deletes flag sets)
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Id of the stack that owns this flag set now, when it moves to this stack (explicit transfer).
   * Without it, a deploy that finds the set owned by another stack fails and changes nothing.
   *
   * @default - no transfer (the stack-wide `FmeConfig` `transferFrom` still applies)
   */
  readonly transferFrom?: string;
}

/**
 * A flag set owned by this stack: a workspace-level group of flag definitions that SDKs can fetch
 * on their own (`sync.splitFilters: [{ type: 'bySet', values: [...] }]`). Definitions join it
 * through `RolloutPlan`'s `flagSets`, per environment. The set is created before the flags that
 * use it, and deleted when it leaves the code (per its removal policy).
 *
 * @example
 * const backend = new FlagSet(stack, 'Backend', { flagSetName: 'backend' });
 * new RolloutPlan(stack, 'CheckoutProd', { flag, environment: 'Production', flagSets: [backend] });
 */
export class FlagSet extends Construct implements IFlagSetRef {
  /**
   * A flag set this app does not manage (made in FME, or by another stack), by name. The name is
   * checked at synth time; the set must exist when the plan is deployed.
   */
  public static fromName(flagSetName: string): IFlagSetRef {
    const problems = flagSetNameProblems(flagSetName);
    if (problems.length > 0) throw new FmeValidationError('FlagSet.fromName', problems.map(formatProblem));
    return { flagSetName };
  }

  /** The flag set's name in FME. */
  public readonly flagSetName: string;

  constructor(scope: Construct, id: string, props: FlagSetProps) {
    super(scope, id);
    checkProps(this, FLAG_SET_PROPS, props);
    this.flagSetName = props.flagSetName;
    throwIfProblems(this, [
      ...flagSetNameProblems(this.flagSetName),
      ...(props.transferFrom !== undefined ? stackIdProblems(props.transferFrom, false) : []),
    ]);
    registerParts(this, () => [{
      kind: 'flagSet',
      path: this.node.path,
      flagSetName: this.flagSetName,
      description: props.description,
      removalPolicy: props.removalPolicy,
      transferFrom: props.transferFrom,
    }]);
    addCrossConstructValidation(this);
  }
}
