import { IConstruct } from 'constructs';
import { isExpression } from '../patterns';
import { declaredParts } from './declared-parts';

/** A pipeline step that creates or deletes a flag set, for the ownership check. @internal */
export interface FlagSetStepChange {
  readonly path: string;
  readonly stepType: string;
  readonly flagSetName: string;
  readonly action: 'create' | 'delete';
}

/**
 * Rule `stack-owned-flag-set`: a step that creates or deletes a flag set a `FlagSet` construct of
 * the app declares fights the stack that owns it. Creating it fails at run time once the stack has
 * created it (the set already exists); deleting it removes what the stack declares, which the next
 * deploy recreates as a new set (a new id: definitions hold sets by id, docs/fme-api.md#flag-sets);
 * whether FME refuses to delete a set definitions still carry is UNCONFIRMED there. Flag sets belong
 * to a workspace, not a stack, so every stack of the app is asked; the pipeline does not know which workspace its steps reach, so a `FlagSet` of a
 * stack bound to another workspace counts too. Steps whose name is an expression are skipped.
 *
 * @param appRoot the root of the pipeline's app (every construct in it is asked for its declared parts)
 * @internal
 */
export function stackFlagSetErrors(appRoot: IConstruct, changes: FlagSetStepChange[]): string[] {
  if (changes.length === 0) return [];
  const owners = appRoot.node.findAll().flatMap(declaredParts).filter(p => p.kind === 'flagSet' && p.flagSetName !== undefined);
  const errors: string[] = [];
  for (const change of changes) {
    if (isExpression(change.flagSetName)) continue;
    for (const owner of owners.filter(o => o.flagSetName === change.flagSetName)) {
      const effect = change.action === 'create'
        ? 'the step would fail with "already exists"'
        : 'the next deploy would recreate it as a new set (if FME lets the step delete a set flags are in)';
      errors.push(`[stack-owned-flag-set] ${change.stepType} step "${change.path}" ${change.action}s flag set "${change.flagSetName}", `
        + `which this app manages (FlagSet ${owner.path}); ${effect}. Remove the step, or the FlagSet.`);
    }
  }
  return errors;
}
