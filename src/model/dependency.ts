import { IFlagRef } from './flag-ref';

/**
 * A flag another flag's definition depends on (internal bookkeeping for the dependency rules): an
 * "is in feature flag" matcher, or a prerequisite.
 */
export interface MatcherDependency {
  readonly flagName: string;
  readonly treatments: string[];
  /** Set when the flag was referenced as a construct (its traffic type is then known). */
  readonly flag?: IFlagRef;
  /** `prerequisite` for a `Prerequisite`; absent for a dependency matcher. */
  readonly via?: 'prerequisite';
}
