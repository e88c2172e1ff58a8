import { IFeatureFlag } from './flag-reference';

/**
 * Which flag and environment a rollout construct applies to. Give `flag` for a flag declared in
 * this app, or `flagName` for a flag managed elsewhere.
 */
export interface FlagEnvironmentProps {
  /**
   * The flag, declared in this app (e.g. a `FeatureFlag`).
   *
   * @default - `flagName` must be given
   */
  readonly flag?: IFeatureFlag;

  /**
   * Name of a flag managed elsewhere (not declared in this app).
   *
   * @default - the name of `flag`
   */
  readonly flagName?: string;

  /**
   * Traffic type of a flag given by `flagName`; checked against dependencies and the declared flag.
   *
   * @default - the traffic type of `flag`, else 'user'
   */
  readonly trafficType?: string;

  /** FME environment name or id, e.g. `Production`. */
  readonly environment: string;
}
