import { FmeValidationError } from '../model/errors';

const BRAND = Symbol.for('cdktf-harness-fme.PipelineValidationError');

/**
 * Thrown when a pipeline cannot be rendered because it breaks a rule (Harness's schema, or one of the
 * practical rules in `src/pipeline/README.md`), or when a value object (e.g. `HarnessDuration.parse`)
 * is built from invalid input.
 *
 * During `app.synth()` the same rules surface as construct validation errors (`node.addValidation`),
 * each prefixed with the construct path; `FmePipeline.toYaml()` collects them and throws this error.
 *
 * It is an `FmeValidationError` (one error family with the constructs' errors): each violation
 * names its own construct path, so `constructPath` is empty and `problems` equals `violations`.
 *
 * jsii cannot export classes that extend `Error`, so this class is not in the package index:
 * TypeScript users import it from `cdktf-harness-fme/lib/pipeline/errors`; every language can use
 * `PipelineErrors.isValidationError(e)` and `PipelineErrors.violationsOf(e)` (or
 * `FmeErrors.isValidationError(e)`, which is true for these errors too).
 */
export class PipelineValidationError extends FmeValidationError {
  /** Every rule violation found, each as `[<construct path>] [<rule id>] <message>` (or one message). */
  public readonly violations: string[];

  constructor(message: string, violations?: string[]) {
    const list = violations ?? [message];
    super('', list, violations && violations.length > 0 ? `${message}\n  ${violations.join('\n  ')}` : message);
    this.name = 'PipelineValidationError';
    this.violations = list;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** Recognizes the pipeline module's errors (works across package copies and from every jsii language). */
export class PipelineErrors {
  /**
   * Whether `error` is a `PipelineValidationError`.
   *
   * @param error anything caught
   */
  public static isValidationError(error: any): boolean {
    return error !== null && typeof error === 'object' && (error as { [key: symbol]: unknown })[BRAND] === true;
  }

  /**
   * The violations a `PipelineValidationError` lists, or undefined for other errors.
   *
   * @param error anything caught
   */
  public static violationsOf(error: any): string[] | undefined {
    return PipelineErrors.isValidationError(error) ? [...(error as PipelineValidationError).violations] : undefined;
  }

  private constructor() {}
}
