import { Construct } from 'constructs';
import { StepElement } from './element';
import { PipelineStage, StageProps } from './stage';
import { addRule } from './validation';

/** Props of `ApprovalStage`. */
export interface ApprovalStageProps extends StageProps {}

/**
 * An Approval stage (`type: Approval`): a stage of its own for sign-off, e.g. before a stage that
 * changes FME. Holds `HarnessApprovalStep`, `WaitStep` and `ShellScriptStep` (and groups of them);
 * Harness's schema allows no FME step in it (docs/harness-pipelines.md, where FME steps run).
 *
 * @example
 * const approval = new ApprovalStage(pipeline, 'sign_off');
 * new HarnessApprovalStep(approval, 'approve', { userGroups: ['release_managers'] });
 */
export class ApprovalStage extends PipelineStage {
  constructor(scope: Construct, id: string, props: ApprovalStageProps = {}) {
    super(scope, id, 'Approval', props);
    addRule(this, () => this.node.findAll()
      .filter(c => StepElement.isStepElement(c) && typeof (c as { stepType?: unknown }).stepType === 'string'
        && ((c as unknown as { stepType: string }).stepType).startsWith('Fme'))
      .map(c => `[approval-stage-steps] ${(c as unknown as { stepType: string }).stepType} step "${c.node.path}" cannot run in an Approval stage `
        + '(Harness allows FME steps only in Custom stages); move it to a CustomStage.'));
  }
}
