import { PipelineValidationError } from './errors';

/** The value kinds Harness NG variables support. */
export enum VariableType {
  /** A string. */
  STRING = 'String',
  /** A number. */
  NUMBER = 'Number',
  /** A reference to a Harness secret (its identifier, e.g. `account.fmeApiKey`). */
  SECRET = 'Secret',
}

/** Options shared by every variable. */
export interface VariableOptions {
  /**
   * What the variable is for, shown to the person who runs the pipeline.
   * @default - no description
   */
  readonly description?: string;
  /**
   * Whether a value must be supplied when the pipeline runs.
   * @default false
   */
  readonly required?: boolean;
}

/** Options for a string variable. */
export interface StringVariableOptions extends VariableOptions {
  /**
   * A fixed value. Leave unset (or set `runtimeInput`) to ask for the value at run time.
   * @default - a runtime input (`<+input>`)
   */
  readonly value?: string;
  /**
   * Ask for the value when the pipeline runs (`<+input>`), pre-filled with `defaultValue` if given.
   * @default - true when `value` is unset
   */
  readonly runtimeInput?: boolean;
  /**
   * The value offered by default when the variable is a runtime input (`<+input>.default(x)`).
   * @default - no default
   */
  readonly defaultValue?: string;
  /**
   * The only values the runtime input accepts (`<+input>.allowedValues(a,b)`).
   * @default - any value
   */
  readonly allowedValues?: string[];
}

/** Options for a number variable. */
export interface NumberVariableOptions extends VariableOptions {
  /**
   * A fixed value.
   * @default - a runtime input (`<+input>`)
   */
  readonly value?: number;
  /**
   * The value offered by default when the variable is a runtime input.
   * @default - no default
   */
  readonly defaultValue?: number;
}

/** Options for a secret variable. */
export interface SecretVariableOptions extends VariableOptions {
  /**
   * The secret's identifier (e.g. `account.fmeApiKey`); never the secret's value.
   * @default - a runtime input (`<+input>`)
   */
  readonly secretRef?: string;
}

/**
 * A pipeline (or stage) variable: `<+pipeline.variables.NAME>` resolves to its value.
 *
 * @example PipelineVariable.string('flagName', { required: true, description: 'The flag to roll out' })
 */
export class PipelineVariable {
  /** A string variable. */
  public static string(name: string, options: StringVariableOptions = {}): PipelineVariable {
    const runtime = options.runtimeInput ?? options.value === undefined;
    if (runtime && options.value !== undefined) {
      throw new PipelineValidationError(`Variable "${name}": set either value or runtimeInput, not both.`);
    }
    if (!runtime && (options.defaultValue !== undefined || options.allowedValues !== undefined)) {
      throw new PipelineValidationError(`Variable "${name}": defaultValue and allowedValues apply only to runtime inputs.`);
    }
    let value = options.value ?? '<+input>';
    if (runtime) {
      value = '<+input>';
      if (options.defaultValue !== undefined) value += `.default(${options.defaultValue})`;
      if (options.allowedValues !== undefined) value += `.allowedValues(${options.allowedValues.join(',')})`;
    }
    return new PipelineVariable(name, VariableType.STRING, value, options);
  }

  /** A number variable. */
  public static number(name: string, options: NumberVariableOptions = {}): PipelineVariable {
    let value: string | number;
    if (options.value !== undefined) {
      if (options.defaultValue !== undefined) {
        throw new PipelineValidationError(`Variable "${name}": defaultValue applies only to runtime inputs; do not combine it with value.`);
      }
      value = options.value;
    } else {
      value = options.defaultValue !== undefined ? `<+input>.default(${options.defaultValue})` : '<+input>';
    }
    return new PipelineVariable(name, VariableType.NUMBER, value, options);
  }

  /** A secret variable: holds a reference to a Harness secret, never the secret itself. */
  public static secret(name: string, options: SecretVariableOptions = {}): PipelineVariable {
    const ref = options.secretRef ?? '<+input>';
    if (/<\+secrets\.getValue\(/.test(ref)) {
      throw new PipelineValidationError(`Variable "${name}": give the secret's identifier (e.g. "account.apiKey"), not a <+secrets.getValue()> expression.`);
    }
    return new PipelineVariable(name, VariableType.SECRET, ref, options);
  }

  /** The variable's name. */
  public readonly name: string;
  /** The variable's type. */
  public readonly type: VariableType;
  private readonly value: string | number;
  private readonly options: VariableOptions;

  private constructor(name: string, type: VariableType, value: string | number, options: VariableOptions) {
    this.name = name;
    this.type = type;
    this.value = value;
    this.options = options;
  }

  /** The expression that reads this variable at pipeline scope: `<+pipeline.variables.NAME>`. */
  public get expression(): string {
    return `<+pipeline.variables.${this.name}>`;
  }

  /** @internal */
  public _render(): { [key: string]: any } {
    const out: { [key: string]: any } = { name: this.name, type: this.type };
    if (this.options.description !== undefined) out.description = this.options.description;
    out.required = this.options.required ?? false;
    out.value = this.value;
    return out;
  }
}
