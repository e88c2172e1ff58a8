import { MatcherDependency } from './dependency';
import { IFlagRef } from './flag-ref';
import { problem, Problem } from './problem';
import { PrerequisiteSpec } from '../spec/resource-spec';

const RULE = 'prerequisites';

/**
 * A flag that must serve one of the given treatments to a key before this flag's targeting runs
 * for that key. When a prerequisite is not met, SDKs serve the flag's default treatment (label
 * `prerequisites not met`), after the kill check and before limit exposure, individual targets and
 * rules (docs/fme-api.md#prerequisites). All of a plan's prerequisites must be met.
 *
 * @example
 * Prerequisite.flag(newCheckout, ['on'])
 */
export class Prerequisite {
  /**
   * Requires `flag` to serve one of `treatments` (checked against the flag's treatments at synth).
   *
   * @param flag the prerequisite flag
   * @param treatments the treatments of `flag` that meet the prerequisite (at least one)
   */
  public static flag(flag: IFlagRef, treatments: string[]): Prerequisite {
    return new Prerequisite(flag?.flagName, treatments, flag);
  }

  /**
   * Requires the flag named `flagName` (managed elsewhere, or declared in this app) to serve one
   * of `treatments`.
   *
   * @param flagName the name of the prerequisite flag
   * @param treatments the treatments of that flag that meet the prerequisite (at least one)
   */
  public static flagNamed(flagName: string, treatments: string[]): Prerequisite {
    return new Prerequisite(flagName, treatments, undefined);
  }

  /** The prerequisite flag's name. */
  public readonly flagName: string;
  /** The treatments that meet the prerequisite, as given. */
  public readonly treatments: string[];

  /** @internal the flag as a dependency, for the cross-flag rules (cycles, declared treatments). */
  public readonly _dependency: MatcherDependency;
  /** @internal problems with the values, reported with the construct path. */
  public readonly _problems: Problem[];

  private constructor(flagName: string, treatments: string[], flag: IFlagRef | undefined) {
    const name = typeof flagName === 'string' ? flagName : '';
    const list = Array.isArray(treatments) ? [...treatments] : [];
    this.flagName = name;
    this.treatments = list;
    this._problems = valueProblems(name, treatments);
    this._dependency = { flagName: name, treatments: list, flag, via: 'prerequisite' };
  }

  /** @internal the Admin API form (docs/fme-api.md#prerequisites): treatments sorted and de-duplicated. */
  public get _spec(): PrerequisiteSpec {
    return { flagName: this.flagName, treatments: [...new Set(this.treatments)].sort() };
  }
}

function valueProblems(flagName: string, treatments: unknown): Problem[] {
  const out: Problem[] = [];
  if (flagName.trim().length === 0) out.push(problem(RULE, 'a prerequisite names no flag; name the flag that must be served first'));
  const where = flagName ? `prerequisite "${flagName}"` : 'a prerequisite';
  if (!Array.isArray(treatments) || treatments.length === 0) {
    out.push(problem(RULE, `${where} names no treatment; list the treatment(s) of that flag that meet it`));
    return out;
  }
  for (const t of treatments) {
    if (typeof t !== 'string' || t.trim().length === 0) out.push(problem(RULE, `${where}: ${JSON.stringify(t)} is not a treatment name; use a treatment of that flag`));
  }
  const twice = treatments.filter((t, i) => treatments.indexOf(t) !== i);
  if (twice.length > 0) out.push(problem(RULE, `${where} lists treatment(s) ${[...new Set(twice)].join(', ')} twice; list each once`));
  return out;
}
