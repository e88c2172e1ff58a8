import { Construct } from 'constructs';
import { HarnessDuration } from '../duration';
import { Step, StepOptions } from './step';

/** Props of `WaitStep`. */
export interface WaitStepProps extends StepOptions {
  /** How long to wait, e.g. `HarnessDuration.minutes(30)` (Harness rejects single-digit seconds). */
  readonly duration: HarnessDuration;
}

/** Wait (`Wait`): pauses the stage, e.g. to let metrics accumulate between ramp steps. */
export class WaitStep extends Step {
  private readonly duration: HarnessDuration;

  constructor(scope: Construct, id: string, props: WaitStepProps) {
    super(scope, id, 'Wait', props);
    this.duration = props.duration;
  }

  protected renderSpec(): { [key: string]: any } {
    return { duration: this.duration.toString() };
  }
}
