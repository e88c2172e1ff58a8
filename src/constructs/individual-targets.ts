import { Construct } from 'constructs';
import { FlagEnvironmentProps } from './flag-environment-props';
import { sortedUnique } from '../model/definition';
import { IndividualTarget } from '../model/individual-target';
import { problem, Problem } from '../model/problem';
import { checkProps, INDIVIDUAL_TARGETS_PROPS } from './internal/prop-checks';
import { individualTargetProblems } from '../model/rules/individual-targets';
import { oneTreatmentPerKeyProblems } from '../model/rules/one-treatment-per-key';
import { targetedTwice } from '../model/targets';
import { TargetListSpec } from '../spec/resource-spec';
import { registerParts } from './internal/parts';
import { addCrossConstructValidation, resolveFlagEnvironment, throwIfProblems } from './internal/validation';

/**
 * Properties of `IndividualTargets`. Give `targets` (set mode) or `add`/`remove` (incremental mode).
 */
export interface IndividualTargetsProps extends FlagEnvironmentProps {
  /**
   * Set mode: these lists replace the keys and segments of the treatments they name
   * (other treatments are left as they are); an entry without keys and segments clears them.
   *
   * @default - incremental mode (`add`/`remove`)
   */
  readonly targets?: IndividualTarget[];

  /**
   * Incremental mode: keys and segments to ensure present in a treatment's list.
   *
   * @default - nothing added
   */
  readonly add?: IndividualTarget[];

  /**
   * Incremental mode: keys and segments to ensure absent from a treatment's list.
   *
   * @default - nothing removed
   */
  readonly remove?: IndividualTarget[];
}

/**
 * Individual targets of one flag in one environment, managed apart from the rollout plan
 * (e.g. a QA team's keys). Set mode replaces treatments' lists; incremental mode adds and
 * removes entries and leaves the rest alone.
 *
 * Merged into the flag's `RolloutPlan` for the same environment when there is one; otherwise
 * applied to the live definition, which must exist.
 */
export class IndividualTargets extends Construct {
  /** The flag's name. */
  public readonly flagName: string;
  /** The environment. */
  public readonly environment: string;
  /** Whether the lists replace the treatments' lists (true) or are added/removed (false). */
  public readonly isSetMode: boolean;

  constructor(scope: Construct, id: string, props: IndividualTargetsProps) {
    super(scope, id);
    checkProps(this, INDIVIDUAL_TARGETS_PROPS, props);
    const problems: Problem[] = [];
    const target = resolveFlagEnvironment(props, problems);
    this.flagName = target.flagName;
    this.environment = target.environment;
    this.isSetMode = props.targets !== undefined;
    const incremental = props.add !== undefined || props.remove !== undefined;
    if (this.isSetMode && incremental) {
      problems.push(problem('individual targets', 'targets (set mode) and add/remove (incremental mode) are both set; use one mode per construct'));
    }
    const incrementalTargets = [...(props.add ?? []), ...(props.remove ?? [])];
    if ((props.targets ?? []).length + incrementalTargets.length === 0) {
      problems.push(problem('individual targets', 'no targets given; set targets, add or remove'));
    }
    // Treatment names are checked at synth against the environment's rollout plan (or the declared flag).
    // In set mode an empty list clears a treatment's targets.
    problems.push(...individualTargetProblems(props.targets ?? [], undefined, true));
    problems.push(...individualTargetProblems(incrementalTargets, undefined));
    problems.push(...oneTreatmentPerKeyProblems(targetedTwice(props.targets ?? []), 'targets'));
    problems.push(...oneTreatmentPerKeyProblems(targetedTwice(props.add ?? []), 'add'));
    throwIfProblems(this, problems);

    registerParts(this, () => [{
      kind: 'targets',
      path: this.node.path,
      flagName: target.flagName,
      environment: target.environment,
      trafficType: target.trafficType,
      flag: target.flag,
      mode: this.isSetMode ? 'set' : 'incremental',
      ...(props.targets ? { set: byTreatment(props.targets) } : {}),
      ...(props.add ? { add: byTreatment(props.add) } : {}),
      ...(props.remove ? { remove: byTreatment(props.remove) } : {}),
    }]);
    addCrossConstructValidation(this);
  }
}

/** Lists per treatment, merged and sorted. */
function byTreatment(targets: IndividualTarget[]): Record<string, TargetListSpec> {
  const acc = new Map<string, { keys: string[]; segments: string[] }>();
  for (const t of targets) {
    const e = acc.get(t.treatment) ?? { keys: [], segments: [] };
    e.keys.push(...(t.keys ?? []));
    e.segments.push(...(t.segments ?? []));
    acc.set(t.treatment, e);
  }
  const out: Record<string, TargetListSpec> = {};
  for (const name of [...acc.keys()].sort()) {
    const e = acc.get(name)!;
    const keys = sortedUnique(e.keys);
    const segments = sortedUnique(e.segments);
    out[name] = { ...(keys.length > 0 ? { keys } : {}), ...(segments.length > 0 ? { segments } : {}) };
  }
  return out;
}
