import { IConstruct } from 'constructs';

/**
 * A feature flag declared in this app, as other constructs (rollout plans, pipeline steps)
 * see it: enough to validate references to it at synth time.
 *
 * Implemented by `FeatureFlag`.
 */
export interface IFeatureFlag extends IConstruct {
  /** The flag's name in FME. */
  readonly flagName: string;
  /** The traffic type the flag evaluates (e.g. `user`). */
  readonly trafficType: string;
  /** Names of the flag's treatments, in declaration order. */
  readonly treatmentNames: string[];
}
