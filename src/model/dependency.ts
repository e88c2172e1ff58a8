import { IFlagRef } from './flag-ref';

/** A flag another flag's matcher depends on (internal bookkeeping for the dependency rules). */
export interface MatcherDependency {
  readonly flagName: string;
  readonly treatments: string[];
  /** Set when the flag was referenced as a construct (its traffic type is then known). */
  readonly flag?: IFlagRef;
}
