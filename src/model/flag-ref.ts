/**
 * A feature flag as the rules that refer to it see it: a dependency matcher checks the treatments
 * it names and the traffic type it shares, a pipeline step the treatments it writes. Plain data,
 * so the model stays free of constructs; `FeatureFlag` (through `IFeatureFlag`) implements it.
 */
export interface IFlagRef {
  /** The flag's name in FME. */
  readonly flagName: string;
  /** The traffic type the flag evaluates (e.g. `user`). */
  readonly trafficType: string;
  /** Names of the flag's treatments, in declaration order. */
  readonly treatmentNames: string[];
}
