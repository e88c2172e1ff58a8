import { IConstruct } from 'constructs';
import { addAspectEverywhere, IAspect, TerraformStack } from '../../cdk-runtime';
import { FmeValidationError } from '../../model/errors';
import { formatProblem, problem, Problem } from '../../model/problem';
import { environmentProblems, flagNameProblems, trafficTypeProblems } from '../../model/rules/names';
import { FlagEnvironmentProps } from '../flag-environment-props';
import { IFeatureFlag } from '../flag-reference';
import { FmeConfig } from '../fme-config';
import { partsOf } from './parts';

/** Throws one `FmeValidationError` naming the construct path and every broken rule. */
export function throwIfProblems(construct: IConstruct, problems: Problem[]): void {
  if (problems.length > 0) throw new FmeValidationError(construct.node.path, problems.map(formatProblem));
}

const NO_FME_CONFIG = 'no FmeConfig in this stack; add one, e.g. new FmeConfig(stack, \'Fme\')';

/**
 * Adds the synth-time validation of rules spanning constructs (conflicts, dependencies, declared
 * treatments), answered by the stack's `FmeConfig`, and makes a stack without `FmeConfig` fail
 * every synthesis, also cdktf's `Testing.synth(stack)`, which runs aspects but no validations.
 */
export function addCrossConstructValidation(construct: IConstruct): void {
  requireFmeConfigOnSynth(construct);
  construct.node.addValidation({
    validate: () => {
      const configs = FmeConfig._findAll(construct);
      if (configs.length === 0) {
        return [formatProblem(problem('fme config', NO_FME_CONFIG))];
      }
      return configs[0]._problemsFor(construct.node.path);
    },
  });
}

/** Stacks that already have the aspect below. */
const CHECKED_STACKS = new WeakSet<TerraformStack>();

/**
 * Without an `FmeConfig` nothing materializes the stack's FME resources: the stack would
 * synthesize none, silently, wherever validations do not run. An aspect runs in every synthesis
 * (`app.synth()`, `Testing.synth(stack)`), so it throws there, naming every FME construct.
 */
function requireFmeConfigOnSynth(construct: IConstruct): void {
  const stack = TerraformStack.of(construct);
  if (CHECKED_STACKS.has(stack)) return;
  CHECKED_STACKS.add(stack);
  addAspectEverywhere(stack, new RequireFmeConfig(stack));
}

class RequireFmeConfig implements IAspect {
  constructor(private readonly stack: TerraformStack) {}

  public visit(node: IConstruct): void {
    if (node !== this.stack || FmeConfig._findAll(this.stack).length > 0) return;
    const paths = this.stack.node.findAll().filter((c) => partsOf(c).length > 0).map((c) => c.node.path);
    const message = formatProblem(problem('fme config', NO_FME_CONFIG));
    throw new FmeValidationError(paths[0] ?? this.stack.node.path, [message], paths.map((p) => `[${p}] ${message}`).join('\n'));
  }
}

/** The flag and environment a part construct targets. */
export interface ResolvedFlagEnvironment {
  readonly flagName: string;
  readonly environment: string;
  readonly trafficType?: string;
  readonly flag?: IFeatureFlag;
}

/** Resolves `flag`/`flagName`/`trafficType`/`environment`, reporting what is wrong. */
export function resolveFlagEnvironment(props: FlagEnvironmentProps, problems: Problem[]): ResolvedFlagEnvironment {
  if (props.flag && props.flagName !== undefined && props.flagName !== props.flag.flagName) {
    problems.push(problem('flag', `both flag (${props.flag.flagName}) and flagName (${props.flagName}) are set; give one`));
  }
  const flagName = props.flag?.flagName ?? props.flagName;
  if (flagName === undefined) {
    problems.push(problem('flag', 'neither flag nor flagName is set; give the FeatureFlag or the name of a flag managed elsewhere'));
  } else {
    problems.push(...flagNameProblems(flagName));
  }
  if (props.flag && props.trafficType !== undefined && props.trafficType !== props.flag.trafficType) {
    problems.push(problem('traffic type', `trafficType ${props.trafficType} differs from the flag's (${props.flag.trafficType}); omit trafficType when flag is given`));
  }
  const trafficType = props.flag?.trafficType ?? props.trafficType;
  if (props.trafficType !== undefined) problems.push(...trafficTypeProblems(props.trafficType));
  problems.push(...environmentProblems(props.environment));
  return { flagName: flagName ?? '', environment: props.environment, trafficType, flag: props.flag };
}
