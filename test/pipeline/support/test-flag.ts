import { Construct } from 'constructs';
import { IFeatureFlag } from '../../../src/constructs/flag-reference';

/**
 * A minimal `IFeatureFlag`: the interface pipeline steps consume. Lets these tests run without the
 * `FeatureFlag` construct (written in parallel in src/constructs).
 */
export class TestFlag extends Construct implements IFeatureFlag {
  public readonly flagName: string;
  public readonly trafficType: string;
  public readonly treatmentNames: string[];

  constructor(scope: Construct, id: string, flagName: string, treatmentNames: string[] = ['on', 'off'], trafficType = 'user') {
    super(scope, id);
    this.flagName = flagName;
    this.trafficType = trafficType;
    this.treatmentNames = treatmentNames;
  }
}
