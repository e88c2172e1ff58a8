import { PipelineValidationError } from './errors';

/** What a looping strategy does when one iteration fails. */
export enum LoopFailureBehavior {
  /** Run every remaining iteration anyway. */
  RUN_ALL = 'RunAll',
  /** Skip iterations that have not started yet. */
  SKIP_QUEUED = 'SkipQueued',
}

/** Options shared by the looping strategies. */
export interface LoopingOptions {
  /**
   * How many iterations may run at the same time.
   * @default - Harness's default (all at once for matrix/repeat)
   */
  readonly maxConcurrency?: number;
  /**
   * What to do with the other iterations when one fails.
   * @default - Harness's default
   */
  readonly onFailure?: LoopFailureBehavior;
}

/** Options of `LoopingStrategy.matrix`. */
export interface MatrixOptions extends LoopingOptions {
  /**
   * The axes: each key is an axis name, each value the list of values it takes; one iteration runs per
   * combination. Read a value with `<+matrix.AXIS>`, e.g. `environment: <+matrix.env>`.
   */
  readonly axes: { [axis: string]: string[] };
}

/**
 * Runs a step, step group or stage several times (`strategy:`). One FME call set runs per iteration.
 *
 * @example LoopingStrategy.matrix({ axes: { env: ['staging', 'production'] } })
 */
export class LoopingStrategy {
  /** One iteration per combination of axis values. */
  public static matrix(options: MatrixOptions): LoopingStrategy {
    const axes = Object.keys(options.axes);
    if (axes.length === 0) throw new PipelineValidationError('Matrix strategy: give at least one axis.');
    const matrix: { [key: string]: any } = {};
    for (const axis of axes) {
      if (!/^[a-zA-Z_][0-9a-zA-Z_]*$/.test(axis)) {
        throw new PipelineValidationError(`Matrix strategy: axis name "${axis}" must be an identifier (letters, digits, _).`);
      }
      if (options.axes[axis].length === 0) throw new PipelineValidationError(`Matrix strategy: axis "${axis}" has no values.`);
      matrix[axis] = [...options.axes[axis]];
    }
    if (options.maxConcurrency !== undefined) matrix.maxConcurrency = positive('maxConcurrency', options.maxConcurrency);
    return new LoopingStrategy({ matrix }, options.onFailure);
  }

  /** Repeat a fixed number of times; `<+repeat.item>` is not set, `<+strategy.iteration>` is. */
  public static repeatTimes(times: number, options: LoopingOptions = {}): LoopingStrategy {
    const repeat: { [key: string]: any } = { times: positive('times', times) };
    if (options.maxConcurrency !== undefined) repeat.maxConcurrency = positive('maxConcurrency', options.maxConcurrency);
    return new LoopingStrategy({ repeat }, options.onFailure);
  }

  /** Repeat once per item; read the item with `<+repeat.item>`. */
  public static repeatItems(items: string[], options: LoopingOptions = {}): LoopingStrategy {
    if (items.length === 0) throw new PipelineValidationError('Repeat strategy: give at least one item.');
    const repeat: { [key: string]: any } = { items: [...items] };
    if (options.maxConcurrency !== undefined) repeat.maxConcurrency = positive('maxConcurrency', options.maxConcurrency);
    return new LoopingStrategy({ repeat }, options.onFailure);
  }

  /** Run `count` copies in parallel. */
  public static parallelism(count: number, options: LoopingOptions = {}): LoopingStrategy {
    if (options.maxConcurrency !== undefined) {
      throw new PipelineValidationError('Parallelism strategy: maxConcurrency does not apply; set the count instead.');
    }
    return new LoopingStrategy({ parallelism: positive('parallelism', count) }, options.onFailure);
  }

  private constructor(private readonly body: { [key: string]: any }, private readonly onFailure?: LoopFailureBehavior) {}

  /** @internal */
  public _render(): { [key: string]: any } {
    return this.onFailure ? { ...this.body, onFailure: this.onFailure } : { ...this.body };
  }
}

function positive(what: string, n: number): number {
  if (!Number.isInteger(n) || n < 1) {
    throw new PipelineValidationError(`Looping strategy: ${what} must be a positive integer, got ${n}.`);
  }
  return n;
}
