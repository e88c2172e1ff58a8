import { App, LocalBackend, TerraformStack } from 'cdktf';
import {
  Allocation, DefaultRule, FeatureFlag, FmeConfig, Matcher, RolloutPlan, TargetingRule,
} from '../../src';

export interface EstateOptions {
  /** Number of flags. */
  readonly flags: number;
  /** Environment names; one `RolloutPlan` per flag per environment. */
  readonly environments: string[];
  readonly outdir: string;
  readonly apiBaseUrl?: string;
  readonly statePath?: string;
  /** Flags whose Production default rule is changed (the "one-flag change" benchmark). */
  readonly changedFlags?: number[];
}

/**
 * A large platform estate: `flags` feature flags, each with a rollout plan per environment holding
 * individual targets, two targeting rules (string list + number) and a 50/50 default rule — the
 * shape of a typical production flag.
 */
export function buildEstate(options: EstateOptions): { app: App; stack: TerraformStack } {
  const app = new App({ outdir: options.outdir });
  const stack = new TerraformStack(app, 'estate');
  if (options.statePath) new LocalBackend(stack, { path: options.statePath });
  new FmeConfig(stack, 'Fme', { workspaceName: 'Default', apiBaseUrl: options.apiBaseUrl ?? 'http://127.0.0.1:1/internal/api/v2' });
  const changed = new Set(options.changedFlags ?? []);
  for (let i = 0; i < options.flags; i++) {
    const name = `flag_${String(i).padStart(5, '0')}`;
    const flag = new FeatureFlag(stack, name, { flagName: name, description: `estate flag ${i}`, tags: ['estate', `team:${i % 17}`] });
    for (const environment of options.environments) {
      const on = changed.has(i) && environment === options.environments[options.environments.length - 1] ? 75 : 50;
      new RolloutPlan(flag, environment, {
        flag,
        environment,
        defaultTreatment: 'off',
        individualTargets: [{ treatment: 'on', keys: [`qa_${i}_a`, `qa_${i}_b`] }],
        rules: [
          TargetingRule.serve('on', [Matcher.stringInList('country', ['US', 'CA'])]),
          TargetingRule.distribute([Allocation.of('on', 20), Allocation.of('off', 80)], [Matcher.numberAtLeast('age', 18 + (i % 30))]),
        ],
        defaultRule: DefaultRule.distribute([Allocation.of('on', on), Allocation.of('off', 100 - on)]),
      });
    }
  }
  return { app, stack };
}
