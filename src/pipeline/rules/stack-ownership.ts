import { IConstruct } from 'constructs';
import { isExpression } from '../patterns';

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

/** The fields of a construct's declared part that this check reads. */
interface DeclaredPart {
  readonly kind: string;
  readonly path: string;
  readonly flagName?: string;
  readonly environment?: string;
}

/**
 * The key under which the FME constructs (`FeatureFlag`, `RolloutPlan`, `DefaultAllocation`,
 * `IndividualTargets`, `KillSwitch`) declare what the stack manages, for `FmeConfig` to compose
 * (`registerParts` in src/constructs/internal/parts.ts). The pipeline layer may import only the model
 * and the spec (docs/ARCHITECTURE.md, layers), and the constructs should not know about pipelines, so
 * the shared contract is this global symbol and the four fields above: the pipeline asks, at
 * validation time, what each construct of its stack declared, without importing the constructs.
 * test/pipeline/stack-ownership.test.ts builds real `FeatureFlag` and `RolloutPlan` constructs, so a
 * renamed key or a changed part shape fails there rather than silently disabling this check.
 */
const DECLARED_PARTS = Symbol.for('cdktf-harness-fme.parts');

function declaredParts(construct: IConstruct): DeclaredPart[] {
  const produce = (construct as unknown as { [key: symbol]: unknown })[DECLARED_PARTS];
  return typeof produce === 'function' ? (produce as () => DeclaredPart[])() : [];
}

/** What a part of each kind manages (docs/ownership.md: the stack converges exactly what it declares). */
const MANAGED: { [kind: string]: FlagAspect[] } = {
  flag: ['create', 'remove', 'metadata'],
  plan: ['default-rule', 'targets', 'rules', 'treatments', 'killed', 'traffic-allocation', 'configurations', 'impressions', 'flag-sets', 'definition'],
  allocation: ['default-rule', 'definition'],
  targets: ['targets', 'definition'],
  kill: ['killed', 'definition'],
};

const WHAT: { [kind: string]: string } = {
  flag: 'FeatureFlag', plan: 'RolloutPlan', allocation: 'DefaultAllocation', targets: 'IndividualTargets', kill: 'KillSwitch',
};

/**
 * Rules `stack-created-flag` and `stack-owned-change`: a pipeline step that creates a flag the same
 * stack creates fails at run time ("already exists"); a step that changes what one of the stack's
 * constructs declares (the flag's metadata, or in one environment its definition, default rule,
 * targets or kill state) is undone by the next `cdktf deploy` that converges that flag. Steps whose
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
      const overlap = change.aspects.filter(a => (MANAGED[part.kind] ?? []).includes(a));
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
