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
 */
export class FmeValidationError extends Error {
  /** Path of the construct whose properties are invalid (empty when not known). */
  public readonly constructPath: string;
  /** Every problem found, each as `<rule>: <what is wrong and what to do>`. */
  public readonly problems: string[];

  constructor(constructPath: string, problems: string[]) {
    const prefix = constructPath ? `[${constructPath}] ` : '';
    super(problems.map((p) => `${prefix}${p}`).join('\n'));
    this.name = 'FmeValidationError';
    this.constructPath = constructPath;
    this.problems = problems;
    Object.defineProperty(this, BRAND, { value: true });
    Object.setPrototypeOf(this, FmeValidationError.prototype);
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
