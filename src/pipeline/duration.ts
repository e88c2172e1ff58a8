import { PipelineValidationError } from './errors';
import { isExpression, TIMEOUT_PATTERN } from './patterns';

const UNIT_ORDER = 'wdhms';

/**
 * A Harness duration: a step/stage/pipeline `timeout`, a `Wait` duration, a retry interval or a
 * manual-intervention timeout, rendered in Harness's notation (`10m`, `1h 30m`, `1d`).
 *
 * Harness's published timeout pattern rejects single-digit seconds (`5s`, `0s`): use
 * `HarnessDuration.seconds(10)` or more, or minutes. Such values are rejected when the duration is
 * built, so the mistake surfaces at the line that made it.
 *
 * @example HarnessDuration.minutes(5) // "5m"
 * @example HarnessDuration.parse('1h 30m')
 */
export class HarnessDuration {
  /** A number of seconds; must be at least 10 (Harness rejects `5s`). */
  public static seconds(amount: number): HarnessDuration {
    return HarnessDuration.ofUnit(amount, 's');
  }

  /** A number of minutes. */
  public static minutes(amount: number): HarnessDuration {
    return HarnessDuration.ofUnit(amount, 'm');
  }

  /** A number of hours. */
  public static hours(amount: number): HarnessDuration {
    return HarnessDuration.ofUnit(amount, 'h');
  }

  /** A number of days. */
  public static days(amount: number): HarnessDuration {
    return HarnessDuration.ofUnit(amount, 'd');
  }

  /** A number of weeks. */
  public static weeks(amount: number): HarnessDuration {
    return HarnessDuration.ofUnit(amount, 'w');
  }

  /**
   * Parses Harness notation: one or more `<positive integer><unit>` parts, units `w d h m s`, largest
   * first, separated by single spaces (`1h 30m`, `2d`, `1m 5s`).
   *
   * @throws PipelineValidationError when the text is not in that notation or fails Harness's pattern.
   */
  public static parse(text: string): HarnessDuration {
    const parts = text.trim().split(/\s+/);
    let lastUnit = -1;
    for (const part of parts) {
      const m = /^([1-9]\d*)([wdhms])$/.exec(part);
      if (!m) {
        throw new PipelineValidationError(`Invalid duration "${text}": use parts like "10m", "1h 30m" or "2d" (positive integers, units w d h m s).`);
      }
      const unit = UNIT_ORDER.indexOf(m[2]);
      if (unit <= lastUnit) {
        throw new PipelineValidationError(`Invalid duration "${text}": list each unit once, largest first (e.g. "1h 30m").`);
      }
      lastUnit = unit;
    }
    return HarnessDuration.checked(parts.join(' '));
  }

  /**
   * A Harness expression resolved at run time, e.g. `<+input>` or `<+pipeline.variables.waitTime>`.
   * Not accepted where Harness requires a literal (manual-intervention timeouts).
   */
  public static expression(expression: string): HarnessDuration {
    if (!isExpression(expression)) {
      throw new PipelineValidationError(`Invalid duration expression "${expression}": it must start with "<+", e.g. "<+input>".`);
    }
    if (/\.executionInput\(\)/.test(expression)) {
      throw new PipelineValidationError(`Invalid duration expression "${expression}": Harness does not accept .executionInput() for durations.`);
    }
    return new HarnessDuration(expression, true);
  }

  private static ofUnit(amount: number, unit: string): HarnessDuration {
    if (!Number.isInteger(amount) || amount < 1) {
      throw new PipelineValidationError(`Invalid duration ${amount}${unit}: the amount must be a positive integer.`);
    }
    return HarnessDuration.checked(`${amount}${unit}`);
  }

  private static checked(text: string): HarnessDuration {
    if (!TIMEOUT_PATTERN.test(text)) {
      throw new PipelineValidationError(
        `Invalid duration "${text}": Harness's timeout pattern rejects single-digit seconds; use 10s or more, or minutes (e.g. "1m").`);
    }
    return new HarnessDuration(text, false);
  }

  /** True when the duration is a Harness expression rather than a literal. */
  public readonly isExpression: boolean;

  private constructor(private readonly text: string, isExpr: boolean) {
    this.isExpression = isExpr;
  }

  /** The duration in Harness notation, as written to YAML. */
  public toString(): string {
    return this.text;
  }
}
