import { IConstruct } from 'constructs';
import { isExpression } from '../patterns';
import { DeclaredPart, declaredParts } from './declared-parts';

/**
 * What a pipeline step changes on a flag, as far as ownership goes. `create`, `remove` and `metadata`
 * are about the flag itself; the rest about its definition in one environment.
 *
 * @internal
 */
export type FlagAspect = 'create' | 'remove' | 'metadata' | 'default-rule' | 'targets' | 'rules' | 'treatments'
| 'killed' | 'traffic-allocation' | 'configurations' | 'impressions' | 'flag-sets' | 'definition';

/** What a flag step declares for the ownership check. @internal */
export interface FlagStepChange {
  readonly path: string;
  readonly stepType: string;
  readonly flagName: string;
  /** Undefined for flag-level steps. */
  readonly environment?: string;
  readonly aspects: FlagAspect[];
}

/** What a part of each kind manages (docs/ownership.md: the stack converges exactly what it declares). */
const MANAGED: { [kind: string]: FlagAspect[] } = {
  flag: ['create', 'remove', 'metadata'],
  plan: ['default-rule', 'targets', 'rules', 'treatments', 'killed', 'traffic-allocation', 'configurations', 'impressions', 'flag-sets', 'definition'],
  allocation: ['default-rule', 'definition'],
  targets: ['targets', 'definition'],
  kill: ['killed', 'definition'],
};

/**
 * What one part manages. A `RolloutPlan` without `flagSets` leaves the definition's flag sets alone
 * (docs/fme-api.md#flag-sets: unset, the library never writes them), so a step adding the flag to a set
 * or removing it from one does not fight it; a plan that lists sets (even none) replaces them on deploy.
 */
function managedBy(part: DeclaredPart): FlagAspect[] {
  const aspects = MANAGED[part.kind] ?? [];
  if (part.kind === 'plan' && part.plan?.flagSets === undefined) return aspects.filter(a => a !== 'flag-sets');
  return aspects;
}

const WHAT: { [kind: string]: string } = {
  flag: 'FeatureFlag', plan: 'RolloutPlan', allocation: 'DefaultAllocation', targets: 'IndividualTargets', kill: 'KillSwitch',
};

/**
 * Rules `stack-created-flag` and `stack-owned-change`: a pipeline step that creates a flag the same
 * stack creates fails at run time ("already exists"); a step that changes what one of the stack's
 * constructs declares (the flag's metadata, or in one environment its definition, default rule,
 * targets, kill state, or the flag sets it lists) is undone by the next `cdktf deploy` that converges that flag. Steps whose
 * flag or environment is an expression cannot be checked and are skipped.
 *
 * @param stackRoot the pipeline's stack (every construct in it is asked for its declared parts)
 * @internal
 */
export function stackOwnershipErrors(stackRoot: IConstruct, changes: FlagStepChange[]): string[] {
  if (changes.length === 0) return [];
  const parts = stackRoot.node.findAll().flatMap(declaredParts);
  const errors: string[] = [];
  for (const change of changes) {
    if (isExpression(change.flagName) || (change.environment !== undefined && isExpression(change.environment))) continue;
    for (const part of parts) {
      if (part.flagName !== change.flagName) continue;
      // A FeatureFlag manages the flag itself; the other parts one environment's definition.
      if (part.kind !== 'flag' && part.environment !== change.environment) continue;
      const overlap = change.aspects.filter(a => managedBy(part).includes(a));
      if (overlap.length === 0) continue;
      if (overlap.includes('create')) {
        errors.push(`[stack-created-flag] ${change.stepType} step "${change.path}" creates flag "${change.flagName}", which this stack already `
          + `creates (${WHAT[part.kind]} ${part.path}); the step would fail with "already exists". Remove the step, or the FeatureFlag.`);
      } else {
        errors.push(`[stack-owned-change] ${change.stepType} step "${change.path}" changes ${overlap.filter(a => a !== 'definition').join(', ') || 'the definition'} `
          + `of flag "${change.flagName}"${change.environment !== undefined ? ` in "${change.environment}"` : ''}, which this stack manages `
          + `(${WHAT[part.kind] ?? part.kind} ${part.path}); the next deploy would undo it. Let one of them own it, or set `
          + '`allowStackManagedChanges: true` on the pipeline to accept the drift (it is then reported as a warning).');
      }
    }
  }
  return errors;
}
