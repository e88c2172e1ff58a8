import { IConstruct } from 'constructs';
import { runtimeOf, TerraformStack } from '../cdk-runtime';
import { effectiveDefinition, segmentKeysIn } from './internal/effective-definitions';
import { EnvironmentModel } from './internal/environment-model';
import { stableSnapshot } from './internal/stable-snapshot';
import { synthesizedSpecs, SynthesizedSpecs } from './internal/synthesized-specs';
import { partsOf } from '../constructs/internal/parts';
import { FmeValidationError } from '../model/errors';

/**
 * What the Split SDK's evaluator answers for one key, computed by `FmeTesting.evaluate`.
 */
export interface FmeEvaluation {
  /** The flag evaluated. */
  readonly flagName: string;
  /** The environment whose definition was used. */
  readonly environment: string;
  /** The key evaluated. */
  readonly key: string;
  /** The treatment the SDK serves (`control` when the stack does not define the flag there). */
  readonly treatment: string;
  /**
   * What decided, as the SDK labels it: `whitelisted` (an individual target), `whitelisted segment
   * <name>`, the rule's matchers (`country in list [US, CA]`), `default rule`, `killed`,
   * `not in split` (outside limit exposure), `definition not found`.
   */
  readonly label: string;
  /**
   * The treatment's dynamic configuration (JSON text).
   *
   * @default - none
   */
  readonly config?: string;
  /**
   * Whether the answer depends on the key's hash bucket (a percentage split or limit exposure).
   * FME draws each definition's bucketing seeds at random, so a deployed flag may put the key in
   * another bucket: the kit's answer for it is an example, not a promise.
   */
  readonly bucketed: boolean;
}

/**
 * Message of a cdktf validation that concerns the machine, not the stack: Terraform is not
 * installed where the tests run (FmeConfig checks the Terraform version for the deploy).
 */
const TERRAFORM_MISSING = /^Could not determine version of terraform\b/;

/**
 * A synthesized stack, ready for assertions about its FME flags without a deploy: the composed
 * definition of each flag per environment, the treatment the real Split SDK evaluator serves a key,
 * and a snapshot that stays the same across machines and library versions. See the README section
 * "Testing your flags" and docs/testing.md.
 *
 * @example
 * const fme = FmeTesting.synth(stack);
 * fme.treatment('new_checkout', 'Production', 'qa_alice'); // 'on'
 */
export class FmeTesting {
  /**
   * Synthesizes `stack` with every check the library makes in `cdktf synth` (rules spanning
   * constructs, the stack's `FmeConfig`, other validations), except that Terraform need not be
   * installed.
   *
   * @throws FmeValidationError naming the construct path and the rule of each problem
   */
  public static synth(stack: TerraformStack): FmeTesting {
    // The Testing helper of the package the stack comes from: cdktf or cdktn (docs/cdk-terrain.md).
    const json = runtimeOf(stack).core.Testing.synth(stack);
    const problems = stack.node.findAll().flatMap((c: IConstruct) => c.node.validate()
      .filter((message) => !TERRAFORM_MISSING.test(message))
      .map((message) => ({ path: c.node.path, message })));
    if (problems.length > 0) {
      throw new FmeValidationError(problems[0].path, problems.map((p) => p.message), problems.map((p) => `[${p.path}] ${p.message}`).join('\n'));
    }
    return new FmeTesting(json, largeSegmentKeysOf(stack));
  }

  /** The synthesized Terraform JSON, as `Testing.synth` returns it. */
  public readonly terraformJson: string;

  private readonly specs: SynthesizedSpecs;
  private readonly environments = new Map<string, EnvironmentModel>();

  private constructor(terraformJson: string, largeSegmentKeys: ReadonlyMap<string, ReadonlyMap<string, string[]>>) {
    this.terraformJson = terraformJson;
    this.specs = { ...synthesizedSpecs(JSON.parse(terraformJson)), largeSegmentKeys };
  }

  /** Names of the flags the stack synthesizes, sorted. */
  public flagNames(): string[] {
    return this.specs.flags.map((f) => f.flagName);
  }

  /** Names of the segments the stack synthesizes, sorted. */
  public segmentNames(): string[] {
    return this.specs.segments.map((s) => s.segmentName);
  }

  /**
   * Environments in which the stack declares anything for the flag, sorted.
   *
   * @param flagName the flag's name
   */
  public environmentsOf(flagName: string): string[] {
    return this.flagSpec(flagName).environments.map((e) => e.environment);
  }

