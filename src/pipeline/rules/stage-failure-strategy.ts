import { FailureStrategy } from '../failure-strategy';

/**
 * Rule `stage-failure-strategy`: a Custom stage that changes FME must say what happens on failure.
 * When the stage declares nothing, `CustomStage` adds `AllErrors → MarkAsFailure` (see README); an
 * explicitly empty list is an error, and so is a strategy that ignores all errors.
 *
 * @internal
 */
export function stageFailureStrategyErrors(changesFme: boolean, strategies: FailureStrategy[] | undefined): string[] {
  if (!changesFme || strategies === undefined) return [];
  if (strategies.length === 0) {
    return ['[stage-failure-strategy] this stage changes FME but its failureStrategies list is empty; '
      + 'omit it to get AllErrors → MarkAsFailure, or give one.'];
  }
  const ignoresAll = strategies.some(s => s.errors.includes('AllErrors' as any) && s.action.actionType === 'Ignore');
  return ignoresAll ? ['[stage-failure-strategy] this stage changes FME and ignores all errors; a failed FME change would go unnoticed. '
    + 'Use MarkAsFailure (and a kill-on-failure stage) instead.'] : [];
}
