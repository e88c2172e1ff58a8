import { IConstruct } from 'constructs';
import { FmeValidationError } from '../../model/errors';
import { formatProblem, problem, Problem } from '../../model/problem';
import { environmentProblems, flagNameProblems, trafficTypeProblems } from '../../model/rules/names';
import { FlagEnvironmentProps } from '../flag-environment-props';
import { IFeatureFlag } from '../flag-reference';
import { FmeConfig } from '../fme-config';

/** Throws one `FmeValidationError` naming the construct path and every broken rule. */
export function throwIfProblems(construct: IConstruct, problems: Problem[]): void {
  if (problems.length > 0) throw new FmeValidationError(construct.node.path, problems.map(formatProblem));
}

/**
 * Adds the synth-time validation of rules spanning constructs (conflicts, dependencies, declared
 * treatments), answered by the stack's `FmeConfig`.
 */
export function addCrossConstructValidation(construct: IConstruct): void {
  construct.node.addValidation({
    validate: () => {
      const configs = FmeConfig._findAll(construct);
      if (configs.length === 0) {
        return [formatProblem(problem('fme config', 'no FmeConfig in this stack; add one, e.g. new FmeConfig(stack, \'Fme\')'))];
      }
      return configs[0]._problemsFor(construct.node.path);
    },
  });
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