  /**
   * The flag's definition in the environment as a deploy leaves it, as plain JSON: the Admin API
   * definition (`treatments` with their individual targets, `defaultTreatment`, `trafficAllocation`,
   * `rules`, `defaultRule`, `baselineTreatment`) plus `killed`. Every construct for the flag and
   * environment is merged in (`RolloutPlan`, `IndividualTargets`, `DefaultAllocation`, `KillSwitch`).
   *
   * @param flagName the flag's name
   * @param environment the environment's name, as the constructs give it
   * @throws Error when the stack does not decide the definition (nothing declared there, or only parts of a definition managed elsewhere)
   */
  public definition(flagName: string, environment: string): any {
    const definition = effectiveDefinition(this.flagSpec(flagName), environment);
    if (!definition) throw new Error(this.undecided(flagName, environment));
    return JSON.parse(JSON.stringify(definition));
  }

  /**
   * The keys a deploy leaves in the segment in the environment (for an incremental segment: the
   * keys it adds, which may not be all).
   *
   * @param segmentName the segment's name
   * @param environment the environment's name
   */
  public segmentKeys(segmentName: string, environment: string): string[] {
    const segment = this.specs.segments.find((s) => s.segmentName === segmentName);
    const keys = segment ? segmentKeysIn(segment, environment) : undefined;
    if (!keys) throw new Error(`the stack declares no keys for segment "${segmentName}" in environment "${environment}"`);
    return keys;
  }

  /**
   * Evaluates the flag for a key with the Split SDK's own evaluator, in process, on the definitions
   * the stack synthesizes for the environment (segments and the flags it depends on included).
   *
   * @param flagName the flag's name
   * @param environment the environment's name
   * @param key the key (user id, account id, … as the flag's traffic type says)
   * @param attributes attributes the targeting rules read
   */
  public evaluate(flagName: string, environment: string, key: string, attributes?: { [name: string]: any }): FmeEvaluation {
    const model = this.environment(environment);
    if (!model.has(flagName)) throw new Error(this.undecided(flagName, environment));
    return { flagName, environment, key, ...model.evaluate(flagName, key, attributes) };
  }

  /**
   * The treatment the Split SDK serves the key (see `evaluate`).
   *
   * @param flagName the flag's name
   * @param environment the environment's name
   * @param key the key
   * @param attributes attributes the targeting rules read
   */
  public treatment(flagName: string, environment: string, key: string, attributes?: { [name: string]: any }): string {
    return this.evaluate(flagName, environment, key, attributes).treatment;
  }

  /**
   * The synthesized stack as stable, pretty-printed JSON for snapshot tests: each spec decoded into
   * nested JSON (a diff shows the changed rule), and the handler asset path (library version), the
   * digests and the Admin API URL the machine supplies (`$FME_API_BASE_URL` or the default)
   * replaced by placeholders.
   */
  public snapshot(): string {
    return stableSnapshot(JSON.parse(this.terraformJson));
  }

  private flagSpec(flagName: string) {
    const flag = this.specs.flags.find((f) => f.flagName === flagName);
    if (!flag) throw new Error(`the stack synthesizes no flag "${flagName}"; its flags: ${this.flagNames().join(', ') || 'none'}`);
    return flag;
  }

  private environment(environment: string): EnvironmentModel {
    let model = this.environments.get(environment);
    if (!model) {
      model = new EnvironmentModel(this.specs, environment);
      this.environments.set(environment, model);
    }
    return model;
  }

  private undecided(flagName: string, environment: string): string {
    const declared = this.flagSpec(flagName).environments.some((e) => e.environment === environment);
    return declared
      ? `the stack does not decide the definition of flag "${flagName}" in environment "${environment}": it adds targets, an allocation or a kill switch to a definition managed elsewhere; add a RolloutPlan to test it`
      : `the stack declares nothing for flag "${flagName}" in environment "${environment}"; its environments: ${this.environmentsOf(flagName).join(', ') || 'none'}`;
  }
}

/**
 * The keys of the stack's large segments, by environment and name, read from the constructs (their
 * synthesized specs name only a keys file and its digest). Keys files were checked by synthesis.
 */
function largeSegmentKeysOf(stack: TerraformStack): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const part of stack.node.findAll().flatMap((c: IConstruct) => partsOf(c))) {
    if (part.kind !== 'largeSegment') continue;
    for (const [environment, file] of part.files) {
      const byName = out.get(environment) ?? out.set(environment, new Map()).get(environment)!;
      byName.set(part.segmentName, file.content.split('\n').filter((k) => k.length > 0));
    }
  }
  return out;
}
