import { problem, Problem } from './problem';

/**
 * Dynamic configuration attached to a treatment (the payload `getTreatmentWithConfig()` returns).
 *
 * FME stores it as a JSON string of at most 1 KB per treatment; the size is checked at synth time.
 */
export class DynamicConfig {
  /**
   * Configuration written as JSON: any JSON object, nested objects and arrays allowed.
   *
   * @param value a plain JSON object, e.g. `{ color: 'blue', maxItems: 3 }`
   */
  public static fromJson(value: { [key: string]: any }): DynamicConfig {
    const problems: Problem[] = [];
    let json = '{}';
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(problem('dynamic configuration', 'fromJson() needs a JSON object (not an array, string or number); wrap the value in an object'));
    } else {
      try {
        json = JSON.stringify(value);
      } catch (e) {
        problems.push(problem('dynamic configuration', `the value cannot be serialized as JSON (${(e as Error).message})`));
      }
    }
    return new DynamicConfig(json, problems);
  }

  /**
   * Configuration written as key-value pairs, as in FME's form editor: every value is a string.
   *
   * @param pairs string keys and string values, e.g. `{ color: 'green', copy: 'Buy now!' }`
   */
  public static fromKeyValues(pairs: { [key: string]: string }): DynamicConfig {
    const problems: Problem[] = [];
    for (const [key, v] of Object.entries(pairs ?? {})) {
      if (typeof v !== 'string') {
        problems.push(problem('dynamic configuration', `key-value pair "${key}" has a ${typeof v} value; key-value configurations hold strings only (use DynamicConfig.fromJson for other types)`));
      }
    }
    return new DynamicConfig(JSON.stringify(pairs ?? {}), problems);
  }

  /** The configuration as the JSON string FME stores. */
  public readonly json: string;

  /** @internal problems found while building the value; reported with the construct path. */
  public readonly _problems: Problem[];

  private constructor(json: string, problems: Problem[]) {
    this.json = json;
    this._problems = problems;
  }

  /** Size of the serialized configuration in bytes (UTF-8). */
  public get sizeBytes(): number {
    return Buffer.byteLength(this.json, 'utf8');
  }
}
