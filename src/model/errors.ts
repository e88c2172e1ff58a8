const BRAND = Symbol.for('cdktf-harness-fme.FmeValidationError');

/**
 * Thrown when a construct's properties break a rule of FME (or of this library) at synth time.
 *
 * The message names the construct path and the rule, e.g.
 * `[platform/NewCheckout/Production] treatment names: "control" is a reserved word; rename the treatment`.
 *
 * jsii cannot export classes that extend `Error`, so this class is not in the package index:
 * TypeScript users import it from `cdktf-harness-fme/lib/model/errors`; every language can use
 * `FmeErrors.isValidationError(e)`.
 *
 * The pipeline's `PipelineValidationError` (`lib/pipeline/errors`) extends it: one error family, so
 * `FmeErrors.isValidationError(e)` is also true for a pipeline that breaks a rule.
 */
export class FmeValidationError extends Error {
  /** Path of the construct whose properties are invalid (empty when not known). */
  public readonly constructPath: string;
  /** Every problem found, each as `<rule>: <what is wrong and what to do>`. */
  public readonly problems: string[];

  /**
   * @param constructPath the construct whose properties are invalid, or '' when not known
   * @param problems every problem found
   * @param message the error message; by default one line per problem, each prefixed with the construct path
   */
  constructor(constructPath: string, problems: string[], message?: string) {
    const prefix = constructPath ? `[${constructPath}] ` : '';
    super(message ?? problems.map((p) => `${prefix}${p}`).join('\n'));
    this.name = 'FmeValidationError';
    this.constructPath = constructPath;
    this.problems = problems;
    Object.defineProperty(this, BRAND, { value: true });
    // `new.target`: a subclass (the pipeline's `PipelineValidationError`) keeps its own prototype.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * Recognizes the library's errors (works across copies of the package and from every jsii language).
 */
export class FmeErrors {
  /**
   * Whether `error` is an `FmeValidationError`: a synth-time rule was broken.
   *
   * @param error anything caught
   */
  public static isValidationError(error: any): boolean {
    return error !== null && typeof error === 'object' && (error as Record<symbol, unknown>)[BRAND] === true;
  }

  /**
   * The construct path named by an `FmeValidationError`, or undefined for other errors.
   *
   * @param error anything caught
   */
  public static constructPathOf(error: any): string | undefined {
    return FmeErrors.isValidationError(error) ? (error as FmeValidationError).constructPath : undefined;
  }

  private constructor() {}
}
