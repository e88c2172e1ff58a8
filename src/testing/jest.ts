/**
 * Jest matchers and a snapshot serializer for FME stacks (TypeScript and JavaScript only: jsii
 * languages use `FmeTesting` directly). Importing this module registers them with jest's `expect`:
 * put `import 'cdktf-harness-fme/lib/testing/jest';` in a test file or in a `setupFilesAfterEnv`
 * file. See the README section "Testing your flags" and docs/testing.md.
 */
import { TerraformStack } from '../cdk-runtime';
import { FmeEvaluation, FmeTesting } from './fme-testing';

/** Which flag, environment and key `toServe` evaluates. */
export interface ServeExpectation {
  /** The flag's name. */
  readonly flag: string;
  /** The environment's name. */
  readonly environment: string;
  /** The key (user id, account id, …). */
  readonly key: string;
  /** Attributes the targeting rules read. @default - none */
  readonly attributes?: Record<string, unknown>;
  /**
   * Accept an answer that depends on the key's hash bucket (a percentage split or limit exposure):
   * FME draws each definition's bucketing seeds at random, so a deployed flag may serve that key
   * another treatment (docs/testing.md#percentages). @default false
   */
  readonly allowBucketed?: boolean;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R, T> {
      /**
       * The stack (a `TerraformStack` or `FmeTesting.synth(stack)`) serves `treatment` of the flag in
       * the environment to the key with the attributes, as the Split SDK's evaluator answers it.
       */
      toServe(treatment: string, expectation: ServeExpectation): R;
    }
  }
}

/** One synthesis per stack: a test that asserts many keys pays for it once. */
const SYNTHESIZED = new WeakMap<TerraformStack, FmeTesting>();

function fmeTestingOf(received: unknown): FmeTesting {
  if (received instanceof FmeTesting) return received;
  if (TerraformStack.isStack(received)) {
    let synthesized = SYNTHESIZED.get(received);
    if (!synthesized) {
      synthesized = FmeTesting.synth(received);
      SYNTHESIZED.set(received, synthesized);
    }
    return synthesized;
  }
  throw new Error(`toServe expects a TerraformStack or FmeTesting.synth(stack), got ${typeof received}`);
}

function describeCase(e: ServeExpectation): string {
  const attributes = e.attributes && Object.keys(e.attributes).length > 0 ? ` with attributes ${JSON.stringify(e.attributes)}` : ' with no attributes';
  return `flag "${e.flag}" in environment "${e.environment}", key "${e.key}"${attributes}`;
}

function served(result: FmeEvaluation): string {
  return `"${result.treatment}" (decided by: ${result.label}${result.bucketed ? ', the key\'s hash bucket' : ''})`;
}

/**
 * `expect(stack).toServe(treatment, { flag, environment, key, attributes })`: passes when the Split
 * SDK's evaluator, run on the definitions the stack synthesizes, serves `treatment`. An answer that
 * only the key's hash bucket decides fails unless `allowBucketed` is set.
 */
export function toServe(this: jest.MatcherContext, received: unknown, treatment: string, expectation: ServeExpectation): jest.CustomMatcherResult {
  const result = fmeTestingOf(received).evaluate(expectation.flag, expectation.environment, expectation.key, expectation.attributes);
  const head = `expect(stack).${this.isNot ? 'not.' : ''}toServe("${treatment}", …)\n\n${describeCase(expectation)}\n`;
  if (result.treatment === treatment && result.bucketed && !expectation.allowBucketed && !this.isNot) {
    return {
      pass: false,
      message: () => `${head}serves ${served(result)}, but only because of where the key's hash falls in a percentage split or limit exposure. `
        + 'FME draws its own bucketing seeds when the definition is deployed, so the key may get another treatment there. '
        + 'Assert a key that an individual target or a rule decides, or pass allowBucketed: true.',
    };
  }
  const pass = result.treatment === treatment;
  return {
    pass,
    message: () => pass
      ? `${head}expected another treatment than "${treatment}", but it serves ${served(result)}`
      : `${head}expected treatment: "${treatment}"\nserved treatment:   ${served(result)}`,
  };
}

/**
 * Prints a `TerraformStack` (or an `FmeTesting`) as `FmeTesting.snapshot()` does, so
 * `expect(stack).toMatchSnapshot()` stores stable, pretty-printed JSON.
 */
export const fmeSnapshotSerializer: jest.SnapshotSerializerPlugin = {
  test: (value: unknown) => value instanceof FmeTesting || TerraformStack.isStack(value),
  print: (value: unknown) => fmeTestingOf(value).snapshot(),
};

/** Registers `toServe` and the snapshot serializer with jest's `expect` (done on import when jest runs). */
export function registerFmeMatchers(jestExpect: jest.Expect = expect): void {
  jestExpect.extend({ toServe });
  jestExpect.addSnapshotSerializer(fmeSnapshotSerializer);
}

if (typeof expect !== 'undefined') registerFmeMatchers();
