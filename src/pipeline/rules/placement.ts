import { IConstruct } from 'constructs';
import { hasBrand, PipelineBrand } from '../brands';

/**
 * Rule `placement`: a stage sits directly in an `FmePipeline`, and a step, step group or parallel
 * block directly in a stage, step group, parallel block or rollback list. Those are the only
 * constructs that render their children into the YAML; anything attached elsewhere (a step under the
 * pipeline, a stage inside a stage, a step under a `ProgressiveRollout`) would otherwise be dropped
 * from the pipeline without an error.
 *
 * @internal
 */
export function placementErrors(element: IConstruct, kind: string, parentBrand: PipelineBrand, remedy: string): string[] {
  const parent = element.node.scope;
  if (parent && hasBrand(parent, parentBrand)) return [];
  const where = parent ? `"${parent.node.path || '(app root)'}"` : 'the app root';
  return [`[placement] this ${kind} is attached to ${where}, where Harness cannot hold it, so it would be missing from the pipeline YAML; ${remedy}.`];
}
