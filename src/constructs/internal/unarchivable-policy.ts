import { PathProblem, pathProblem } from './path-problem';
import type { RemovalPolicySpec } from '../../spec/resource-spec';

/**
 * The removal policy of an object FME cannot archive — segments of every kind and flag sets
 * (docs/fme-api.md#archive-and-unarchive). `ARCHIVE` on the object's own construct is a synth error
 * (`problems`); a stack-wide `ARCHIVE` (`FmeConfig.removalPolicy`) is about flags, so these objects
 * are deleted under it.
 */
export function unarchivablePolicy(
  part: { readonly path: string; readonly removalPolicy?: RemovalPolicySpec }, stackPolicy: RemovalPolicySpec, what: string,
): { readonly policy: RemovalPolicySpec; readonly problems: PathProblem[] } {
  const problems = part.removalPolicy === 'archive'
    ? [pathProblem(part.path, 'removal policy', `RemovalPolicy.ARCHIVE archives flags; FME has no archive for a ${what}, so use RemovalPolicy.DESTROY or RETAIN`)]
    : [];
  return { policy: (part.removalPolicy ?? stackPolicy) === 'retain' ? 'retain' : 'destroy', problems };
}
