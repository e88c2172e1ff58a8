import { IConstruct } from 'constructs';
import { IFlagRef } from '../model/flag-ref';

/**
 * A feature flag declared in this app, as other constructs (rollout plans, pipeline steps) see
 * it: the construct, and the flag's name, traffic type and treatments (`IFlagRef`), enough to
 * validate references to it at synth time.
 *
 * Implemented by `FeatureFlag`.
 */
export interface IFeatureFlag extends IConstruct, IFlagRef {}
